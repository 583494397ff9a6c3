/**
 * Issue 11, finding 6: latency counted over merged issues only read backwards (p50 562 min for 1
 * replica, 688 for 2 pod-name replicas): the variant that merges more also merges the slow ones.
 * With unmerged issues censored at the end (Kaplan–Meier), more replicas never read as slower.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/library/index.js';

/** A percentile the estimate never reached lies beyond every observation: larger than any number. */
const orBeyond = (v: number | null) => v ?? Number.POSITIVE_INFINITY;

describe('latency on the seed story', () => {
  it('2 pod-name replicas have a p50 no larger than 1 replica, on each of 3 seeds', async () => {
    const result = await simulate('scenarios/seed-story.yaml', { seeds: 3 });
    for (const seed of [7, 8, 9]) {
      const of = (variant: string) => result.runs.find((r) => r.variant === variant && r.seed === seed)?.metrics;
      const one = of('1 replica, static id');
      const two = of('2 replicas, pod-name id');
      expect(two?.issuesCompleted).toBeGreaterThan(one?.issuesCompleted ?? 0);
      expect(orBeyond(two?.latencyP50Minutes ?? null)).toBeLessThanOrEqual(orBeyond(one?.latencyP50Minutes ?? null));
      expect(orBeyond(two?.latencyP95Minutes ?? null)).toBeLessThanOrEqual(orBeyond(one?.latencyP95Minutes ?? null));
    }
  }, 120_000);
});
