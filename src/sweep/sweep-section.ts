/**
 * The `sweep:` section of a scenario file: the same settings as the command line, kept with the
 * scenario they belong to.
 *
 * ```yaml
 * sweep:
 *   seeds: 200
 *   grid:
 *     deployment.replicas: [1, 2, 4, 8]        # or "1,2,4,8", or "1..8"
 *     faults.containerRestart.perDay: 0,1,4
 * ```
 *
 * `--seeds` overrides `seeds`; any `--grid` flag replaces the file's whole grid.
 */
import { describeValue, formatPath } from '../scenario/errors.js';
import { LIMITS } from '../scenario/limits.js';
import { isPlainObject } from '../scenario/merge.js';
import { SweepUsageError } from './errors.js';
import { parsePath, parseValues, type GridSpec } from './grid-parse.js';
import type { GridValue } from './types.js';

/** What a `sweep:` section may set. */
export interface SweepSection {
  readonly seeds?: number;
  readonly grid?: readonly GridSpec[];
}

const KEYS = ['seeds', 'grid'];

/** Reads and checks `raw` (the section's value) from `file`; an absent section is `{}`. */
export function readSweepSection(raw: unknown, file: string): SweepSection {
  if (raw === undefined || raw === null) return {};
  const fail = (segments: (string | number)[], expected: string, found: unknown): never => {
    throw new SweepUsageError(`${file}: ${formatPath(['sweep', ...segments])}: expected ${expected}, found ${describeValue(found)}`);
  };
  if (!isPlainObject(raw)) return fail([], 'an object { seeds, grid }', raw);
  for (const key of Object.keys(raw)) {
    if (!KEYS.includes(key)) fail([key], `one of the keys ${KEYS.join(', ')}`, key);
  }
  const { seeds, grid } = raw;
  if (seeds !== undefined && !(typeof seeds === 'number' && Number.isInteger(seeds) && seeds >= 1 && seeds <= LIMITS.seeds)) {
    fail(['seeds'], `an integer from 1 to ${LIMITS.seeds}`, seeds);
  }
  if (grid === undefined) return { seeds: seeds as number | undefined };
  if (!isPlainObject(grid)) return fail(['grid'], 'an object { path: values }', grid);
  const specs = Object.entries(grid).map(([path, values]): GridSpec => {
    const where = `${file}: ${formatPath(['sweep', 'grid', path])}`;
    return { path, segments: parsePath(path, where), values: readValues(values, where, () => fail(['grid', path], 'a list of numbers, strings or booleans, or "1,2,4" / "1..8"', values)), where };
  });
  return { seeds: seeds as number | undefined, grid: specs };
}

function readValues(values: unknown, where: string, bad: () => never): GridValue[] {
  if (typeof values === 'string') return parseValues(values, where);
  if (typeof values === 'number' || typeof values === 'boolean') return [values];
  if (!Array.isArray(values) || values.length === 0) return bad();
  const out: GridValue[] = [];
  for (const value of values) {
    if (typeof value === 'number' || typeof value === 'boolean') out.push(value);
    else if (typeof value === 'string') out.push(...parseValues(value, where));
    else bad();
  }
  const keys = out.map((v) => JSON.stringify(v));
  const twice = keys.find((k, i) => keys.indexOf(k) !== i);
  if (twice !== undefined) throw new SweepUsageError(`${where}: the value ${twice} appears twice`);
  return out;
}
