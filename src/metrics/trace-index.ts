import type {
  DeliveryEvent, DispatchEvent, PodStartEvent, PullRequestEvent, TraceEvent, WorkEndEvent, WorkStartEvent,
} from '../world/trace.js';

/** Lookups over a trace that several metrics need; built once per variant. */
export class TraceIndex {
  readonly workStarts = new Map<number, WorkStartEvent>();
  readonly workEnds = new Map<number, WorkEndEvent>();
  readonly dispatchByEntry = new Map<string, DispatchEvent>();
  readonly podStarts = new Map<number, PodStartEvent>();
  /** First time each incarnation stopped (crash, kill, replacement, SIGTERM). */
  readonly incarnationEnd = new Map<number, number>();
  readonly reconnects = new Map<number, number[]>();
  readonly deliveries: DeliveryEvent[] = [];
  readonly prsByIssue = new Map<number, PullRequestEvent[]>();
  readonly events: readonly TraceEvent[];

  constructor(events: readonly TraceEvent[]) {
    this.events = events;
    for (const e of events) {
      switch (e.kind) {
        case 'work-start':
          this.workStarts.set(e.work, e);
          break;
        case 'work-end':
          if (!this.workEnds.has(e.work)) this.workEnds.set(e.work, e);
          break;
        case 'dispatch':
          this.dispatchByEntry.set(e.entryId, e);
          break;
        case 'pod-start':
          this.podStarts.set(e.incarnation, e);
          break;
        case 'pod-stop':
          if (!this.incarnationEnd.has(e.incarnation)) this.incarnationEnd.set(e.incarnation, e.at);
          break;
        case 'reconnect': {
          const list = this.reconnects.get(e.incarnation) ?? [];
          list.push(e.at);
          this.reconnects.set(e.incarnation, list);
          break;
        }
        case 'delivery':
        case 'claim':
          this.deliveries.push(e);
          break;
        case 'pr': {
          const list = this.prsByIssue.get(e.issue) ?? [];
          list.push(e);
          this.prsByIssue.set(e.issue, list);
          break;
        }
        default:
          break;
      }
    }
  }

  /** The delivery that handed `work` its entry: the latest one to its incarnation at or before it started. */
  deliveryOf(work: WorkStartEvent): DeliveryEvent | undefined {
    let found: DeliveryEvent | undefined;
    for (const d of this.deliveries) {
      if (d.at > work.at) break;
      if (d.entryId === work.entryId && d.incarnation === work.incarnation) found = d;
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
