import { describe, expect, it } from 'vitest';
import { kaplanMeier, longestObservation, restrictedMean, survivalQuantile } from '../../src/metrics/kaplan-meier.js';

const merged = (minutes: number) => ({ minutes, merged: true });
const censored = (minutes: number) => ({ minutes, merged: false });

describe('Kaplan–Meier, on examples computed by hand', () => {
  // 3 merged; 5 censored and 5 merged (a tie: the censored one is at risk at 5); 7, 7 merged; 9 censored; 11 merged.
  const obs = [merged(3), censored(5), merged(5), merged(7), merged(7), censored(9), merged(11)];

  it('steps: 6/7 at 3, ×5/6 at 5 (6 at risk), ×2/4 at 7 (a tie of two merges), ×0/1 at 11', () => {
    const steps = kaplanMeier(obs);
    expect(steps.map((s) => s.minutes)).toEqual([3, 5, 7, 11]);
    expect(steps.map((s) => s.survival)).toEqual([6 / 7, (6 / 7) * (5 / 6), (6 / 7) * (5 / 6) * (2 / 4), 0].map((v) => expect.closeTo(v, 12)));
  });

  it('quantiles: the first time the merged share reaches q', () => {
    const steps = kaplanMeier(obs);
    expect(survivalQuantile(steps, 0.25)).toBe(5); // S(5) = 5/7 ≤ 0.75
    expect(survivalQuantile(steps, 0.5)).toBe(7); // S(7) = 5/14 ≤ 0.5
    expect(survivalQuantile(steps, 0.95)).toBe(11);
  });

  it('restricted mean: the area under the curve, 3 + 2·6/7 + 2·5/7 + 4·5/14', () => {
    expect(restrictedMean(kaplanMeier(obs), 11)).toBeCloseTo(3 + 12 / 7 + 10 / 7 + 20 / 14, 12);
    expect(longestObservation(obs)).toBe(11);
  });

  it('without censoring it is the empirical distribution; an exact 0.5 is reached', () => {
    const steps = kaplanMeier([merged(1), merged(2), merged(3), merged(4)]);
    expect(steps.map((s) => s.survival)).toEqual([0.75, 0.5, 0.25, 0]);
    expect(survivalQuantile(steps, 0.5)).toBe(2);
  });

  it('a quantile beyond the observations is null: more than half still unmerged at the end', () => {
    const steps = kaplanMeier([merged(10), censored(60), censored(60)]);
    expect(steps).toEqual([{ minutes: 10, survival: expect.closeTo(2 / 3, 12) }]);
    expect(survivalQuantile(steps, 0.5)).toBeNull();
    expect(restrictedMean(steps, 60)).toBeCloseTo(10 + (2 / 3) * 50, 12);
    expect(survivalQuantile(kaplanMeier([censored(5)]), 0.5)).toBeNull();
    expect(longestObservation([])).toBeNull();
  });
});
