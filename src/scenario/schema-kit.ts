/**
 * Building blocks for the scenario schema. Every schema here carries, as its zod error message, the
 * phrase that completes "expected …" — so turning zod issues into user-facing problems never has to
 * guess what a field wanted.
 */
import * as z from 'zod';
import { DURATION_PATTERN, EXPECTED_DURATION, durationMs } from './durations.js';
import type { PathSegment } from './errors.js';
import { CONTROL_IN_NAME, CONTROL_IN_TEXT, LIMITS, describeControl } from './limits.js';

/** Zod params whose error message is the "expected" phrase. */
export const says = (expected: string) => ({ error: expected });

/** The "expected" phrase of an unknown-key problem; {@link knownKeysFrom} reads the keys back. */
export function knownKeysExpected(keys: readonly string[]): string {
  return `a known key (${keys.join(', ')})`;
}

/** The keys listed by {@link knownKeysExpected}, for suggesting a spelling. */
export function knownKeysFrom(expected: string): string[] {
  const m = /^a known key \((.*)\)$/.exec(expected);
  return m?.[1]?.split(', ') ?? [];
}

/** An object that rejects unknown keys, naming the known ones. */
export function strict<T extends z.core.$ZodLooseShape>(shape: T) {
  const keys = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? knownKeysExpected(keys) : 'an object'),
  });
}

/** An integer, optionally bounded below and above; the bounds are in the message. */
export function int(min?: number, max?: number, phrase = integerPhrase(min, max)) {
  const lower = min ?? -Number.MAX_SAFE_INTEGER;
  const upper = max ?? Number.MAX_SAFE_INTEGER;
  return z.int(says(phrase)).min(lower, says(phrase)).max(upper, says(phrase));
}

function integerPhrase(min?: number, max?: number): string {
  if (max === undefined) return min === undefined ? 'an integer' : `an integer >= ${min}`;
  return `an integer from ${min ?? -Number.MAX_SAFE_INTEGER} to ${max}`;
}

/** A finite number `>= min` (`> min` when `exclusive`) and `<= max`; the range is in the message. */
export function number(min: number, max: number, exclusive = false) {
  const phrase = exclusive ? `a number > ${min} and <= ${max}` : `a number from ${min} to ${max}`;
  const base = z.number(says(phrase)).max(max, says(phrase));
  return exclusive ? base.gt(min, says(phrase)) : base.min(min, says(phrase));
}

/** A check refusing control characters (matched by `pattern`) and strings longer than `max`. */
function plainText(phrase: string, pattern: RegExp, max: number) {
  return (ctx: { readonly value: string; readonly issues: z.core.$ZodRawIssue[] }): void => {
    const control = describeControl(ctx.value, pattern);
    if (control !== undefined) report(ctx, [], `${phrase} without control characters`, control);
    else if (ctx.value.length > max) report(ctx, [], `${phrase} of at most ${max} characters`, `${ctx.value.length} characters`);
  };
}

/**
 * A non-empty one-line string without control characters (NUL, ESC, newlines, …), at most
 * {@link LIMITS.textLength} characters: names end up in file names, terminals and reports.
 */
export function text(phrase = 'a non-empty string') {
  return z.string(says(phrase)).min(1, says(phrase)).check(plainText(phrase, CONTROL_IN_NAME, LIMITS.textLength));
}

/** A one-line string, possibly empty (a title), under the same rules as {@link text}. */
export function line(phrase = 'a string') {
  return z.string(says(phrase)).check(plainText(phrase, CONTROL_IN_NAME, LIMITS.textLength));
}

/** Multi-line text (a description): tabs and newlines pass, other control characters do not. */
export function prose(phrase = 'a string') {
  return z.string(says(phrase)).check(plainText(phrase, CONTROL_IN_TEXT, LIMITS.descriptionLength));
}

/** A string from a fixed set, e.g. a strategy name. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, says(`one of ${values.join(', ')}`));
}

const EXPECTED_BOUNDED_DURATION = `${EXPECTED_DURATION}, at most ${LIMITS.durationText}`;

const anyDuration = z
  .union(
    [
      z.string(says(EXPECTED_DURATION)).regex(new RegExp(DURATION_PATTERN), says(EXPECTED_DURATION)),
      z.number(says(EXPECTED_DURATION)).min(0, says(EXPECTED_DURATION)),
    ],
    says(EXPECTED_DURATION),
  )
  // A malformed duration is already reported by the union; only a well-formed one too long is here.
  .refine((v) => (durationMs(v) ?? 0) <= LIMITS.durationMs, says(EXPECTED_BOUNDED_DURATION))
  .meta({
    id: 'duration',
    description: `A duration: "45s", "90m", "1h30m", "36h", "7d", a time of day "09:00", or minutes; at most ${LIMITS.durationText}.`,
  });

const positiveDuration = anyDuration
  .refine((v) => durationMs(v) !== 0, says('a duration greater than zero, like "90m" or "7d"'))
  .meta({ id: 'positiveDuration', description: `A duration greater than zero, at most ${LIMITS.durationText}.` });

/** A duration (see `durations.ts`) of at most {@link LIMITS.durationMs}; `positive` rejects zero. Shared instances: named once in the JSON Schema. */
export function duration(positive = false) {
  return positive ? positiveDuration : anyDuration;
}

/** Zod's context for custom checks, narrowed to what {@link report} needs. */
interface CheckContext {
  readonly value: unknown;
  readonly issues: z.core.$ZodRawIssue[];
}

/**
 * Records a cross-field problem at `path` (relative to the checked schema). `found` overrides the
 * default description of the value there, for problems about a combination of fields.
 */
export function report(ctx: CheckContext, path: PathSegment[], expected: string, found?: string): void {
  ctx.issues.push({
    code: 'custom',
    message: expected,
    input: ctx.value,
    path,
    params: found === undefined ? undefined : { found },
    continue: true,
  });
}

/**
 * An object holding exactly one of `shape`'s keys: the file format's way of spelling a choice
 * (`{ lognormal: {...} }`, `{ poisson: {...} }`). A plain object rather than a union so a misspelt
 * key is reported as such instead of as "matches none of the alternatives".
 */
export function exactlyOneOf<T extends z.core.$ZodLooseShape>(shape: T) {
  const keys = Object.keys(shape);
  return strict(shape)
    .meta({ minProperties: 1, maxProperties: 1 })
    .check((ctx) => {
      // A misspelt kind is reported as an unknown key (with a suggestion); "none of them" adds nothing.
      if (ctx.issues.some((issue) => issue.code === 'unrecognized_keys' && (issue.path ?? []).length === 0)) return;
      const present = keys.filter((k) => (ctx.value as Record<string, unknown>)[k] !== undefined);
      if (present.length !== 1) {
        report(ctx, [], `exactly one of ${keys.join(', ')}`, present.length === 0 ? 'none of them' : present.join(' and '));
      }
    });
}
