/**
 * Distributions in the file format (`30`, `{ lognormal: { median: 30, p95: 60 } }`, ...) and their
 * conversion to the engine's {@link Distribution}. All values are minutes, so none may be negative.
 */
import * as z from 'zod';
import { DistributionError, validateDistribution, type Distribution } from '../engine/index.js';
import type { Issue, PathSegment } from './errors.js';
import { LIMITS } from './limits.js';
import { exactlyOneOf, number, report, says, strict } from './schema-kit.js';

const minutes = () => number(0, LIMITS.minutes);
const positiveMinutes = () => number(0, LIMITS.minutes, true);
const weight = () => number(0, LIMITS.weight);

const lognormal = strict({
  median: positiveMinutes().describe('The typical value (50th percentile), minutes.'),
  p95: positiveMinutes().describe('The value 95% of draws stay under, minutes; at least the median.'),
}).check((ctx) => {
  if (ctx.value.p95 < ctx.value.median) report(ctx, ['p95'], `a number >= the median (${ctx.value.median})`);
});

const uniform = strict({ min: minutes(), max: minutes() }).check((ctx) => {
  if (ctx.value.max < ctx.value.min) report(ctx, ['max'], `a number >= min (${ctx.value.min})`);
});

const empirical = strict({
  values: z.array(minutes(), says('a non-empty list of numbers')).min(1, says('a non-empty list of numbers')),
  weights: z.array(weight(), says(`a list of numbers from 0 to ${LIMITS.weight}`)).optional(),
}).check((ctx) => {
  const { values, weights } = ctx.value;
  if (weights === undefined) return;
  if (weights.length !== values.length) {
    report(ctx, ['weights'], `one weight per value (${values.length})`, `${weights.length} weight${weights.length === 1 ? '' : 's'}`);
  } else if (weights.every((w) => w === 0)) {
    report(ctx, ['weights'], 'at least one weight > 0', 'all zero');
  }
});

const EXPECTED_DISTRIBUTION =
  'a number of minutes or one of { lognormal: { median, p95 } }, { exponential: { mean } }, ' +
  '{ uniform: { min, max } }, { normal: { mean, stddev } }, { constant: n }, { empirical: { values, weights? } }';

/**
 * A distribution of minutes: a bare number (constant), or an object naming exactly one kind:
 * `lognormal: { median, p95 }` (the natural choice for task durations: say the typical and the bad
 * case), `exponential: { mean }`, `uniform: { min, max }`, `normal: { mean, stddev }`,
 * `constant: n`, `empirical: { values, weights? }`.
 */
export const distributionSchema = z
  .union(
    [
      minutes(),
      exactlyOneOf({
        lognormal: lognormal.optional(),
        exponential: strict({ mean: positiveMinutes() }).optional(),
        uniform: uniform.optional(),
        normal: strict({ mean: minutes(), stddev: minutes() }).optional(),
        constant: minutes().optional(),
        empirical: empirical.optional(),
      }),
    ],
    says(EXPECTED_DISTRIBUTION),
  )
  .meta({
    id: 'distribution',
    description: 'Minutes: a number, or { lognormal: { median, p95 } } / exponential / uniform / normal / constant / empirical.',
  });

/** A distribution as written in a file (after validation). */
export type DistributionInput = z.output<typeof distributionSchema>;

/** The keys that choose a distribution's kind; used when a variant switches kinds. */
export const DISTRIBUTION_KINDS = ['lognormal', 'exponential', 'uniform', 'normal', 'constant', 'empirical'] as const;

/**
 * Converts a validated distribution to the engine's form, then lets the engine validate it: the
 * schema mirrors the engine's rules for precise messages, the engine stays the authority.
 */
export function toDistribution(input: DistributionInput, at: readonly PathSegment[], issues: Issue[]): Distribution {
  const d = convert(input);
  try {
    validateDistribution(d);
  } catch (error) {
    if (!(error instanceof DistributionError)) throw error;
    issues.push({ segments: [...at, d.kind], expected: `valid ${d.kind} parameters`, found: error.message });
  }
  return d;
}

function convert(input: DistributionInput): Distribution {
  if (typeof input === 'number') return { kind: 'constant', value: input };
  if (input.lognormal) return { kind: 'lognormal', median: input.lognormal.median, p95: input.lognormal.p95 };
  if (input.exponential) return { kind: 'exponential', mean: input.exponential.mean };
  if (input.uniform) return { kind: 'uniform', min: input.uniform.min, max: input.uniform.max };
  if (input.normal) return { kind: 'normal', mean: input.normal.mean, stddev: input.normal.stddev };
  if (input.constant !== undefined) return { kind: 'constant', value: input.constant };
  if (input.empirical) {
    const { values, weights } = input.empirical;
    return weights === undefined ? { kind: 'empirical', values } : { kind: 'empirical', values, weights };
  }
  // exactlyOneOf guarantees one kind; reaching here means the schema and this switch disagree.
  throw new Error('distribution with no kind passed validation');
}

/** The default used when a field is absent: a lognormal stated as median and p95. */
export function lognormalMinutes(median: number, p95: number): Distribution {
  return { kind: 'lognormal', median, p95 };
}
