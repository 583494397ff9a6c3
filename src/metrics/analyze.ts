import type { VariantRun } from '../world/run-variant.js';
import { explainDuplicates } from './causes.js';
import { countDuplicateDeliveries, countEvents, wastedHours } from './counts.js';
import { accountCrashes, consumerFailure } from './crashes.js';
import { kaplanMeier, longestObservation, restrictedMean, survivalQuantile } from './kaplan-meier.js';
import { foldLatencies } from './latency.js';
import { buildSeries } from './series.js';
import { round } from './stats.js';
import { TraceIndex } from './trace-index.js';
import type { DuplicateMechanism, Metrics, RunAnalysis } from './types.js';
import { classifyUnfinished } from './unfinished.js';

const HOUR = 3_600_000;

/**
 * Everything pelsim concludes from one variant's run, from its trace and Redis' final state: the
 * metrics, the hourly series, every duplicate PR, stranded and lost issue with its cause chain, and
 * every merged issue's latency. The one analysis of a run: the CLI, the library, sweeps, hunts and
 * reports all take their numbers from it.
 */
export function analyze(run: VariantRun): RunAnalysis {
  const index = new TraceIndex(run.events);
  const counts = countEvents(run.events);
  const unfinished = classifyUnfinished(run, index);
  const latencyFold = foldLatencies(run.events);
  const latencies = latencyFold.latencies();
  // Every dispatched issue counts: unmerged ones are censored at the end of the run.
  const observations = latencyFold.observations(run.durationMs);
  const survival = kaplanMeier(observations);
  const horizon = longestObservation(observations);
  const duplicates = explainDuplicates(index);
  const byMechanism: Record<DuplicateMechanism, number> = {
    'history-read-shared-name': 0, 'claim-of-live-work': 0, 'conductor-redispatch': 0, 'retry-after-crash': 0,
  };
  for (const d of duplicates) byMechanism[d.mechanism]++;
  const hours = run.durationMs / HOUR;
  const nullable = (v: number | null) => (v === null ? null : round(v, 1));
  const completed = index.mergedAt.size;
  const crashes = accountCrashes(run.events);
  const metrics: Metrics = {
    issuesDispatched: index.firstDispatch.size,
    issuesCompleted: completed,
    issuesPerHour: hours > 0 ? round(completed / hours) : 0,
    duplicatePRs: counts.duplicatePRs,
    duplicateDeliveries: countDuplicateDeliveries(index),
    branchCollisions: counts.branchCollisions,
    conflictingReviews: counts.conflictingReviews,
    operatorCloses: counts.operatorCloses,
    mergeConflicts: counts.mergeConflicts,
    strandedIssues: unfinished.stranded.length,
    lostIssues: unfinished.lost.length,
    inFlightIssues: unfinished.inFlight.length,
    idlePendingIssues: unfinished.idlePending.length,
    wastedAgentHours: round(wastedHours(index)),
    latencyP50Minutes: nullable(survivalQuantile(survival, 0.5)),
    latencyP95Minutes: nullable(survivalQuantile(survival, 0.95)),
    latencyMeanMinutes: horizon === null ? null : round(restrictedMean(survival, horizon), 1),
    latencyHorizonMinutes: nullable(horizon),
    maxPelLength: Math.max(counts.maxSampledPel, run.final.pending.length),
    consumersAtEnd: run.final.consumers.length,
    consumersDeleted: counts.consumersDeleted,
    pendingDestroyed: counts.pendingDestroyed,
    containerRestarts: counts.containerRestarts,
    consumerCrashes: crashes.consumerCrashes,
    podReplacements: counts.podReplacements,
    reconnects: counts.reconnects,
    conductorRequeues: counts.conductorRequeues,
    duplicatesByMechanism: byMechanism,
  };
  const unmerged = unfinished.inFlight.length + unfinished.stranded.length + unfinished.lost.length;
  return {
    result: {
      name: run.name,
      seed: run.seed,
      redisVersion: run.redisVersion,
      durationHours: round(hours),
      metrics,
      series: buildSeries(run),
      duplicates,
      crashes: crashes.reasons,
      consumerFailure: consumerFailure(crashes, {
        dispatched: metrics.issuesDispatched, completed, beingWorked: index.issuesBeingWorked().size, consumer: run.consumer,
      }),
      reconciles: metrics.issuesDispatched === metrics.issuesCompleted + unmerged,
    },
    stranded: unfinished.stranded,
    lost: unfinished.lost,
    inFlight: unfinished.inFlight,
    latencies,
  };
}
