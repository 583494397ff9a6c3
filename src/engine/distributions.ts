import { PelsimError, present } from '../errors.js';
import type { Rng } from './rng.js';

/**
 * A duration or quantity distribution, stated the way engineers state them. Values are in the
 * caller's unit (the world uses minutes for work and faults).
 */
export type Distribution =
  | { readonly kind: 'constant'; readonly value: number }
  | { readonly kind: 'uniform'; readonly min: number; readonly max: number }
  | { readonly kind: 'exponential'; readonly mean: number }
  | { readonly kind: 'normal'; readonly mean: number; readonly stddev: number }
  | { readonly kind: 'lognormal'; readonly median: number; readonly p95: number }
  | { readonly kind: 'empirical'; readonly values: readonly number[]; readonly weights?: readonly number[] };

/** z-score of the 95th percentile of the standard normal distribution. */
const Z95 = 1.6448536269514722;

/** An input error: parameters no distribution of that kind can have; the message names the parameter. */
export class DistributionError extends PelsimError {
  override readonly name = 'DistributionError';
  constructor(message: string) {
    super('input', message);
  }
}

/** Checks the parameters of `d`; throws a {@link DistributionError} naming the bad one. */
export function validateDistribution(d: Distribution): void {
  const fail = (message: string): never => {
    throw new DistributionError(`${d.kind}: ${message}`);
  };
  const finite = (name: string, v: number): void => {
    if (!Number.isFinite(v)) fail(`${name} must be a finite number, got ${v}`);
  };
  switch (d.kind) {
    case 'constant':
      finite('value', d.value);
      return;
    case 'uniform':
      finite('min', d.min);
      finite('max', d.max);
      if (d.max < d.min) fail(`max (${d.max}) must be at least min (${d.min})`);
      return;
    case 'exponential':
      finite('mean', d.mean);
      if (d.mean <= 0) fail(`mean must be positive, got ${d.mean}`);
      return;
    case 'normal':
      finite('mean', d.mean);
      finite('stddev', d.stddev);
      if (d.stddev < 0) fail(`stddev must not be negative, got ${d.stddev}`);
      return;
    case 'lognormal':
      finite('median', d.median);
      finite('p95', d.p95);
      if (d.median <= 0) fail(`median must be positive, got ${d.median}`);
      if (d.p95 < d.median) fail(`p95 (${d.p95}) must be at least the median (${d.median})`);
      return;
    case 'empirical': {
      if (d.values.length === 0) fail('values must not be empty');
      d.values.forEach((v, i) => finite(`values[${i}]`, v));
      if (d.weights !== undefined) {
        if (d.weights.length !== d.values.length) {
          fail(`weights has ${d.weights.length} entries but values has ${d.values.length}`);
        }
        d.weights.forEach((w, i) => {
          finite(`weights[${i}]`, w);
          if (w < 0) fail(`weights[${i}] must not be negative, got ${w}`);
        });
        if (d.weights.reduce((a, b) => a + b, 0) <= 0) fail('weights must not all be zero');
      }
      return;
    }
  }
}

/** Returns a sampler of `d` drawing from `rng`. Validates `d` once, up front. */
export function sampler(d: Distribution, rng: Rng): () => number {
  validateDistribution(d);
  switch (d.kind) {
    case 'constant': {
      const value = d.value;
      return () => value;
    }
    case 'uniform': {
      const { min, max } = d;
      return () => min + (max - min) * rng();
    }
    case 'exponential': {
      const mean = d.mean;
      // 1 - u lies in (0, 1], so the log is finite.
      return () => -mean * Math.log(1 - rng());
    }
    case 'normal': {
      const normal = standardNormal(rng);
      const { mean, stddev } = d;
      return () => mean + stddev * normal();
    }
    case 'lognormal': {
      const normal = standardNormal(rng);
      const mu = Math.log(d.median);
      const sigma = (Math.log(d.p95) - mu) / Z95;
      return () => Math.exp(mu + sigma * normal());
    }
    case 'empirical':
      return empirical(d.values, d.weights, rng);
  }
}

/** Mean of `d` (exact, not sampled); useful for sanity checks and reports. */
export function distributionMean(d: Distribution): number {
  switch (d.kind) {
    case 'constant':
      return d.value;
    case 'uniform':
      return (d.min + d.max) / 2;
    case 'exponential':
      return d.mean;
    case 'normal':
      return d.mean;
    case 'lognormal': {
      const sigma = (Math.log(d.p95) - Math.log(d.median)) / Z95;
      return d.median * Math.exp((sigma * sigma) / 2);
    }
    case 'empirical': {
      const weights = d.weights ?? d.values.map(() => 1);
      const total = weights.reduce((a, b) => a + b, 0);
      // validate() checked that weights and values have the same length.
      return d.values.reduce((sum, v, i) => sum + v * present(weights[i], 'empirical weights shorter than values'), 0) / total;
    }
  }
}

/** Box–Muller, keeping the second variate for the next call. */
function standardNormal(rng: Rng): () => number {
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
    const u = 1 - rng();
    const v = rng();
    const radius = Math.sqrt(-2 * Math.log(u));
    spare = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  };
}

// Sampling is per simulated message, so the reads below use `!` instead of checks: validate()
// keeps values non-empty and weights as long as values, rng() is below 1, and the binary search
// keeps lo <= mid < hi <= the last index.
function empirical(values: readonly number[], weights: readonly number[] | undefined, rng: Rng): () => number {
  if (weights === undefined) {
    const copy = values.slice();
    return () => copy[Math.floor(rng() * copy.length)]!;
  }
  const cumulative: number[] = [];
  let total = 0;
  for (const w of weights) cumulative.push((total += w));
  const copy = values.slice();
  return () => {
    const target = rng() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return copy[lo]!;
  };
}
