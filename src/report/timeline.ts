import {
  handleTraceEvent, ignoreEvent, LatencyFold, type DeliveryEvent, type Observation, type TraceEvent, type TraceHandlers, type WorkEndEvent,
} from '../metrics/index.js';

/** One container run of one pod: a lane of the swimlane. */
export interface Lane {
  readonly incarnation: number;
  readonly pod: string;
  readonly consumer: string;
  /** 1 for the pod's first container, 2 after its first restart, … */
  readonly run: number;
  readonly start: number;
  readonly startReason: string;
  /** Last stop recorded (SIGKILL after SIGTERM counts), or null when still running at the end. */
  end: number | null;
  stopReason: string | null;
}

/** What became of one piece of work; `unfinished` when the run ended first. */
export type WorkOutcome = WorkEndEvent['outcome'] | 'unfinished';

/** One piece of work: an incarnation working one issue. */
export interface WorkBar {
  readonly work: number;
  readonly issue: number;
  readonly incarnation: number;
  readonly start: number;
  end: number | null;
  outcome: WorkOutcome;
  /** Its PR was a PR beyond the first for the issue. */
  duplicatePr: boolean;
  /** Another piece of work on the same issue overlapped it, or its PR was a duplicate. */
  duplicate: boolean;
}

/** Something that happened to a lane, drawn as a marker. */
export type MarkerKind = 'restart' | 'replacement' | 'rollout' | 'reconnect' | 'claim' | 'history read';

/** A marker on a lane: when, which incarnation, what, and the issue it concerns (claims, history reads). */
export interface Marker {
  readonly at: number;
  readonly incarnation: number;
  readonly kind: MarkerKind;
  readonly issue: number | null;
}

/** Everything the latency and swimlane charts need from one variant's events. */
export interface VariantTimeline {
  readonly variant: string;
  /** Time of the last event (ms). */
  readonly endMs: number;
  /**
   * Every dispatched issue's minutes from first dispatch to first non-conflict merge, or, unmerged,
   * to the end of the run (censored): what results.json's Kaplan–Meier p50/p95 are estimated from.
   */
  readonly latencyObservations: readonly Observation[];
  readonly titles: ReadonlyMap<number, string>;
  readonly lanes: readonly Lane[];
  readonly works: readonly WorkBar[];
  readonly markers: readonly Marker[];
  /** When each rolling update began (ms), in order. */
  readonly rollouts: readonly number[];
}

/**
 * Folds one variant's trace, event by event, into a {@link VariantTimeline}. Incremental so a
 * large events.jsonl is read as a stream rather than held in memory.
 */
export class TimelineBuilder {
  private endMs = 0;
  private readonly latency = new LatencyFold();
  private readonly titles = new Map<number, string>();
  private readonly lanes = new Map<number, Lane>();
  private readonly runs = new Map<string, number>();
  private readonly works = new Map<number, WorkBar>();
  private readonly markers: Marker[] = [];
  private readonly rollouts: number[] = [];
  private readonly handlers: TraceHandlers;

  constructor(private readonly variant: string) {
    const delivered = (e: DeliveryEvent): void => {
      if (e.via === 'xclaim' || e.via === 'xautoclaim') this.markers.push({ at: e.at, incarnation: e.incarnation, kind: 'claim', issue: e.issue });
      else if (e.via === 'history') this.markers.push({ at: e.at, incarnation: e.incarnation, kind: 'history read', issue: e.issue });
    };
    this.handlers = {
      dispatch: (e) => {
        if (!this.titles.has(e.issue)) this.titles.set(e.issue, e.title);
      },
      'pod-start': (e) => {
        const run = (this.runs.get(e.pod) ?? 0) + 1;
        this.runs.set(e.pod, run);
        this.lanes.set(e.incarnation, {
          incarnation: e.incarnation, pod: e.pod, consumer: e.consumer, run, start: e.at, startReason: e.reason, end: null, stopReason: null,
        });
        // A new lane's first mark says why it exists, when that is a fault or a deployment.
        if (e.reason === 'restart' || e.reason === 'replacement' || e.reason === 'rollout') {
          this.markers.push({ at: e.at, incarnation: e.incarnation, kind: e.reason, issue: null });
        }
      },
      'pod-stop': (e) => {
        const lane = this.lanes.get(e.incarnation);
        if (lane) {
          lane.end = e.at;
          lane.stopReason = e.reason;
        }
      },
      reconnect: (e) => {
        this.markers.push({ at: e.at, incarnation: e.incarnation, kind: 'reconnect', issue: null });
      },
      delivery: delivered,
      claim: delivered,
      'work-start': (e) => {
        this.works.set(e.work, {
          work: e.work, issue: e.issue, incarnation: e.incarnation, start: e.at, end: null, outcome: 'unfinished', duplicatePr: false, duplicate: false,
        });
      },
      'work-end': (e) => {
        const work = this.works.get(e.work);
        if (work) {
          work.end = e.at;
          work.outcome = e.outcome;
        }
      },
      pr: (e) => {
        const work = this.works.get(e.work);
        if (work && e.duplicate) work.duplicatePr = true;
      },
      merge: ignoreEvent, ack: ignoreEvent, 'connection-drop': ignoreEvent, branch: ignoreEvent, review: ignoreEvent, close: ignoreEvent,
      requeue: ignoreEvent, scale: ignoreEvent, sample: ignoreEvent, 'consumer-delete': ignoreEvent,
      rollout: (e) => {
        this.rollouts.push(e.at);
      },
    };
  }

  add(e: TraceEvent): void {
    this.endMs = Math.max(this.endMs, e.at);
    this.latency.add(e);
    handleTraceEvent(e, this.handlers);
  }

  /** The timeline; works are flagged duplicate when they overlap another work on the same issue. */
  finish(durationMs: number): VariantTimeline {
    const endMs = Math.max(this.endMs, durationMs);
    const byIssue = new Map<number, WorkBar[]>();
    for (const w of this.works.values()) byIssue.set(w.issue, [...(byIssue.get(w.issue) ?? []), w]);
    for (const works of byIssue.values()) {
      for (const w of works) if (w.duplicatePr) w.duplicate = true;
      for (const [i, a] of works.entries()) {
        for (const b of works.slice(i + 1)) {
          if (a.start < (b.end ?? endMs) && b.start < (a.end ?? endMs)) a.duplicate = b.duplicate = true;
        }
      }
    }
    return {
      variant: this.variant,
      endMs,
      latencyObservations: this.latency.observations(endMs),
      titles: this.titles,
      lanes: [...this.lanes.values()].sort((a, b) => a.start - b.start || a.incarnation - b.incarnation),
      works: [...this.works.values()].sort((a, b) => a.start - b.start || a.work - b.work),
      markers: [...this.markers].sort((a, b) => a.at - b.at || a.incarnation - b.incarnation),
      rollouts: [...this.rollouts],
    };
  }
}
