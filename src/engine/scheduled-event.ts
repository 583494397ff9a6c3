/** The queue's two kinds of entries: callbacks, and waits whose settle event is due. */
import type { QueueItem } from './event-queue.js';
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

/** Queue entries are callbacks or waits whose settle event is due; waits skip one allocation. */
export type QueueEntry = ScheduledEvent | Wait<unknown>;
