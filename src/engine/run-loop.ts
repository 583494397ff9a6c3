/**
 * The heart of the engine: virtual time, the event queue, whose turn it is, and the loop that takes
 * events one at a time. See docs/engine.md for why the loop waits for each resumed process to
 * suspend before it takes the next event.
 */
import { EventQueue } from './event-queue.js';
import { LivelockError } from './errors.js';
import { realTimers, type VirtualNodeClock } from './node-clock.js';
import type { Process, ProcessHost } from './process.js';
import { ENGINE_PROGRESS, RUNNING, type InterruptibleRun } from './progress.js';
import { SleepWakeup, type QueueEntry } from './scheduled-event.js';
import type { RunSummary } from './simulation-options.js';
import { Wait, type WaitHost } from './wait.js';

const RESOLVED = Promise.resolve();

interface PendingRun {
  resolve(summary: RunSummary): void;
  reject(error: unknown): void;
  until: number;
  eventsAtStart: number;
}

/**
 * Virtual time, the queue and the turn: which process runs (`current`) and whether it has
 * suspended again (`yielded`). Internal to the engine; `Simulation` is its public face.
 */
export class RunLoop implements WaitHost, ProcessHost {
  /** Virtual time in ms. */
  clock: number;
  readonly queue = new EventQueue<QueueEntry>();
  /** The process resumed most recently; ops it starts are attributed to it. */
  current: Process | null = null;
  /** True once `current` suspended (or ended) and the loop may take the next event. */
  yielded = true;
  /** The process current when a timer fired: it may legitimately do nothing simulated next. */
  resumedByTimer = false;
  /** The run in progress, if any. */
  active: PendingRun | undefined;
  /** The error that ended the simulation for good, if any: every later run rejects with it. */
  failure: unknown;
  eventCount = 0;
  /** Counts runs, so a watchdog armed by an earlier run recognises it is stale. */
  runGeneration = 0;
  /** Holds keeping virtual time still (see `Simulation.hold`), by id. */
  readonly holds = new Map<number, string>();
  private nextHoldId = 0;
  private loopQueued = false;
  private stopRequested = false;
  /** Events taken at the current virtual time, for the livelock check. */
  private eventsThisInstant = 0;
  private readonly settlers = new Set<{ label: string }>();
  /** The event count when the loop last paused for callbacks to settle (see settleBetweenInstants). */
  private settledAtEvent = -1;

  constructor(
    start: number,
    private readonly maxEventsPerInstant: number,
    /** Registered in `RUNNING` while a run is in progress, for the cross-thread watchdog. */
    private readonly runTarget: InterruptibleRun,
    private readonly nodeClock: VirtualNodeClock | undefined,
  ) {
    this.clock = start;
  }

  /** WaitHost / ProcessHost: current virtual time. */
  get now(): number {
    return this.clock;
  }

  /** Starts a run to `until`; the promise settles when it finishes or fails. */
  start(until: number, resolve: (summary: RunSummary) => void, reject: (error: unknown) => void): number {
    this.active = { resolve, reject, until, eventsAtStart: this.eventCount };
    RUNNING.add(this.runTarget);
    ENGINE_PROGRESS[1] = RUNNING.size;
    this.stopRequested = false;
    this.nodeClock?.install();
    this.kick();
    return ++this.runGeneration;
  }

  /** Ends the current run after the event in progress, leaving the queue as it is. */
  stop(): void {
    if (this.active) this.stopRequested = true;
  }

  /** See `Simulation.hold`. */
  hold(label: string): () => void {
    const id = this.nextHoldId++;
    this.holds.set(id, label);
    return () => {
      if (this.holds.delete(id) && this.holds.size === 0 && this.yielded) this.kick();
    };
  }

  /** See `Simulation.settleBetweenInstants`. */
  settleBetweenInstants(label: string): () => void {
    const token = { label };
    this.settlers.add(token);
    return () => {
      this.settlers.delete(token);
    };
  }

  /** The running process suspended (or ended): the loop may take the next event. */
  yieldTurn(): void {
    this.yielded = true;
    this.kick();
  }

  /** ProcessHost: a killed process that had the turn gives it up. */
  onKilled(process: Process): void {
    if (process === this.current && !this.yielded) this.yieldTurn();
  }

  /** WaitHost: nothing is queued at this instant (and no stop asked), so an event scheduled now runs next. */
  nothingElseNow(): boolean {
    return !this.stopRequested && this.queue.peekTime() > this.clock;
  }

  /** WaitHost: the settle event of `wait` is due at `time`. */
  scheduleSettle(wait: Wait<unknown>, time: number): void {
    if (wait.owner === null && time <= this.clock) {
      // Nobody to resume in order: deliver straight away (code outside any process).
      deliver(wait);
      return;
    }
    this.queue.push(Math.max(time, this.clock), 0, wait);
  }

  /** Re-enters the loop in a microtask, unless it is already queued or no run is in progress. */
  kick(): void {
    if (this.loopQueued || !this.active) return;
    this.loopQueued = true;
    // A native promise reaction is much cheaper than Node's queueMicrotask wrapper.
    void RESOLVED.then(this.loop);
  }

  private readonly loop = (): void => {
    this.loopQueued = false;
    const run = this.active;
    if (!run || !this.yielded || this.holds.size > 0) return;
    const queue = this.queue;
    for (;;) {
      if (this.stopRequested) return this.finish(true);
      const time = queue.peekTime();
      if (time > this.clock && this.settlers.size > 0 && this.settledAtEvent !== this.eventCount) {
        // Let nextTick and stream callbacks of this instant run before time moves on.
        this.settledAtEvent = this.eventCount;
        this.loopQueued = true;
        realTimers.setImmediate(this.loop);
        return;
      }
      if (time > run.until || time === Infinity) {
        if (run.until !== Infinity) this.clock = run.until;
        return this.finish(false);
      }
      const entry = queue.pop() as QueueEntry;
      // A killed process's sleeps are not cancelled one by one (see ProcessRunner.sleep): they go
      // as cancelled entries go, as no event.
      if (entry instanceof SleepWakeup && entry.owner.state === 'killed') continue;
      if (time !== this.clock) this.eventsThisInstant = 0;
      else if (++this.eventsThisInstant > this.maxEventsPerInstant) return this.fail(this.livelock(entry));
      this.clock = time;
      this.eventCount++;
      ENGINE_PROGRESS[0]!++; // a fixed slot of the shared counter (progress.ts)
      this.current = null;
      try {
        if (entry instanceof SleepWakeup) this.wake(entry);
        else if (entry instanceof Wait) this.settle(entry);
        else entry.fn(entry.arg as never);
      } catch (error) {
        return this.fail(error);
      }
      // A resumed process runs in the microtasks that follow; the loop comes back when it yields.
      if (!this.yielded || this.holds.size > 0 || !this.active) return;
    }
  };

  /** The settle event of `wait`: resumes its owner with the outcome (or lets a renewal take it back). */
  private settle(wait: Wait<unknown>): void {
    const owner = wait.owner;
    if (owner === null) {
      deliver(wait);
      return;
    }
    if (!owner.alive || wait.cancelled) return;
    // Renewed in place: the owner keeps waiting on the same wait (see Wait.renewWith).
    if (wait.renewal !== undefined && wait.renewal(wait, wait.value, wait.failed)) return;
    const waits = owner.waits;
    const last = waits.pop() as Wait<unknown>;
    if (last !== wait) {
      waits[wait.slot] = last;
      last.slot = wait.slot;
    }
    wait.slot = -1;
    this.current = owner;
    this.yielded = false;
    this.resumedByTimer = wait.timer;
    owner.state = 'running';
    deliver(wait);
  }

  /** The wake-up of a sleep: resumes its owner, as `settle` resumes a wait's. */
  private wake(wakeup: SleepWakeup): void {
    const owner = wakeup.owner;
    if (!owner.living) return;
    owner.sleeping--;
    this.current = owner;
    this.yielded = false;
    this.resumedByTimer = false;
    owner.state = 'running';
    wakeup.resume();
  }

  private livelock(entry: QueueEntry): LivelockError {
    const owner = entry instanceof Wait || entry instanceof SleepWakeup ? entry.owner : null;
    return new LivelockError(owner?.name ?? this.current?.name ?? null, this.clock, this.eventsThisInstant - 1);
  }

  private finish(stopped: boolean): void {
    const run = this.active as PendingRun;
    this.active = undefined;
    this.leaveRunning();
    // Calls made between runs belong to no process.
    this.current = null;
    this.yielded = true;
    this.stopRequested = false;
    this.nodeClock?.uninstall();
    run.resolve({ now: this.clock, events: this.eventCount - run.eventsAtStart, stopped });
  }

  /** Ends the run in progress (and every later one) with `error`. */
  fail(error: unknown): void {
    const run = this.active;
    this.failure = error;
    this.active = undefined;
    this.nodeClock?.uninstall();
    this.leaveRunning();
    run?.reject(error);
  }

  private leaveRunning(): void {
    RUNNING.delete(this.runTarget);
    ENGINE_PROGRESS[1] = RUNNING.size;
    ENGINE_PROGRESS[0]!++; // a fixed slot of the shared counter (progress.ts)
  }
}

/** Hands a settled wait's outcome to its promise (once; never for a cancelled wait). */
export function deliver(wait: Wait<unknown>): void {
  if (!wait.markSettled()) return;
  const value = wait.value;
  wait.value = undefined;
  if (wait.failed) wait.settleError(value);
  else wait.settleValue(value);
}
