import { ignoreEvent, type TraceEvent, type TraceHandlers, handleTraceEvent } from '../world/trace.js';
import type { Observation } from './kaplan-meier.js';
import type { IssueLatency } from './types.js';

const MINUTE = 60_000;

/**
 * Latency of each merged issue, from its first dispatch to its first merge that was not a
 * conflict. Built event by event so a report can stream a large events.jsonl through it; the
 * metrics and the latency chart both use it, so they cannot disagree.
 */
export class LatencyFold {
  private readonly dispatched = new Map<number, number>();
  private readonly merged: IssueLatency[] = [];
  private readonly mergedIssues = new Set<number>();
  private readonly handlers: TraceHandlers = {
    dispatch: (e) => {
      if (!this.dispatched.has(e.issue)) this.dispatched.set(e.issue, e.at);
    },
    merge: (e) => {
      if (e.conflict || this.mergedIssues.has(e.issue)) return;
      this.mergedIssues.add(e.issue);
      const dispatchedAt = this.dispatched.get(e.issue) ?? e.at;
      this.merged.push({ issue: e.issue, dispatchedAt, mergedAt: e.at, minutes: (e.at - dispatchedAt) / MINUTE });
    },
    delivery: ignoreEvent, claim: ignoreEvent, ack: ignoreEvent, 'pod-start': ignoreEvent, 'pod-stop': ignoreEvent,
    'connection-drop': ignoreEvent, reconnect: ignoreEvent, 'work-start': ignoreEvent, 'work-end': ignoreEvent, branch: ignoreEvent,
    pr: ignoreEvent, review: ignoreEvent, close: ignoreEvent, requeue: ignoreEvent, rollout: ignoreEvent, scale: ignoreEvent,
    sample: ignoreEvent, 'consumer-delete': ignoreEvent,
  };

  add(event: TraceEvent): void {
    handleTraceEvent(event, this.handlers);
  }

  /**
   * Every dispatched issue's observation for the Kaplan–Meier estimate, in dispatch order: until
   * its first merge, or, unmerged, until `endMs` (the end of the run: right-censored).
   */
  observations(endMs: number): Observation[] {
    const mergedAt = new Map(this.merged.map((l) => [l.issue, l.mergedAt]));
    return [...this.dispatched].map(([issue, dispatchedAt]) => {
      const merged = mergedAt.get(issue);
      return { minutes: ((merged ?? endMs) - dispatchedAt) / MINUTE, merged: merged !== undefined };
    });
  }

  /** Every merged issue's latency so far, in merge order. */
  latencies(): readonly IssueLatency[] {
    return this.merged;
  }
}

/** The latencies of a whole trace; see {@link LatencyFold}. */
export function latenciesOf(events: Iterable<TraceEvent>): readonly IssueLatency[] {
  return foldLatencies(events).latencies();
}

/** A {@link LatencyFold} fed a whole trace. */
export function foldLatencies(events: Iterable<TraceEvent>): LatencyFold {
  const fold = new LatencyFold();
  for (const event of events) fold.add(event);
  return fold;
}
