import { percentile } from '../src/metrics/stats.js';

/** The median of `values` (the mean of the two middle ones for an even count); throws for none. */
export function median(values: readonly number[]): number {
  const middle = percentile(values, 0.5);
  if (middle === null) throw new Error('median of no values');
  return middle;
}
