/**
 * The grid's syntax: `--grid path=values` where values are a comma list (`1,2,4,8`), integer ranges
 * (`1..8`), stepped ranges (`0..1:0.25`) or a mix (`0,1..3,8`). Tokens that read as numbers become
 * numbers, `true`/`false` booleans, anything else a string (`pod-name`, `30m`). Keys are checked
 * against the scenario format elsewhere (`grid-keys.ts`); this file only reads text.
 */
import type { PathSegment } from '../scenario/errors.js';
import { SweepUsageError } from './errors.js';
import type { GridValue } from './types.js';

/** More values than this on one axis is a typo (`1..10000000`), not a sweep. */
export const MAX_AXIS_VALUES = 10_000;

const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
const RANGE = /^([-+]?\d+(?:\.\d+)?)\.\.([-+]?\d+(?:\.\d+)?)(?::(\d+(?:\.\d+)?))?$/;

/** `deployment.replicas` → `['deployment', 'replicas']`; `faults.scale[0].at` → `[..., 'scale', 0, 'at']`. */
export function parsePath(path: string, where: string): PathSegment[] {
  const fail = (): never => {
    throw new SweepUsageError(`${where}: expected a scenario path such as deployment.replicas, found ${JSON.stringify(path)}`);
  };
  const segments: PathSegment[] = [];
  const token = /(^|\.)([A-Za-z_$][\w$-]*)|\[(\d+)\]/y;
  let at = 0;
  while (at < path.length) {
    token.lastIndex = at;
    const match = token.exec(path);
    if (match === null) return fail();
    if (match[2] !== undefined) {
      if (at === 0 && match[1] === '.') fail();
      segments.push(match[2]);
    } else {
      if (at === 0) fail();
      segments.push(Number(match[3]));
    }
    at = token.lastIndex;
  }
  if (segments.length === 0) fail();
  return segments;
}

/** One token of a value list: a number, a boolean, or a string. */
export function parseScalar(token: string): GridValue {
  if (NUMBER.test(token)) return Number(token);
  if (token === 'true') return true;
  if (token === 'false') return false;
  return token;
}

/** `1,2..4,8` → `[1, 2, 3, 4, 8]`; every value once. */
export function parseValues(text: string, where: string): GridValue[] {
  const values: GridValue[] = [];
  for (const raw of text.split(',')) {
    const token = raw.trim();
    if (token === '') throw new SweepUsageError(`${where}: expected a comma-separated list of values, found an empty value in ${JSON.stringify(text)}`);
    const range = RANGE.exec(token);
    if (range !== null) values.push(...expandRange(token, Number(range[1]), Number(range[2]), range[3], where));
    else values.push(parseScalar(token));
  }
  const seen = new Set<string>();
  for (const value of values) {
    const key = JSON.stringify(value);
    if (seen.has(key)) throw new SweepUsageError(`${where}: the value ${key} appears twice`);
    seen.add(key);
  }
  if (values.length > MAX_AXIS_VALUES) {
    throw new SweepUsageError(`${where}: at most ${MAX_AXIS_VALUES} values per axis, found ${values.length}`);
  }
  return values;
}

function expandRange(token: string, from: number, to: number, stepText: string | undefined, where: string): number[] {
  const step = stepText === undefined ? 1 : Number(stepText);
  if (stepText === undefined && (!Number.isInteger(from) || !Number.isInteger(to))) {
    throw new SweepUsageError(`${where}: a range without a step is of integers (e.g. 1..8 or 0..1:0.25), found ${JSON.stringify(token)}`);
  }
  if (from > to) throw new SweepUsageError(`${where}: a range goes upwards (e.g. 1..8), found ${JSON.stringify(token)}`);
  if (!(step > 0)) throw new SweepUsageError(`${where}: a range step is above 0, found ${JSON.stringify(token)}`);
  const count = Math.floor((to - from) / step + 1e-9) + 1;
  if (count > MAX_AXIS_VALUES) {
    throw new SweepUsageError(`${where}: at most ${MAX_AXIS_VALUES} values per axis, ${JSON.stringify(token)} has ${count}`);
  }
  // Multiply rather than accumulate, and round, so 0..1:0.1 gives 0.3 and not 0.30000000000000004.
  return Array.from({ length: count }, (_, k) => Math.round((from + k * step) * 1e9) / 1e9);
}

/** A `--grid` argument split into its path and values. */
export interface GridSpec {
  readonly path: string;
  readonly segments: readonly PathSegment[];
  readonly values: readonly GridValue[];
  /** How to name this axis in errors: `--grid deployment.replicas=1,2`. */
  readonly where: string;
}

/** Reads one `--grid path=values` argument. */
export function parseGridFlag(spec: string): GridSpec {
  const where = `--grid ${spec}`;
  const eq = spec.indexOf('=');
  if (eq < 0) throw new SweepUsageError(`${where}: expected path=values, e.g. deployment.replicas=1,2,4`);
  const path = spec.slice(0, eq).trim();
  return { path, segments: parsePath(path, where), values: parseValues(spec.slice(eq + 1), where), where };
}
