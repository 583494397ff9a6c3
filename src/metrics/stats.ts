import { internalError, present } from '../errors.js';

/** Percentile by linear interpolation between closest ranks; null for no data. */
export function percentile(values: readonly number[], q: number): number | null {
  return percentileOfSorted([...values].sort((a, b) => a - b), q);
}

/** {@link percentile} of values already sorted ascending (charts take many of one list). */
export function percentileOfSorted(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const rank = q * (sorted.length - 1);
  const lo = Math.floor(rank);
  const below = present(sorted[lo], `percentile ${q} is outside [0, 1]`);
  const above = present(sorted[Math.ceil(rank)], `percentile ${q} is outside [0, 1]`);
  return below + (above - below) * (rank - lo);
}

export function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

/** Rounds for stable, readable JSON: results must be byte-identical across runs. */
export function round(value: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Compares stream IDs `ms-seq` numerically. */
export function compareIds(a: string, b: string): number {
  const [am, as] = idParts(a);
  const [bm, bs] = idParts(b);
  return am - bm || as - bs;
}

/** The two numbers of a trace's stream ID; the trace holds only IDs Redis replied with. */
function idParts(id: string): readonly [number, number] {
  const [ms, seq] = id.split('-').map(Number);
  if (ms === undefined || seq === undefined) throw internalError(`a stream ID in the trace is not ms-seq: ${id}`);
  return [ms, seq];
}
