import { foldTrace, ignoreEvent, type TraceEvent } from '../world/trace.js';
import type { TraceIndex } from './trace-index.js';

/** The metrics that are plain counts of trace events. */
export interface EventCounts {
  duplicatePRs: number;
  branchCollisions: number;
  conflictingReviews: number;
  operatorCloses: number;
  mergeConflicts: number;
  containerRestarts: number;
  podReplacements: number;
  reconnects: number;
  conductorRequeues: number;
  /** Largest PEL length the monitor sampled. */
  maxSampledPel: number;
  /** Consumers the cleanup job deleted. */
  consumersDeleted: number;
  /** Pending entries those deletions destroyed. */
  pendingDestroyed: number;
}

/** Counts what the metrics count, in one pass. */
export function countEvents(events: readonly TraceEvent[]): EventCounts {
  const c: EventCounts = {
    duplicatePRs: 0, branchCollisions: 0, conflictingReviews: 0, operatorCloses: 0, mergeConflicts: 0,
    containerRestarts: 0, podReplacements: 0, reconnects: 0, conductorRequeues: 0, maxSampledPel: 0,
    consumersDeleted: 0, pendingDestroyed: 0,
  };
  foldTrace(events, {
    merge: (e) => {
      if (e.conflict) c.mergeConflicts++;
    },
    pr: (e) => {
      if (e.duplicate) c.duplicatePRs++;
    },
    branch: (e) => {
      if (e.collision) c.branchCollisions++;
    },
    review: (e) => {
      if (e.conflicting) c.conflictingReviews++;
    },
    close: (e) => {
      if (e.by === 'operator') c.operatorCloses++;
    },
    'pod-stop': (e) => {
      if (e.reason === 'crash') c.containerRestarts++;
      if (e.reason === 'replacement') c.podReplacements++;
    },
    reconnect: () => {
      c.reconnects++;
    },
    requeue: () => {
      c.conductorRequeues++;
    },
    sample: (e) => {
      c.maxSampledPel = Math.max(c.maxSampledPel, e.pelLength);
    },
    'consumer-delete': (e) => {
      c.consumersDeleted++;
      c.pendingDestroyed += e.destroyed.length;
    },
    dispatch: ignoreEvent, delivery: ignoreEvent, claim: ignoreEvent, ack: ignoreEvent, 'pod-start': ignoreEvent,
    'connection-drop': ignoreEvent, 'work-start': ignoreEvent, 'work-end': ignoreEvent, rollout: ignoreEvent, scale: ignoreEvent,
  });
  return c;
}

/** Deliveries while another incarnation was working the issue, or after it merged. */
export function countDuplicateDeliveries(index: TraceIndex): number {
  const active = new Map<number, Map<number, number>>(); // issue -> work -> incarnation
  let duplicates = 0;
  const delivered = (e: { readonly issue: number; readonly incarnation: number; readonly at: number }): void => {
    const merged = index.mergedAt.get(e.issue);
    const others = [...(active.get(e.issue)?.values() ?? [])].some((inc) => inc !== e.incarnation);
    if (others || (merged !== undefined && merged <= e.at)) duplicates++;
  };
  foldTrace(index.events, {
    'work-start': (e) => {
      const works = active.get(e.issue) ?? new Map<number, number>();
      works.set(e.work, e.incarnation);
      active.set(e.issue, works);
    },
    'work-end': (e) => {
      active.get(e.issue)?.delete(e.work);
    },
    delivery: delivered,
    claim: delivered,
    dispatch: ignoreEvent, ack: ignoreEvent, 'pod-start': ignoreEvent, 'pod-stop': ignoreEvent, 'connection-drop': ignoreEvent,
    reconnect: ignoreEvent, branch: ignoreEvent, pr: ignoreEvent, review: ignoreEvent, merge: ignoreEvent, close: ignoreEvent,
    requeue: ignoreEvent, rollout: ignoreEvent, scale: ignoreEvent, sample: ignoreEvent, 'consumer-delete': ignoreEvent,
  });
  return duplicates;
}

/** Hours of work that produced nothing: lost in a crash, closed by the operator, or conflicted. */
export function wastedHours(index: TraceIndex): number {
  let ms = 0;
  for (const [work, end] of index.workEnds) {
    if (end.outcome === 'merged' || end.outcome === 'skipped') continue;
    const start = index.workStarts.get(work);
    if (start) ms += end.at - start.at;
  }
  return ms / 3_600_000;
}
