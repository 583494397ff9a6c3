/**
 * `redis: { latencyMs }` delays every reply in virtual time. The run's final state is read after
 * the simulation stops, when no clock moves: those replies must come at once, or the run never
 * ends (it did: Node's "unsettled top-level await", exit 13).
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/run/simulate.js';

describe('a scenario with command latency', () => {
  it('finishes and reports, with every issue merged on a fleet that keeps up', async () => {
    const result = await simulate({ name: 'latency', duration: '6h', redis: { latencyMs: 3 }, conductor: { backlog: 3 } });
    const run = result.runs[0];
    expect(run?.metrics.issuesCompleted).toBeGreaterThan(0);
    expect(run?.metrics.duplicatePRs).toBe(0);
  });
});
