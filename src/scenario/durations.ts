/**
 * Durations as users write them. One grammar serves run lengths, offsets and times of day, so that a
 * user never has to remember which field takes which form.
 */
import { ScenarioError, describeValue, formatPath, type PathSegment } from './errors.js';

const NUM = String.raw`(\d+(?:\.\d+)?)`;

/**
 * Either units in decreasing order (`7d`, `36h`, `1h30m`, `45s`, `250ms`, spaces allowed between
 * parts) or a time of day `HH:MM[:SS]`. Exported as source text so the JSON Schema carries the
 * very same pattern the parser uses.
 */
export const DURATION_PATTERN =
  String.raw`^\s*(?:(?=\d)(?:${NUM}\s*d\s*)?(?:${NUM}\s*h\s*)?(?:${NUM}\s*m\s*)?(?:${NUM}\s*s\s*)?(?:${NUM}\s*ms\s*)?` +
  String.raw`|(\d{1,3}):([0-5]\d)(?::([0-5]\d))?\s*)$`;

const DURATION_RE = new RegExp(DURATION_PATTERN);

/** Milliseconds per unit, in the order of the capture groups. */
const UNIT_MS = [86_400_000, 3_600_000, 60_000, 1_000, 1] as const;

/** The phrase every duration error uses, so all duration fields read alike. */
export const EXPECTED_DURATION =
  'a duration like "45s", "90m", "1h30m", "36h", "7d", a time of day like "09:00", or a number of minutes';

/**
 * Parses a duration into integer milliseconds, or returns undefined when `value` is not one.
 * Numbers are minutes; `"09:00"` is minutes since the run started at 00:00 (hours may exceed 23 for
 * later days).
 */
export function durationMs(value: unknown): number | undefined {
  if (typeof value === 'number') {
    return Number.isFinite(value) && value >= 0 ? Math.round(value * 60_000) : undefined;
  }
  if (typeof value !== 'string') return undefined;
  const m = DURATION_RE.exec(value);
  if (m === null) return undefined;
  if (m[6] !== undefined) {
    const hours = Number(m[6]);
    const minutes = Number(m[7]);
    const seconds = Number(m[8] ?? '0');
    return ((hours * 60 + minutes) * 60 + seconds) * 1_000;
  }
  let ms = 0;
  UNIT_MS.forEach((unit, i) => {
    const part = m[i + 1];
    if (part !== undefined) ms += Number(part) * unit;
  });
  return Math.round(ms);
}

/**
 * Parses a duration (see {@link durationMs}) into integer virtual milliseconds; throws a
 * {@link ScenarioError} naming `path` otherwise. `path` is either a scenario path or a CLI flag such
 * as `--duration`, used verbatim.
 */
export function parseDuration(value: unknown, path: string | readonly PathSegment[]): number {
  const ms = durationMs(value);
  if (ms !== undefined) return ms;
  const segments = typeof path === 'string' ? [] : path;
  throw new ScenarioError(undefined, [
    {
      kind: 'schema',
      path: typeof path === 'string' ? path : formatPath(path),
      segments,
      expected: EXPECTED_DURATION,
      found: describeValue(value),
    },
  ]);
}
