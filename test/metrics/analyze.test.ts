import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/metrics/index.js';
import { TraceBuilder, type Pod } from './trace-builder.js';

const a: Pod = { pod: 'a', consumer: 'a', incarnation: 1 };
const b: Pod = { pod: 'b', consumer: 'b', incarnation: 2 };

describe('analyze: each duplicate mechanism from a hand-written trace', () => {
  it('a history read under a shared consumer name', () => {
    const sharedA: Pod = { pod: 'a', consumer: 'worker', incarnation: 1 };
    const sharedB: Pod = { pod: 'b', consumer: 'worker', incarnation: 2 };
    const t = new TraceBuilder().dispatch(0, 201, '1-0').start(0, sharedA).start(0, sharedB).deliver(1, sharedA, 201, '1-0');
    const w1 = t.work(1, sharedA, 201, '1-0');
    t.reconnect(10, sharedB).deliver(10, sharedB, 201, '1-0', 'history');
    const w2 = t.work(10, sharedB, 201, '1-0');
    t.pr(30, sharedA, 201, w1, 1, false).pr(40, sharedB, 201, w2, 2, true);
    const { result } = analyze(t.run());
    expect(result.metrics.duplicatePRs).toBe(1);
    expect(result.metrics.duplicatesByMechanism['history-read-shared-name']).toBe(1);
    expect(result.duplicates).toEqual([
      {
        issue: 201, pr: 2, at: 40 * 60_000, mechanism: 'history-read-shared-name',
        chain: 'issue #201: delivered to worker via `>` at 00:01 (pod a); pod b (same consumer name) reconnected at 00:10 and read history `0` at 00:10; duplicate PR #2 opened at 00:40 (first PR #1)',
      },
    ]);
  });

  it('a claim of work still in progress', () => {
    const t = new TraceBuilder().dispatch(0, 201, '1-0').start(0, a).start(0, b).deliver(1, a, 201, '1-0');
    const w1 = t.work(1, a, 201, '1-0');
    t.deliver(20, b, 201, '1-0', 'xautoclaim');
    const w2 = t.work(20, b, 201, '1-0');
    t.pr(30, a, 201, w1, 1, false).pr(40, b, 201, w2, 2, true);
    const [duplicate] = analyze(t.run()).result.duplicates;
    expect(duplicate?.mechanism).toBe('claim-of-live-work');
    expect(duplicate?.chain).toBe(
      'issue #201: delivered to a via `>` at 00:01 (pod a); pod b claimed it as b via XAUTOCLAIM at 00:20 while pod a was still working on it; duplicate PR #2 opened at 00:40 (first PR #1)',
    );
  });

  it('a conductor re-dispatch after a missed heartbeat', () => {
    const t = new TraceBuilder().dispatch(0, 201, '1-0').start(0, a).start(0, b).deliver(1, a, 201, '1-0');
    const w1 = t.work(1, a, 201, '1-0');
    t.dispatch(30, 201, '2-0', true).deliver(31, b, 201, '2-0');
    const w2 = t.work(31, b, 201, '2-0');
    t.pr(40, a, 201, w1, 1, false).pr(50, b, 201, w2, 2, true);
    const { result } = analyze(t.run());
    expect(result.metrics.issuesDispatched).toBe(1);
    expect(result.duplicates.map((d) => [d.mechanism, d.chain])).toEqual([
      [
        'conductor-redispatch',
        'issue #201: delivered to a via `>` at 00:01 (pod a); the conductor re-dispatched it as 2-0 at 00:30 after a missed heartbeat; delivered to b via `>` at 00:31 (pod b); duplicate PR #2 opened at 00:50 (first PR #1)',
      ],
    ]);
  });

  it('a retry after a crash, once the first PR was open', () => {
    const restarted: Pod = { ...a, incarnation: 3 };
    const t = new TraceBuilder().dispatch(0, 201, '1-0').start(0, a).deliver(1, a, 201, '1-0');
    const w1 = t.work(1, a, 201, '1-0');
    t.pr(20, a, 201, w1, 1, false).stop(25, a, 'crash').end(25, a, 201, w1, 'lost');
    t.start(26, restarted, 'restart').deliver(26, restarted, 201, '1-0', 'history');
    const w2 = t.work(26, restarted, 201, '1-0');
    t.pr(50, restarted, 201, w2, 2, true);
    const { result } = analyze(t.run());
    expect(result.metrics.containerRestarts).toBe(1);
    expect(result.duplicates.map((d) => [d.mechanism, d.chain])).toEqual([
      [
        'retry-after-crash',
        'issue #201: delivered to a via `>` at 00:01 (pod a); pod a stopped at 00:25 with its work unfinished; delivered to a via a history read `0` at 00:26 (pod a) and it was worked again; duplicate PR #2 opened at 00:50 (first PR #1)',
      ],
    ]);
  });
});

describe('analyze: where each unmerged issue ends up', () => {
  it('stranded: pending only under the name of a replaced pod', () => {
    const t = new TraceBuilder().dispatch(0, 201, '1-0').start(0, a).deliver(1, a, 201, '1-0');
    const w = t.work(1, a, 201, '1-0');
    t.stop(10, a, 'replacement').end(10, a, 201, w, 'lost');
    const analysis = analyze(t.run({ pending: [{ entryId: '1-0', consumer: 'a', deliveries: 1 }], liveConsumers: ['c'] }));
    expect(analysis.stranded).toEqual([
      {
        issue: 201,
        chain: 'issue #201: delivered to a via `>` at 00:01 (pod a); pod a was replaced (its successor has a new name) at 00:10; entry 1-0 is still pending under a, a name no pod uses, at the end (08:00)',
      },
    ]);
    expect(analysis.lost).toEqual([]);
    expect(analysis.result.metrics).toMatchObject({ strandedIssues: 1, lostIssues: 0, inFlightIssues: 0 });
    expect(analysis.result.reconciles).toBe(true);
  });

  it('lost: acknowledged before the work, then the pod crashed', () => {
    const t = new TraceBuilder().dispatch(0, 201, '1-0').start(0, a).deliver(1, a, 201, '1-0').ack(1, a, 201, '1-0');
    const w = t.work(1, a, 201, '1-0');
    t.stop(10, a, 'crash').end(10, a, 201, w, 'lost');
    const analysis = analyze(t.run({ liveConsumers: ['a'] }));
    expect(analysis.lost).toEqual([
      {
        issue: 201,
        chain: 'issue #201: delivered to a via `>` at 00:01 (pod a); entry 1-0 was acknowledged by a (pod a) at 00:01 without a merge; pod a crashed at 00:10, losing its work; nobody will work it again',
      },
    ]);
    expect(analysis.result.metrics).toMatchObject({ strandedIssues: 0, lostIssues: 1, inFlightIssues: 0, wastedAgentHours: 0.15 });
    expect(analysis.result.reconciles).toBe(true);
  });

  it('in flight: queued, being worked, or pending idle under a live consumer', () => {
    const t = new TraceBuilder().dispatch(0, 201, '1-0').dispatch(0, 202, '2-0').dispatch(0, 203, '3-0').start(0, a);
    t.deliver(1, a, 201, '1-0');
    t.work(1, a, 201, '1-0');
    t.deliver(2, a, 202, '2-0');
    const run = t.run({
      pending: [{ entryId: '1-0', consumer: 'a', deliveries: 1 }, { entryId: '2-0', consumer: 'a', deliveries: 1 }],
      lastDeliveredId: '2-0',
      liveConsumers: ['a'],
    });
    const analysis = analyze(run);
    expect(analysis.inFlight).toEqual([201, 202, 203]);
    expect(analysis.result.metrics).toMatchObject({ inFlightIssues: 3, idlePendingIssues: 1, strandedIssues: 0, lostIssues: 0 });
    expect(analysis.result.reconciles).toBe(true);
  });

  it('merged: latency from the first dispatch to the first merge that was not a conflict', () => {
    const t = new TraceBuilder().dispatch(5, 201, '1-0').start(0, a).deliver(6, a, 201, '1-0');
    const w = t.work(6, a, 201, '1-0');
    t.pr(30, a, 201, w, 1, false).end(30, a, 201, w, 'merged').merge(95, 201, 1).merge(100, 201, 1, true);
    const analysis = analyze(t.run());
    expect(analysis.latencies).toEqual([{ issue: 201, dispatchedAt: 5 * 60_000, mergedAt: 95 * 60_000, minutes: 90 }]);
    expect(analysis.result.metrics).toMatchObject({ issuesCompleted: 1, latencyP50Minutes: 90, mergeConflicts: 1, inFlightIssues: 0 });
  });
});
