import type { VariantRun } from '../world/run-variant.js';
import type { DuplicateMechanism } from '../world/trace.js';
import { explainDuplicates } from './causes.js';
import { buildSeries } from './series.js';
import { compareIds, mean, percentile, round } from './stats.js';
import { TraceIndex } from './trace-index.js';
import type { Metrics, VariantResult } from './types.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** Turns one variant's trace and final Redis state into metrics, series and cause chains. */
export function computeVariantResult(run: VariantRun): VariantResult {
  const index = new TraceIndex(run.events);
  const events = run.events;
  const dispatched = new Map<number, number>();
  const mergedAt = new Map<number, number>();
  const counts = {
    duplicatePRs: 0, branchCollisions: 0, conflictingReviews: 0, operatorCloses: 0, mergeConflicts: 0,
    containerRestarts: 0, podReplacements: 0, reconnects: 0, conductorRequeues: 0,
  };
  let maxPel = 0;
  for (const e of events) {
    switch (e.kind) {
      case 'dispatch':
        if (!dispatched.has(e.issue)) dispatched.set(e.issue, e.at);
        break;
      case 'merge':
        if (e.conflict) counts.mergeConflicts++;
        else if (!mergedAt.has(e.issue)) mergedAt.set(e.issue, e.at);
        break;
      case 'pr':
        if (e.duplicate) counts.duplicatePRs++;
        break;
      case 'branch':
        if (e.collision) counts.branchCollisions++;
        break;
      case 'review':
        if (e.conflicting) counts.conflictingReviews++;
        break;
      case 'close':
        if (e.by === 'operator') counts.operatorCloses++;
        break;
      case 'pod-stop':
        if (e.reason === 'crash') counts.containerRestarts++;
        if (e.reason === 'replacement') counts.podReplacements++;
        break;
      case 'reconnect':
        counts.reconnects++;
        break;
      case 'requeue':
        counts.conductorRequeues++;
        break;
      case 'sample':
        maxPel = Math.max(maxPel, e.pelLength);
        break;
      default:
        break;
    }
  }
  maxPel = Math.max(maxPel, run.final.pending.length);

  const states = classifyUnfinished(run, index, dispatched, mergedAt);
  const latencies = [...mergedAt].map(([issue, at]) => (at - (dispatched.get(issue) ?? at)) / MINUTE);
  const duplicates = explainDuplicates(index);
  const byMechanism: Record<DuplicateMechanism, number> = {
    'history-read-shared-name': 0, 'claim-of-live-work': 0, 'conductor-redispatch': 0, 'retry-after-crash': 0,
  };
  for (const d of duplicates) byMechanism[d.mechanism]++;
  const hours = run.durationMs / HOUR;
  const nullable = (v: number | null) => (v === null ? null : round(v, 1));
  const metrics: Metrics = {
    issuesDispatched: dispatched.size,
    issuesCompleted: mergedAt.size,
    issuesPerHour: hours > 0 ? round(mergedAt.size / hours) : 0,
    duplicatePRs: counts.duplicatePRs,
    duplicateDeliveries: countDuplicateDeliveries(index, mergedAt),
    branchCollisions: counts.branchCollisions,
    conflictingReviews: counts.conflictingReviews,
    operatorCloses: counts.operatorCloses,
    mergeConflicts: counts.mergeConflicts,
    strandedIssues: states.stranded,
    lostIssues: states.lost,
    inFlightIssues: states.inFlight,
    idlePendingIssues: states.idlePending,
    wastedAgentHours: round(wastedHours(index)),
    latencyP50Minutes: nullable(percentile(latencies, 0.5)),
    latencyP95Minutes: nullable(percentile(latencies, 0.95)),
    latencyMeanMinutes: nullable(mean(latencies)),
    maxPelLength: maxPel,
    consumersAtEnd: run.final.consumers.length,
    containerRestarts: counts.containerRestarts,
    podReplacements: counts.podReplacements,
    reconnects: counts.reconnects,
    conductorRequeues: counts.conductorRequeues,
    duplicatesByMechanism: byMechanism,
  };
  return {
    name: run.name,
    seed: run.seed,
    durationHours: round(hours),
    metrics,
    series: buildSeries(run),
    duplicates,
    reconciles: metrics.issuesDispatched === metrics.issuesCompleted + states.inFlight + states.stranded + states.lost,
  };
}

/** Places every unmerged issue in exactly one of in-flight, stranded or lost. */
function classifyUnfinished(
  run: VariantRun,
  index: TraceIndex,
  dispatched: ReadonlyMap<number, number>,
  merged: ReadonlyMap<number, number>,
): { inFlight: number; idlePending: number; stranded: number; lost: number } {
  const live = new Set(run.final.liveConsumers);
  const owners = new Map<string, string>(run.final.pending.map((p) => [p.entryId, p.consumer]));
  const entriesOf = new Map<number, string[]>();
  for (const { entryId, issue } of run.final.entries) entriesOf.set(issue, [...(entriesOf.get(issue) ?? []), entryId]);
  const working = new Set<number>();
  for (const [work, start] of index.workStarts) if (!index.workEnds.has(work)) working.add(start.issue);

  let inFlight = 0;
  let idlePending = 0;
  let stranded = 0;
  let lost = 0;
  for (const issue of dispatched.keys()) {
    if (merged.has(issue)) continue;
    const entries = entriesOf.get(issue) ?? [];
    const queued = entries.some((id) => compareIds(id, run.final.lastDeliveredId) > 0);
    const pendingOwners = entries.flatMap((id) => (owners.has(id) ? [owners.get(id) as string] : []));
    if (queued || working.has(issue)) inFlight++;
    else if (pendingOwners.some((o) => live.has(o))) {
      inFlight++;
      idlePending++;
    } else if (pendingOwners.length > 0) stranded++;
    else lost++;
  }
  return { inFlight, idlePending, stranded, lost };
}

/** Deliveries while another incarnation was working the issue, or after it merged. */
function countDuplicateDeliveries(index: TraceIndex, mergedAt: ReadonlyMap<number, number>): number {
  const active = new Map<number, Map<number, number>>(); // issue -> work -> incarnation
  let duplicates = 0;
  for (const e of index.events) {
    if (e.kind === 'work-start') {
      const works = active.get(e.issue) ?? new Map<number, number>();
      works.set(e.work, e.incarnation);
      active.set(e.issue, works);
    } else if (e.kind === 'work-end') {
      active.get(e.issue)?.delete(e.work);
    } else if (e.kind === 'delivery' || e.kind === 'claim') {
      const merged = mergedAt.get(e.issue);
      const others = [...(active.get(e.issue)?.values() ?? [])].some((inc) => inc !== e.incarnation);
      if (others || (merged !== undefined && merged <= e.at)) duplicates++;
    }
  }
  return duplicates;
}

/** Hours of work that produced nothing: lost in a crash, closed by the operator, or conflicted. */
function wastedHours(index: TraceIndex): number {
  let ms = 0;
  for (const [work, end] of index.workEnds) {
    if (end.outcome === 'merged' || end.outcome === 'skipped') continue;
    const start = index.workStarts.get(work);
    if (start) ms += end.at - start.at;
  }
  return ms / HOUR;
}
