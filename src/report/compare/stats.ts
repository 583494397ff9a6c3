/** Two-sided 95 % Student t quantiles for 1–30 degrees of freedom. */
const T95 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086,
  2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/** The 97.5 % quantile of Student's t with `df` degrees of freedom (df > 30 by a close approximation). */
export function t95(df: number): number {
  if (!(df >= 1)) return Number.NaN;
  const d = Math.floor(df);
  return d <= 30 ? T95[d - 1]! : 1.96 + 2.4 / d; // 1 <= d <= 30 indexes the table
}

/** Mean, sample variance and the 95 % confidence interval of the mean (null for fewer than 2 values). */
export interface Estimate {
  readonly n: number;
  readonly mean: number;
  readonly variance: number;
  readonly ci: readonly [number, number] | null;
}

/** Mean with a t-based 95 % CI over independent replications (one value per seed). */
export function estimate(values: readonly number[]): Estimate | null {
  const n = values.length;
  if (n === 0) return null;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { n, mean, variance: 0, ci: null };
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1);
  const half = t95(n - 1) * Math.sqrt(variance / n);
  return { n, mean, variance, ci: [mean - half, mean + half] };
}

/**
 * The 95 % CI of `b.mean − a.mean` by Welch's t (unequal variances); null unless both sides have
 * at least two replications.
 */
export function differenceCi(a: Estimate, b: Estimate): readonly [number, number] | null {
  if (a.n < 2 || b.n < 2) return null;
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  const delta = b.mean - a.mean;
  if (va + vb === 0) return [delta, delta];
  const df = (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1));
  const half = t95(df) * Math.sqrt(va + vb);
  return [delta - half, delta + half];
}
