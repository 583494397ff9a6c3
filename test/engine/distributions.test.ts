import { describe, expect, it } from 'vitest';
import { createRngFactory, distributionMean, sampler, type Distribution } from '../../src/engine/index.js';

const rng = createRngFactory('dist-test');

function sample(d: Distribution, n = 100_000): number[] {
  const draw = sampler(d, rng(JSON.stringify(d)));
  return Array.from({ length: n }, draw);
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const quantile = (xs: number[], q: number) => xs.slice().sort((a, b) => a - b)[Math.floor(q * (xs.length - 1))];

describe('distributions', () => {
  it('lognormal honours median and p95 as stated', () => {
    const xs = sample({ kind: 'lognormal', median: 50, p95: 120 });
    expect(quantile(xs, 0.5)).toBeGreaterThan(48.5);
    expect(quantile(xs, 0.5)).toBeLessThan(51.5);
    expect(quantile(xs, 0.95)).toBeGreaterThan(115);
    expect(quantile(xs, 0.95)).toBeLessThan(125);
  });

  it('sample means agree with the exact means', () => {
    const cases: Distribution[] = [
      { kind: 'constant', value: 3 },
      { kind: 'uniform', min: 2, max: 10 },
      { kind: 'exponential', mean: 4 },
      { kind: 'normal', mean: 7, stddev: 2 },
      { kind: 'lognormal', median: 50, p95: 120 },
      { kind: 'empirical', values: [1, 2, 10], weights: [1, 1, 2] },
    ];
    for (const d of cases) {
      const m = distributionMean(d);
      expect(Math.abs(mean(sample(d)) - m) / m).toBeLessThan(0.02);
    }
  });

  it('rejects impossible parameters with the parameter named', () => {
    expect(() => sampler({ kind: 'exponential', mean: -1 }, Math.random)).toThrow('exponential: mean must be positive, got -1');
    expect(() => sampler({ kind: 'lognormal', median: 50, p95: 10 }, Math.random)).toThrow(
      'lognormal: p95 (10) must be at least the median (50)',
    );
    expect(() => sampler({ kind: 'empirical', values: [1], weights: [1, 2] }, Math.random)).toThrow(
      'empirical: weights has 2 entries but values has 1',
    );
  });
});
