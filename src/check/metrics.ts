/**
 * The metrics an expectation may name: every number of {@link Metrics}. The table is typed against
 * `Metrics`, so a new numeric metric that is not listed here does not compile.
 */
import type { Metrics } from '../metrics/types.js';

/** Names of the numeric metrics (the nullable latencies included). */
export type MetricName = { [K in keyof Metrics]: Metrics[K] extends number | null ? K : never }[keyof Metrics];

/** What each metric counts, in the words reports use. */
export const METRIC_DESCRIPTIONS = {
  issuesDispatched: 'unique issues dispatched',
  issuesCompleted: 'unique issues merged',
  issuesPerHour: 'unique issues merged per hour',
  duplicatePRs: 'duplicate PRs',
  duplicateDeliveries: 'deliveries of an issue someone else was working on',
  branchCollisions: 'branch-name collisions',
  conflictingReviews: 'reviews of conflicting PRs',
  operatorCloses: 'duplicate PRs closed by hand',
  mergeConflicts: 'second merges refused as conflicts',
  strandedIssues: 'stranded issues',
  lostIssues: 'lost issues',
  inFlightIssues: 'issues in flight at the end',
  idlePendingIssues: 'issues pending under a live consumer that nobody works',
  wastedAgentHours: 'wasted agent hours',
  latencyP50Minutes: 'median minutes from dispatch to merge (Kaplan–Meier, unmerged issues censored)',
  latencyP95Minutes: 'p95 minutes from dispatch to merge (Kaplan–Meier, unmerged issues censored)',
  latencyMeanMinutes: 'mean minutes from dispatch to merge, restricted to the longest observation',
  latencyHorizonMinutes: 'longest minutes an issue was observed (to its merge or the end)',
  maxPelLength: 'largest PEL',
  consumersAtEnd: 'consumers at the end',
  consumersDeleted: 'consumers deleted by the cleanup job',
  pendingDestroyed: 'pending entries destroyed with deleted consumers',
  containerRestarts: 'container restarts',
  consumerCrashes: 'container crashes caused by the consumer code',
  podReplacements: 'pod replacements',
  reconnects: 'reconnects',
  conductorRequeues: 'conductor re-queues',
} as const satisfies Record<MetricName, string>;

/** Every metric name, in the order of {@link METRIC_DESCRIPTIONS}. */
export const METRIC_NAMES = Object.keys(METRIC_DESCRIPTIONS) as MetricName[];

/** True if `name` is a metric an expectation may use. */
export function isMetricName(name: string): name is MetricName {
  return Object.hasOwn(METRIC_DESCRIPTIONS, name);
}

/** The value of `metric` in `metrics` (null when undefined: a latency percentile beyond the run, or no issue at all). */
export function metricValue(metrics: Metrics, metric: MetricName): number | null {
  return metrics[metric];
}
