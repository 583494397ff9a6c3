import {
  foldTrace, ignoreEvent,
  type AckEvent, type ConsumerDeleteEvent, type DeliveryEvent, type DispatchEvent, type PodStartEvent, type PodStopEvent, type PullRequestEvent, type TraceEvent,
  type WorkEndEvent, type WorkStartEvent,
} from '../world/trace.js';

/** Lookups over a trace that the metrics and the cause chains need; built in one pass per variant. */
export class TraceIndex {
  /** First dispatch of each issue, in dispatch order. */
  readonly firstDispatch = new Map<number, DispatchEvent>();
  /** Time of each issue's first merge that was not a conflict, in merge order. */
  readonly mergedAt = new Map<number, number>();
  readonly workStarts = new Map<number, WorkStartEvent>();
  /** First end of each work. */
  readonly workEnds = new Map<number, WorkEndEvent>();
  /** Last work end of each issue. */
  readonly lastWorkEnd = new Map<number, WorkEndEvent>();
  readonly dispatchByEntry = new Map<string, DispatchEvent>();
  readonly podStarts = new Map<number, PodStartEvent>();
  /** First stop of each incarnation (crash, kill, replacement, SIGTERM, …). */
  readonly firstStop = new Map<number, PodStopEvent>();
  readonly reconnects = new Map<number, number[]>();
  /** Deliveries and claims, in order. */
  readonly deliveries: DeliveryEvent[] = [];
  /** The same, grouped by entry and incarnation (for {@link deliveryOf}: one short list, not the whole trace). */
  private readonly deliveriesByHolder = new Map<string, DeliveryEvent[]>();
  /** Last delivery (or claim) of each entry. */
  readonly lastDelivery = new Map<string, DeliveryEvent>();
  /** Last XACK of each entry that removed it from the PEL. */
  readonly acks = new Map<string, AckEvent>();
  readonly prsByIssue = new Map<number, PullRequestEvent[]>();
  /** The deletion of its consumer that destroyed each pending entry (the entries the cleanup job's MULTI listed). */
  readonly destroyedBy = new Map<string, ConsumerDeleteEvent>();
  readonly events: readonly TraceEvent[];

  constructor(events: readonly TraceEvent[]) {
    this.events = events;
    const delivered = (e: DeliveryEvent): void => {
      this.deliveries.push(e);
      this.lastDelivery.set(e.entryId, e);
      const key = holderKey(e.entryId, e.incarnation);
      const list = this.deliveriesByHolder.get(key);
      if (list === undefined) this.deliveriesByHolder.set(key, [e]);
      else list.push(e);
    };
    foldTrace(events, {
      dispatch: (e) => {
        if (!this.firstDispatch.has(e.issue)) this.firstDispatch.set(e.issue, e);
        this.dispatchByEntry.set(e.entryId, e);
      },
      merge: (e) => {
        if (!e.conflict && !this.mergedAt.has(e.issue)) this.mergedAt.set(e.issue, e.at);
      },
      'work-start': (e) => this.workStarts.set(e.work, e),
      'work-end': (e) => {
        if (!this.workEnds.has(e.work)) this.workEnds.set(e.work, e);
        this.lastWorkEnd.set(e.issue, e);
      },
      'pod-start': (e) => this.podStarts.set(e.incarnation, e),
      'pod-stop': (e) => {
        if (!this.firstStop.has(e.incarnation)) this.firstStop.set(e.incarnation, e);
      },
      reconnect: (e) => {
        const list = this.reconnects.get(e.incarnation) ?? [];
        list.push(e.at);
        this.reconnects.set(e.incarnation, list);
      },
      delivery: delivered,
      claim: delivered,
      ack: (e) => {
        if (e.removed > 0) this.acks.set(e.entryId, e);
      },
      pr: (e) => {
        const list = this.prsByIssue.get(e.issue) ?? [];
        list.push(e);
        this.prsByIssue.set(e.issue, list);
      },
      'consumer-delete': (e) => {
        for (const entryId of e.destroyed) this.destroyedBy.set(entryId, e);
      },
      'connection-drop': ignoreEvent, branch: ignoreEvent, review: ignoreEvent, close: ignoreEvent, requeue: ignoreEvent,
      rollout: ignoreEvent, scale: ignoreEvent, sample: ignoreEvent,
    });
  }

  /** Issues with a work started and never ended: being worked when the run stopped. */
  issuesBeingWorked(): Set<number> {
    const working = new Set<number>();
    for (const [work, start] of this.workStarts) if (!this.workEnds.has(work)) working.add(start.issue);
    return working;
  }

  /** The delivery that handed `work` its entry: the latest one to its incarnation at or before it started. */
  deliveryOf(work: WorkStartEvent): DeliveryEvent | undefined {
    let found: DeliveryEvent | undefined;
    for (const d of this.deliveriesByHolder.get(holderKey(work.entryId, work.incarnation)) ?? []) {
      if (d.at > work.at) break;
      found = d;
    }
    return found;
  }

  /** True if `work` was still in progress (started, not ended) at time `at`. */
  workActiveAt(work: number, at: number): boolean {
    const start = this.workStarts.get(work);
    if (!start || start.at > at) return false;
    const end = this.workEnds.get(work);
    return end === undefined || end.at >= at;
  }
}

function holderKey(entryId: string, incarnation: number): string {
  return `${entryId} ${incarnation}`;
}
