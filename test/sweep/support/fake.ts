/** An in-process executor with made-up metrics: sweeps' bookkeeping tested in milliseconds. */
import type { Metrics } from '../../../src/metrics/types.js';
import type { QualifiedVariant } from '../../../src/scenario/types.js';
import type { ExecutorFactory } from '../../../src/sweep/pool.js';

/**
 * Deterministic metrics from the variant's settings and seed. Asserted rather than annotated, so a
 * metric added to {@link Metrics} later does not break this fake.
 */
export function fakeMetrics(v: QualifiedVariant): Metrics {
  const replicas = v.deployment.replicas;
  const dup = v.deployment.consumerId.strategy === 'static' && replicas > 1 && v.seed % 3 !== 0 ? 1 + (v.seed % 2) : 0;
  return {
    issuesDispatched: 30,
    issuesCompleted: 10 + replicas + (v.seed % 4),
    issuesPerHour: (10 + replicas + (v.seed % 4)) / 6,
    duplicatePRs: dup,
    duplicateDeliveries: dup,
    branchCollisions: 0,
    conflictingReviews: 0,
    operatorCloses: 0,
    mergeConflicts: 0,
    strandedIssues: v.seed % 5 === 0 ? 1 : 0,
    lostIssues: 0,
    inFlightIssues: 20 - replicas - (v.seed % 4),
    idlePendingIssues: 0,
    wastedAgentHours: dup * 0.5,
    latencyP50Minutes: v.seed % 7 === 0 ? null : 60 + v.seed,
    latencyP95Minutes: null,
    latencyMeanMinutes: 70,
    maxPelLength: replicas,
    consumersAtEnd: replicas,
    containerRestarts: Math.round(v.faults.containerRestart.perPodPerDay),
    podReplacements: 0,
    reconnects: 1,
    conductorRequeues: 0,
    duplicatesByMechanism: { 'history-read-shared-name': dup, 'claim-of-live-work': 0, 'conductor-redispatch': 0, 'retry-after-crash': 0 },
  } as Metrics;
}

/** A fake pool; with `failAfter`, the run after that many fails (an interrupted sweep). */
export function fakeExecutor(options: { failAfter?: number; calls?: { count: number } } = {}): ExecutorFactory {
  const calls = options.calls ?? { count: 0 };
  return () => ({
    async run(variant) {
      await new Promise((r) => setImmediate(r));
      calls.count++;
      if (options.failAfter !== undefined && calls.count > options.failAfter) throw new Error('interrupted');
      return { metrics: fakeMetrics(variant), consumerFailure: null };
    },
    close: async () => undefined,
    peakHeapBytes: () => null,
  });
}
