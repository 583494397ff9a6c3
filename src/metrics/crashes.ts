/**
 * Container crashes by reason, and whether the consumer worked at all. A consumer that throws on
 * every start, or never gets an issue merged while issues wait, makes every other metric
 * meaningless (no duplicates, nothing stranded: nothing happened), so the run reports it as a
 * failure of its own instead of a clean result.
 */
import { foldTrace, ignoreEvent, type TraceEvent } from '../world/trace.js';
import { clockTimeSeconds } from './clock-format.js';
import type { ConsumerFailure, CrashReason } from './types.js';

/** What the trace says about crashes and restarts. */
export interface CrashAccount {
  /** One entry per distinct reason, in order of first occurrence. */
  readonly reasons: readonly CrashReason[];
  /** Crashes of consumer code (it threw or returned); injected faults not counted. */
  readonly consumerCrashes: number;
  /** True when at least one container started and every one that started ended in a consumer crash. */
  readonly everyStartCrashed: boolean;
}

interface MutableReason {
  reason: string;
  origin: CrashReason['origin'];
  crashes: number;
  restarts: number;
  first: { pod: string; at: number };
}

/** Counts crashes and the restarts that followed them, per reason, in one pass over the trace. */
export function accountCrashes(events: readonly TraceEvent[]): CrashAccount {
  const reasons = new Map<string, MutableReason>();
  /** The reason of each pod's last crash, until its restart is counted. */
  const pendingRestart = new Map<string, MutableReason>();
  const started = new Set<number>();
  const endedByConsumerCrash = new Set<number>();
  let consumerCrashes = 0;
  foldTrace(events, {
    'pod-start': (e) => {
      started.add(e.incarnation);
      const crashed = pendingRestart.get(e.pod);
      if (crashed !== undefined && e.reason === 'restart') crashed.restarts++;
      pendingRestart.delete(e.pod);
    },
    'pod-stop': (e) => {
      if (e.reason !== 'crash') return;
      const origin = e.origin ?? 'fault';
      const reason = e.error ?? 'unknown';
      const key = `${origin} ${reason}`;
      let entry = reasons.get(key);
      if (entry === undefined) {
        entry = { reason, origin, crashes: 0, restarts: 0, first: { pod: e.pod, at: e.at } };
        reasons.set(key, entry);
      }
      entry.crashes++;
      pendingRestart.set(e.pod, entry);
      if (origin === 'consumer') {
        consumerCrashes++;
        endedByConsumerCrash.add(e.incarnation);
      }
    },
    dispatch: ignoreEvent, delivery: ignoreEvent, claim: ignoreEvent, ack: ignoreEvent, 'connection-drop': ignoreEvent,
    reconnect: ignoreEvent, 'work-start': ignoreEvent, 'work-end': ignoreEvent, branch: ignoreEvent, pr: ignoreEvent,
    review: ignoreEvent, merge: ignoreEvent, close: ignoreEvent, requeue: ignoreEvent, rollout: ignoreEvent, scale: ignoreEvent,
    sample: ignoreEvent, 'consumer-delete': ignoreEvent,
  });
  return {
    reasons: [...reasons.values()],
    consumerCrashes,
    everyStartCrashed: started.size > 0 && [...started].every((inc) => endedByConsumerCrash.has(inc)),
  };
}

/** What {@link consumerFailure} needs besides the crash account. */
export interface ProgressFacts {
  readonly dispatched: number;
  readonly completed: number;
  /** Issues being worked when the run ended: the consumer works, the run was too short to finish one. */
  readonly beingWorked: number;
  /** How the run names its consumer: a module path, or the built-in strategy. */
  readonly consumer?: string | undefined;
}

/**
 * The run's consumer failure, or null: every container start crashed in consumer code
 * (`crash-loop`), or issues were dispatched and none was merged nor being worked at the end
 * (`no-progress`).
 */
export function consumerFailure(account: CrashAccount, facts: ProgressFacts): ConsumerFailure | null {
  const first = account.reasons.find((r) => r.origin === 'consumer');
  const firstCrash = first === undefined ? undefined : { reason: first.reason, pod: first.first.pod, at: first.first.at };
  const done = `${facts.completed}/${facts.dispatched} issues done`;
  const module = facts.consumer === undefined ? '' : `, ${facts.consumer}`;
  const where = firstCrash === undefined
    ? module === '' ? '' : `; consumer: ${facts.consumer}`
    : `; first: ${firstCrash.reason} (pod ${firstCrash.pod}, at ${clockTimeSeconds(firstCrash.at)}${module})`;
  if (account.everyStartCrashed) {
    return {
      kind: 'crash-loop',
      summary: `the consumer crashed on every start (${account.consumerCrashes} crash${account.consumerCrashes === 1 ? '' : 'es'}, ${done})${where}`,
      ...(firstCrash === undefined ? {} : { firstCrash }),
      ...(facts.consumer === undefined ? {} : { consumer: facts.consumer }),
    };
  }
  if (facts.dispatched > 0 && facts.completed === 0 && facts.beingWorked === 0) {
    const crashes = account.consumerCrashes > 0 ? `, ${account.consumerCrashes} consumer crash${account.consumerCrashes === 1 ? '' : 'es'}` : '';
    return {
      kind: 'no-progress',
      summary: `the consumer never completed an issue while work was available (${done}, none being worked at the end${crashes})${where}`,
      ...(firstCrash === undefined ? {} : { firstCrash }),
      ...(facts.consumer === undefined ? {} : { consumer: facts.consumer }),
    };
  }
  return null;
}

/** `1025 crashes, 1024 restarts: TypeError: x is not a function (first in pod p at 00:00:00)`. */
export function describeCrashReason(c: CrashReason): string {
  const crashes = `${c.crashes} crash${c.crashes === 1 ? '' : 'es'}`;
  const restarts = `${c.restarts} restart${c.restarts === 1 ? '' : 's'}`;
  return `${crashes}, ${restarts}: ${c.reason} (first in pod ${c.first.pod} at ${clockTimeSeconds(c.first.at)})`;
}

/** The reasons consumer code crashed for, most frequent first (injected faults are the scenario's own). */
export function consumerCrashReasons(reasons: readonly CrashReason[]): CrashReason[] {
  return reasons.filter((c) => c.origin === 'consumer').sort((a, b) => b.crashes - a.crashes);
}
