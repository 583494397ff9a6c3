import { latencyText } from '../metrics/index.js';
import type { LoadedMetrics } from './load-results.js';

/** One row of the key-metrics table. */
export interface KeyMetric {
  /** Field of results.json's metrics. */
  readonly key: string;
  /** Label with its unit. */
  readonly label: string;
  readonly digits: number;
  /** Which way is better, for the comparison's change column; null when neither. */
  readonly better: 'higher' | 'lower' | null;
  /** Shown only when some series has a non-zero value (what only an optional part of the world counts). */
  readonly whenNonZero?: true;
  /**
   * A latency percentile: null means the Kaplan–Meier estimate never reached it within the minutes
   * this metric (the horizon) holds, and the cell reads `>N` as in the terminal table.
   */
  readonly beyond?: 'latencyHorizonMinutes';
}

/** The metrics the reports show, in order; the throughput and the harm first. */
export const KEY_METRICS: readonly KeyMetric[] = [
  { key: 'issuesPerHour', label: 'issues completed / hour', digits: 2, better: 'higher' },
  { key: 'issuesCompleted', label: 'issues completed', digits: 0, better: 'higher' },
  { key: 'issuesDispatched', label: 'issues dispatched', digits: 0, better: null },
  { key: 'duplicatePRs', label: 'duplicate PRs', digits: 0, better: 'lower' },
  { key: 'duplicateDeliveries', label: 'duplicate deliveries', digits: 0, better: 'lower' },
  { key: 'branchCollisions', label: 'branch-name collisions', digits: 0, better: 'lower' },
  { key: 'conflictingReviews', label: 'conflicting reviews', digits: 0, better: 'lower' },
  { key: 'operatorCloses', label: 'PRs closed by an operator', digits: 0, better: 'lower' },
  { key: 'mergeConflicts', label: 'merge conflicts', digits: 0, better: 'lower' },
  { key: 'strandedIssues', label: 'stranded issues', digits: 0, better: 'lower' },
  { key: 'lostIssues', label: 'lost issues', digits: 0, better: 'lower' },
  { key: 'inFlightIssues', label: 'in-flight issues at the end', digits: 0, better: null },
  { key: 'idlePendingIssues', label: 'idle pending issues (in flight, nobody working)', digits: 0, better: 'lower' },
  { key: 'wastedAgentHours', label: 'wasted agent time (h)', digits: 1, better: 'lower' },
  { key: 'latencyP50Minutes', label: 'latency p50 (min)', digits: 0, better: 'lower', beyond: 'latencyHorizonMinutes' },
  { key: 'latencyP95Minutes', label: 'latency p95 (min)', digits: 0, better: 'lower', beyond: 'latencyHorizonMinutes' },
  { key: 'maxPelLength', label: 'max PEL length (entries)', digits: 0, better: 'lower' },
  { key: 'consumersAtEnd', label: 'consumers in group at the end', digits: 0, better: 'lower' },
  { key: 'consumerCrashes', label: 'consumer crashes (its code threw)', digits: 0, better: 'lower' },
  { key: 'consumersDeleted', label: 'consumers deleted by the cleanup job', digits: 0, better: null, whenNonZero: true },
  { key: 'pendingDestroyed', label: 'pending entries destroyed by those deletions', digits: 0, better: 'lower', whenNonZero: true },
  { key: 'containerRestarts', label: 'container restarts', digits: 0, better: null },
  { key: 'podReplacements', label: 'pod replacements', digits: 0, better: null },
  { key: 'reconnects', label: 'reconnects', digits: 0, better: null },
  { key: 'conductorRequeues', label: 'conductor re-queues', digits: 0, better: null },
];

/** The cells of the "Redis version" row, one per series; null when no series says its version. */
export function versionCells(series: readonly { readonly redisVersion: string | null }[]): string[] | null {
  if (series.every((s) => s.redisVersion === null)) return null;
  return series.map((s) => s.redisVersion ?? '–');
}

/** A metric's value by key; null when absent (an older results.json) or null (no merged issue). */
export function metricValue(metrics: LoadedMetrics, key: string): number | null {
  const v = (metrics as Record<string, unknown>)[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** The metrics present in at least one of the given metric sets, in table order. */
export function presentMetrics(all: readonly LoadedMetrics[]): KeyMetric[] {
  return KEY_METRICS.filter((m) =>
    m.whenNonZero ? all.some((x) => (metricValue(x, m.key) ?? 0) !== 0) : all.some((x) => metricValue(x, m.key) !== null || m.key in x),
  );
}

/** Fixed-digit formatting with thousands separators; `–` for no value. */
export function formatMetric(value: number | null, digits: number): string {
  if (value === null) return '–';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/**
 * One metric's cell in the report's tables: its value, `>N` for a latency percentile beyond the N
 * minutes observed (the terminal table's reading) or for a group's mean `atLeast` N, `–` for no value.
 */
export function metricCell(metrics: LoadedMetrics, m: KeyMetric, atLeast?: number): string {
  if (atLeast !== undefined) return `>${formatMetric(atLeast, m.digits)}`;
  const value = metricValue(metrics, m.key);
  if (m.beyond === undefined) return formatMetric(value, m.digits);
  return latencyText(value, metricValue(metrics, m.beyond), '–', (minutes) => formatMetric(minutes, m.digits));
}

/**
 * A key metric's values over several runs (the seeds of a comparison's group), for a mean. A
 * latency percentile a run never reached counts as the run's horizon, a lower bound of its value
 * (`beyond` says how many runs did so; the mean is then a lower bound too).
 */
export function runValues(all: readonly LoadedMetrics[], m: KeyMetric): { readonly values: number[]; readonly beyond: number } {
  const values: number[] = [];
  let beyond = 0;
  for (const metrics of all) {
    const value = metricValue(metrics, m.key);
    const horizon = m.beyond === undefined ? null : metricValue(metrics, m.beyond);
    if (value !== null) values.push(value);
    else if (horizon !== null) {
      values.push(horizon);
      beyond++;
    }
  }
  return { values, beyond };
}

/** The duplicate PRs by mechanism, as `mechanism: n` parts (non-zero only). */
export function mechanismParts(metrics: LoadedMetrics): string[] {
  const by = (metrics as Record<string, unknown>).duplicatesByMechanism;
  if (typeof by !== 'object' || by === null) return [];
  return Object.entries(by as Record<string, unknown>)
    .filter((e): e is [string, number] => typeof e[1] === 'number' && e[1] > 0)
    .map(([k, v]) => `${k}: ${v}`);
}
