import { describe, expect, it } from 'vitest';
import { qualifyScenario } from '../../src/scenario/index.js';
import { runVariant } from '../../src/world/run-variant.js';
import { first } from '../support/items.js';

/** Erlang C: mean wait in queue of an M/M/c system, in the unit of 1/mu. */
function erlangCWait(c: number, lambda: number, mu: number): number {
  const a = lambda / mu;
  const rho = a / c;
  let sum = 0;
  let term = 1;
  for (let k = 0; k < c; k++) {
    if (k > 0) term *= a / k;
    sum += term;
  }
  const last = (term * a) / c; // a^c / c!
  const pWait = last / (1 - rho) / (sum + last / (1 - rho));
  return pWait / (c * mu - lambda);
}

describe('queueing sanity: no faults, Poisson arrivals, exponential work', () => {
  it('mean wait before delivery agrees with Erlang C for M/M/4', async () => {
    const c = 4;
    const lambdaPerHour = 3.2;
    const scenario = qualifyScenario({
      name: 'mmc',
      seed: 12,
      duration: `${Math.round(24_000 / lambdaPerHour)}h`,
      conductor: {
        arrivals: { poisson: { perHour: lambdaPerHour } },
        complexity: { low: 1, medium: 0, high: 0 },
        heartbeatInterval: '365d', // longer than the run: progress reports never fire,
      },
      deployment: { replicas: c, consumerId: 'pod-name' },
      work: { minutes: { low: { exponential: { mean: 60 } } }, review: 0 },
    });
    const run = await runVariant(first(scenario.variants));
    const dispatched = new Map<number, number>();
    const waits: number[] = [];
    for (const e of run.events) {
      if (e.kind === 'dispatch') dispatched.set(e.issue, e.at);
      if (e.kind === 'delivery' && e.via === '>') waits.push((e.at - (dispatched.get(e.issue) as number)) / 3_600_000);
    }
    // Drop the warm-up, then batch means for a confidence interval that respects autocorrelation.
    const steady = waits.slice(1000);
    const batches = 20;
    const size = Math.floor(steady.length / batches);
    const means = Array.from({ length: batches }, (_, b) => steady.slice(b * size, (b + 1) * size).reduce((x, y) => x + y, 0) / size);
    const mean = means.reduce((x, y) => x + y, 0) / batches;
    const sd = Math.sqrt(means.reduce((x, y) => x + (y - mean) ** 2, 0) / (batches - 1));
    const halfWidth = (2.093 * sd) / Math.sqrt(batches); // t(0.975, 19)
    const expected = erlangCWait(c, lambdaPerHour, 1);
    expect(expected).toBeCloseTo(0.7455, 3);
    expect(Math.abs(mean - expected)).toBeLessThan(halfWidth);
  }, 120_000);
});
