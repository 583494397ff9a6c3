/** The queue's three kinds of entries: callbacks, waits whose settle event is due, and sleeps. */
import type { QueueItem } from './event-queue.js';
import type { Process } from './process.js';
import type { EventHandle } from './simulation-options.js';
import type { Wait } from './wait.js';

/** A callback scheduled with `Simulation.schedule`; it is its own handle. */
export class ScheduledEvent implements QueueItem, EventHandle {
  cancelled = false;
  constructor(
    readonly fn: (arg: never) => void,
    readonly arg: unknown,
  ) {}
  cancel(): void {
    this.cancelled = true;
  }
}

/**
 * A sleeping process's wake-up: all a sleep needs, where a `Wait` holds eleven more fields and its
 * promise's reject function, alive as long as the process sleeps (see `ProcessRunner.sleep`).
 */
export class SleepWakeup implements QueueItem {
  /** Never set: a killed process's sleeps are dropped by the loop (its owner's state says so). */
  readonly cancelled = false;
  constructor(
    readonly owner: Process,
    /** Resolves the promise the process awaits. */
    readonly resume: () => void,
  ) {}
}

/** Queue entries are callbacks, waits whose settle event is due, or sleeps; waits skip one allocation. */
export type QueueEntry = ScheduledEvent | Wait<unknown> | SleepWakeup;
