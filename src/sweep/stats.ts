/**
 * Statistics over the runs of one cell and variant: mean, median, p95, a 95% confidence interval
 * of the mean (Student t), and probabilities with a 95% Wilson score interval (which, unlike the
 * normal approximation, stays inside [0, 1] and is sensible at 0 of 20 or 20 of 20).
 */
import { percentile } from '../metrics/stats.js';
import type { MetricStats, Probability } from './types.js';

/** Two-sided 97.5% quantile of the standard normal. */
const Z975 = 1.959963984540054;

/** t(0.975, df) for df = 1..30; above 30 a Cornish-Fisher expansion is accurate to 1e-4. */
const T975 = [
  12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.306, 2.2622, 2.2281, 2.201, 2.1788, 2.1604, 2.1448, 2.1314,
  2.1199, 2.1098, 2.1009, 2.093, 2.086, 2.0796, 2.0739, 2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423,
];

/** The 97.5% quantile of Student's t with `df` degrees of freedom (two-sided 95%). */
export function tCritical(df: number): number {
  if (df < 1) return NaN;
  if (df <= T975.length) return T975[df - 1]!; // df, a count of runs less one, is an integer in [1, 30] here
  const z = Z975;
  const z3 = z ** 3;
  const z5 = z ** 5;
  const z7 = z ** 7;
  return (
    z +
    (z3 + z) / (4 * df) +
    (5 * z5 + 16 * z3 + 3 * z) / (96 * df ** 2) +
    (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df ** 3)
  );
}

/** Rounded to 6 significant digits: stable, readable JSON that still tells 0.0001 from 0. */
export function tidy(value: number): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  return Number(value.toPrecision(6));
}

/** mean, median, p95 and the 95% CI of the mean of `values` (nulls are runs without a value). */
export function describe(values: readonly (number | null)[]): MetricStats {
  const xs = values.filter((v): v is number => v !== null);
  const n = xs.length;
  if (n === 0) return { n, mean: null, median: null, p95: null, ci95: null };
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / n;
  let squares = 0;
  for (const x of xs) squares += (x - mean) ** 2;
  const ci95 = n < 2 ? null : halfWidth(Math.sqrt(squares / (n - 1)), n);
  return {
    n,
    mean: tidy(mean),
    median: tidy(percentile(xs, 0.5) ?? 0),
    p95: tidy(percentile(xs, 0.95) ?? 0),
    ci95: ci95 === null ? null : [tidy(mean - ci95), tidy(mean + ci95)],
  };
}

function halfWidth(sd: number, n: number): number {
  return (tCritical(n - 1) * sd) / Math.sqrt(n);
}

/** P(event) from `count` of `runs`, with its 95% Wilson score interval. */
export function proportion(count: number, runs: number): Probability {
  if (runs === 0) return { count, runs, p: null, ci95: null };
  const p = count / runs;
  const z2 = Z975 ** 2;
  const centre = (p + z2 / (2 * runs)) / (1 + z2 / runs);
  const half = (Z975 / (1 + z2 / runs)) * Math.sqrt((p * (1 - p)) / runs + z2 / (4 * runs ** 2));
  return { count, runs, p: tidy(p), ci95: [tidy(Math.max(0, centre - half)), tidy(Math.min(1, centre + half))] };
}
