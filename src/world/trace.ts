/**
 * The trace: one discriminated union of everything the world does, in virtual time. events.jsonl,
 * the metrics, the cause chains and the charts are all views of it.
 */

/** How an entry reached a consumer. */
export type DeliveryVia = '>' | 'history' | 'xclaim' | 'xautoclaim';

interface Base {
  /** Virtual ms since the start of the run. */
  readonly at: number;
}

/** The conductor appended ISSUE_ASSIGNED for an issue (again, when `redispatch`). */
export interface DispatchEvent extends Base {
  readonly kind: 'dispatch';
  readonly issue: number;
  readonly entryId: string;
  readonly title: string;
  readonly complexity: string;
  readonly redispatch: boolean;
}

/**
 * A reply handed an entry to a pod: `delivery` for XREADGROUP (`>` or a history read), `claim`
 * for XCLAIM/XAUTOCLAIM. One shape, so every consumer of deliveries sees claims too.
 */
export interface DeliveryEvent extends Base {
  readonly kind: 'delivery' | 'claim';
  readonly issue: number;
  readonly entryId: string;
  readonly consumer: string;
  readonly pod: string;
  readonly incarnation: number;
  readonly via: DeliveryVia;
}

export interface AckEvent extends Base {
  readonly kind: 'ack';
  readonly issue: number;
  readonly entryId: string;
  readonly consumer: string;
  readonly pod: string;
  readonly incarnation: number;
  /** XACK's reply: 0 when someone else had acked it already. */
  readonly removed: number;
}

/** A pod incarnation (one container run of one pod) started. */
export interface PodStartEvent extends Base {
  readonly kind: 'pod-start';
  readonly pod: string;
  readonly consumer: string;
  readonly incarnation: number;
  /** Why it started: initial, restart (same pod name), replacement, rollout, scale. */
  readonly reason: 'initial' | 'restart' | 'replacement' | 'rollout' | 'scale';
}

/** A container ended: crash (restart follows), replaced, SIGTERM'd or SIGKILL'd. */
export interface PodStopEvent extends Base {
  readonly kind: 'pod-stop';
  readonly pod: string;
  readonly consumer: string;
  readonly incarnation: number;
  readonly reason: 'crash' | 'replacement' | 'sigterm' | 'sigkill' | 'scale-down' | 'end-of-run';
  /**
   * For a crash: what happened, as one line; for a crash of consumer code what it threw, with its
   * class (`TypeError: x is not a function`, `NOGROUP No such key …`).
   */
  readonly error?: string;
  /** For a crash: the consumer code threw (or returned), or the scenario injected it (`faults.containerRestart`). */
  readonly origin?: 'consumer' | 'fault';
}

export interface ConnectionEvent extends Base {
  readonly kind: 'connection-drop' | 'reconnect';
  readonly pod: string;
  readonly consumer: string;
  readonly incarnation: number;
}

export interface WorkStartEvent extends Base {
  readonly kind: 'work-start';
  readonly issue: number;
  readonly entryId: string;
  readonly pod: string;
  readonly consumer: string;
  readonly incarnation: number;
  /** Id of this piece of work, referenced by later events. */
  readonly work: number;
}

export interface WorkEndEvent extends Base {
  readonly kind: 'work-end';
  readonly work: number;
  readonly issue: number;
  readonly pod: string;
  readonly incarnation: number;
  /** merged; closed by the operator; conflicting merge; lost in a crash; skipped by a guard. */
  readonly outcome: 'merged' | 'closed' | 'conflict' | 'lost' | 'skipped';
}

export interface BranchEvent extends Base {
  readonly kind: 'branch';
  readonly issue: number;
  readonly work: number;
  readonly pod: string;
  readonly name: string;
  /** True when another branch for this issue existed, so the name got a suffix. */
  readonly collision: boolean;
}

export interface PullRequestEvent extends Base {
  readonly kind: 'pr';
  readonly issue: number;
  readonly work: number;
  readonly pod: string;
  readonly pr: number;
  /** True for a PR beyond the first for its issue. */
  readonly duplicate: boolean;
}

export interface ReviewEvent extends Base {
  readonly kind: 'review';
  readonly issue: number;
  readonly pr: number;
  /** True when the reviewer was assigned while another PR for the issue was open. */
  readonly conflicting: boolean;
}

export interface MergeEvent extends Base {
  readonly kind: 'merge';
  readonly issue: number;
  readonly pr: number;
  /** True for a second merge of one issue: a conflict. */
  readonly conflict: boolean;
}

export interface CloseEvent extends Base {
  readonly kind: 'close';
  readonly issue: number;
  readonly pr: number;
  readonly by: 'operator' | 'conflict';
}

export interface RequeueEvent extends Base {
  readonly kind: 'requeue';
  readonly issue: number;
  /** Minutes since the last heartbeat the conductor saw. */
  readonly silentMinutes: number;
}

export interface ClusterEvent extends Base {
  readonly kind: 'rollout' | 'scale';
  readonly replicas: number;
  readonly detail: string;
}

/**
 * The cleanup job deleted a consumer with `XGROUP DELCONSUMER`. Its pending entries, listed in the
 * same MULTI, left the PEL with it: nobody can read, claim or acknowledge them again.
 */
export interface ConsumerDeleteEvent extends Base {
  readonly kind: 'consumer-delete';
  readonly consumer: string;
  /** The consumer's `idle` in the `XINFO CONSUMERS` reply the job decided on, ms. */
  readonly idleMs: number;
  /** Pending entries destroyed with it (DELCONSUMER's reply counts them). */
  readonly destroyed: readonly string[];
}

/** A periodic sample of Redis and cluster state, taken through the client. */
export interface SampleEvent extends Base {
  readonly kind: 'sample';
  readonly pelLength: number;
  readonly consumers: number;
  readonly livePods: number;
  readonly inFlight: number;
  /** Pending entries owned by consumer names no existing pod uses. */
  readonly stranded: number;
}

export type TraceEvent =
  | DispatchEvent
  | DeliveryEvent
  | AckEvent
  | PodStartEvent
  | PodStopEvent
  | ConnectionEvent
  | WorkStartEvent
  | WorkEndEvent
  | BranchEvent
  | PullRequestEvent
  | ReviewEvent
  | MergeEvent
  | CloseEvent
  | RequeueEvent
  | ClusterEvent
  | ConsumerDeleteEvent
  | SampleEvent;

export type TraceKind = TraceEvent['kind'];

/** The event of kind `K` (a `claim` has the shape of a `delivery`). */
export type TraceEventOf<K extends TraceKind> = TraceEvent & { readonly kind: K };

/**
 * One handler per kind of trace event. Every reader of the trace is one of these maps, so a new
 * kind does not compile until every reader has said what it does with it (if only to ignore it).
 */
export type TraceHandlers = { readonly [K in TraceKind]: (event: TraceEventOf<K>) => void };

/** Calls `handlers`' entry for the event's kind. */
export function handleTraceEvent(event: TraceEvent, handlers: TraceHandlers): void {
  // The map is indexed by the event's own kind, so the handler takes this event; TS cannot see it.
  (handlers[event.kind] as (event: TraceEvent) => void)(event);
}

/** Hands every event, in order, to its kind's handler. */
export function foldTrace(events: Iterable<TraceEvent>, handlers: TraceHandlers): void {
  for (const event of events) handleTraceEvent(event, handlers);
}

/** A handler for the kinds a reader does not need. */
export const ignoreEvent = (): void => {};

/** Collects trace events in order and tells listeners (the world reacts to some of its own events). */
export class Trace {
  readonly events: TraceEvent[] = [];
  private readonly listeners: ((event: TraceEvent) => void)[] = [];

  record(event: TraceEvent): void {
    this.events.push(event);
    for (const listener of this.listeners) listener(event);
  }

  onRecord(listener: (event: TraceEvent) => void): void {
    this.listeners.push(listener);
  }
}
