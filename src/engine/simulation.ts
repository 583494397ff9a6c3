import { EventQueue, MAX_PRIORITY, type QueueItem } from './event-queue.js';
import { ForeignWaitError, LivelockError, ProcessFailedError, ProcessStuckError, SimulationError, StalledHoldError, TimerCallbackError } from './errors.js';
import { VirtualNodeClock, realTimers, type NodeClockHost } from './node-clock.js';
import { ENGINE_PROGRESS, RUNNING, takeStuckVerdict } from './progress.js';
import { Process, type ProcessHost, type ProcessOutcome } from './process.js';
import { createRngFactory, type Rng } from './rng.js';
import { Wait, type WaitHost } from './wait.js';

/** Options for a new simulation. */
export interface SimulationOptions {
  /** Virtual time at start, in ms. Default 0. */
  readonly startTime?: number;
  /** Root seed of every random stream (`rng(purpose)`). Default `0`. */
  readonly seed?: string | number;
  /**
   * `'virtual'` (default): while `run` runs, `setTimeout`, `setInterval`, `setImmediate`, `Date`,
   * `performance.now` and `Math.random` seen by any code follow virtual time and the seed, so
   * libraries that poll or back off run in virtual time, reproducibly. `'real'` leaves Node's
   * globals alone.
   */
  readonly nodeClock?: 'virtual' | 'real';
  /** Wall-clock time (epoch ms) that virtual time 0 stands for in the virtual `Date`. Default 2026-01-01. */
  readonly epoch?: number;
  /**
   * Real milliseconds a process may wait on something outside the simulation (real I/O, such as a
   * client library reading its own package.json) before the run fails with a `ForeignWaitError`
   * naming it. Virtual time stands still meanwhile, so a wait that ends in time changes no result.
   * Default 2000.
   */
  readonly foreignWaitMs?: number;
  /**
   * Events one instant of virtual time may hold before the run fails with a `LivelockError`: a
   * process looping on zero-time operations (`for (;;) await redis.xlen(k)`) would otherwise keep
   * the clock still forever. Default 1,000,000, far above any real instant.
   */
  readonly maxEventsPerInstant?: number;
}

/** Options for one `run`. */
export interface RunOptions {
  /**
   * Stop once the next event lies after this virtual time; the clock then reads exactly `until`.
   * Whole milliseconds, not before the current time. Default: run until the queue is empty.
   */
  readonly until?: number;
}

/** What a finished `run` reports. */
export interface RunSummary {
  /** Virtual time when the run ended. */
  readonly now: number;
  /** Events processed during this run (timers, resumptions, process starts). */
  readonly events: number;
  /** True if `stop()` ended the run rather than an empty queue or `until`. */
  readonly stopped: boolean;
}

/** A scheduled callback; `cancel()` withdraws it if it has not run yet. */
export interface EventHandle {
  cancel(): void;
}

/** A process body: an ordinary async function of its process. */
export type ProcessBody = (process: Process) => Promise<void>;

const RESOLVED = Promise.resolve();

/** Queue entries are callbacks or waits whose settle event is due; waits skip one allocation. */
type QueueEntry = ScheduledEvent | Wait<unknown>;

class ScheduledEvent implements QueueItem, EventHandle {
  cancelled = false;
  constructor(
    readonly fn: (arg: never) => void,
    readonly arg: unknown,
  ) {}
  cancel(): void {
    this.cancelled = true;
  }
}

interface PendingRun {
  resolve(summary: RunSummary): void;
  reject(error: unknown): void;
  until: number;
  eventsAtStart: number;
}

/**
 * The discrete-event engine: virtual time in integer milliseconds, an event queue ordered by
 * (time, priority, sequence), and processes written as ordinary async functions.
 *
 * Exactly one process runs at a time. When an event resumes a process, the engine waits until that
 * process suspends on another simulated operation (or ends) before it takes the next event, so the
 * order of equal-time events never depends on how many microtask hops an `await` takes. Virtual
 * time advances only when no process can run.
 */
export class Simulation {
  private clock: number;
  private readonly queue = new EventQueue<QueueEntry>();
  private readonly rngFactory: (purpose: string) => Rng;
  /** The process resumed most recently; ops it starts are attributed to it. */
  private current: Process | null = null;
  /** True once `current` suspended (or ended) and the loop may take the next event. */
  private yielded = true;
  private loopQueued = false;
  private active: PendingRun | undefined;
  private stopRequested = false;
  private readonly holds = new Map<number, string>();
  private nextHoldId = 0;
  private nextProcessId = 0;
  private eventCount = 0;
  private runGeneration = 0;
  private failure: unknown;
  /** The process current when a timer fired: it may legitimately do nothing simulated next. */
  private resumedByTimer = false;
  private readonly nodeClock: VirtualNodeClock | undefined;
  private readonly foreignWaitMs: number;
  private readonly maxEventsPerInstant: number;
  /** Events taken at the current virtual time, for the livelock check. */
  private eventsThisInstant = 0;
  private readonly settlers = new Set<{ label: string }>();
  /** The event count when the loop last paused for callbacks to settle (see settleBetweenInstants). */
  private settledAtEvent = -1;
  /** When (real ms) and at which event count a process was first seen waiting on something foreign. */
  private stall: { process: Process; since: number; events: number } | undefined;

  constructor(options: SimulationOptions = {}) {
    const start = options.startTime ?? 0;
    assertTime(start, 'startTime');
    this.clock = start;
    this.rngFactory = createRngFactory(options.seed ?? 0);
    this.foreignWaitMs = options.foreignWaitMs ?? 2000;
    this.maxEventsPerInstant = options.maxEventsPerInstant ?? 1_000_000;
    if ((options.nodeClock ?? 'virtual') === 'virtual') {
      this.nodeClock = new VirtualNodeClock(this, options.epoch ?? DEFAULT_EPOCH, this.rng('node:Math.random'));
    }
  }

  /** Current virtual time in ms. */
  get now(): number {
    return this.clock;
  }

  /** True while `run` is in progress. */
  get running(): boolean {
    return this.active !== undefined;
  }

  /** Total events processed since the simulation was created. */
  get eventsProcessed(): number {
    return this.eventCount;
  }

  /** The process currently running (or that ran last in this step), or null outside any process. */
  get currentProcess(): Process | null {
    return this.current;
  }

  /** An independent random stream for one purpose, derived from the root seed. */
  rng(purpose: string): Rng {
    return this.rngFactory(purpose);
  }

  /** Runs `fn(arg)` after `delay` virtual ms. Lower `priority` runs first among equal times. */
  schedule<A>(delay: number, fn: (arg: A) => void, arg?: A, priority = 0): EventHandle {
    assertDelay(delay);
    return this.scheduleAt(this.clock + delay, fn, arg, priority);
  }

  /** Runs `fn(arg)` at absolute virtual time `time` (not before now). */
  scheduleAt<A>(time: number, fn: (arg: A) => void, arg?: A, priority = 0): EventHandle {
    assertTime(time, 'time');
    if (time < this.clock) throw new RangeError(`cannot schedule in the past: ${time} < now ${this.clock}`);
    if (!Number.isInteger(priority) || priority < 0 || priority > MAX_PRIORITY) {
      throw new RangeError(`priority must be an integer 0..${MAX_PRIORITY}, got ${priority}`);
    }
    const event = new ScheduledEvent(fn as (arg: never) => void, arg);
    this.queue.push(time, priority, event);
    return event;
  }

  /** Starts `body` as a process after `delay` ms (default now). */
  spawn(name: string, body: ProcessBody, delay = 0): Process {
    const process = new Process(this.nextProcessId++, name, this);
    this.schedule(delay, this.startProcess, { process, body });
    return process;
  }

  /**
   * A new pending operation owned by the calling process (or by nobody, outside any process).
   * Building block for simulated operations; `onCancel` runs if the owner is killed first. `what`
   * says what the operation is (a command's argv, …) for errors about the process: formatted only
   * when one is raised.
   */
  createWait<T>(onCancel?: () => void, what?: OperationLabel): Wait<T> {
    const owner = this.current;
    const wait = this.attachWait<T>(owner, onCancel);
    if (owner !== null) {
      owner.lastOperation = what;
      owner.lastOperationAt = this.clock;
    }
    if (owner !== null && !this.yielded && !wait.cancelled) {
      owner.state = 'waiting';
      this.yielded = true;
      this.kick();
    }
    return wait;
  }

  /**
   * A pending operation owned by `owner` (not necessarily the calling process), for an operation
   * started on another's behalf, e.g. the reply to a command a blocked connection queued. It does
   * not end the turn of the process that is running.
   */
  createWaitFor<T>(owner: Process | null, onCancel?: () => void): Wait<T> {
    return this.attachWait<T>(owner, onCancel);
  }

  /**
   * A pending timer owned by the calling process that does not end its turn: setting a timer is
   * not waiting for it. When it fires its owner resumes, and may then do nothing simulated at all
   * (a housekeeping callback) without being reported as waiting on something foreign.
   */
  createTimerWait(onCancel?: () => void): Wait<void> {
    const wait = this.attachWait<void>(this.current, onCancel);
    wait.timer = true;
    return wait;
  }

  /** Withdraws a pending wait: its cancel hook runs, its owner no longer waits on it, it never settles. */
  withdraw(wait: Wait<unknown>): void {
    if (!wait.pending && wait.cancelled) return;
    const owner = wait.owner;
    wait.cancel();
    if (owner === null || wait.slot < 0) return;
    const waits = owner.waits;
    if (waits[wait.slot] !== wait) return;
    const last = waits.pop() as Wait<unknown>;
    if (last !== wait) {
      waits[wait.slot] = last;
      last.slot = wait.slot;
    }
    wait.slot = -1;
  }

  /**
   * Asks the engine to let `process.nextTick` callbacks and I/O-free stream events settle (one real
   * `setImmediate`) at the end of every virtual instant, before time moves on. Needed while code
   * driven by such callbacks runs in the simulation, such as a real client library on an in-memory
   * socket; the direct paths never need it, so they keep running in one macrotask. Returns the
   * release function.
   */
  settleBetweenInstants(label: string): () => void {
    const token = { label };
    this.settlers.add(token);
    return () => {
      this.settlers.delete(token);
    };
  }

  /** @internal NodeClockHost: a virtual timer's callback threw. */
  timerFailed(error: unknown): void {
    this.fail(new TimerCallbackError(this.current?.name ?? null, error));
  }

  private attachWait<T>(owner: Process | null, onCancel?: () => void): Wait<T> {
    const wait = new Wait<T>(this, owner, onCancel);
    if (owner === null) return wait;
    if (!owner.alive) {
      wait.cancel();
      return wait;
    }
    wait.slot = owner.waits.length;
    owner.waits.push(wait as Wait<unknown>);
    return wait;
  }

  /** Suspends the calling process for `ms` virtual milliseconds. */
  sleep(ms: number): Promise<void> {
    assertDelay(ms);
    const wait = this.createWait<void>(undefined, ms);
    wait.resolve(undefined, this.clock + ms);
    return wait.promise;
  }

  /** Suspends the calling process until `process` ends; resolves with how it ended. */
  join(process: Process): Promise<ProcessOutcome> {
    const wait = this.createWait<ProcessOutcome>(undefined, process);
    const outcome = process.outcome;
    if (outcome) wait.resolve(outcome);
    else process.joiners.push(wait);
    return wait.promise;
  }

  /**
   * Keeps virtual time from advancing until the returned function is called. For bridging an
   * operation whose result arrives through native promises within the same instant.
   */
  hold(label: string): () => void {
    const id = this.nextHoldId++;
    this.holds.set(id, label);
    return () => {
      if (this.holds.delete(id) && this.holds.size === 0 && this.yielded) this.kick();
    };
  }

  /** The process running right now without having yielded, if any (what a watchdog blames). */
  get busyProcess(): Process | null {
    return this.active !== undefined && !this.yielded ? this.current : null;
  }

  /**
   * Fails the run in progress because its running process (or the engine event in progress) held
   * the thread for `elapsedMs` of real time without yielding; the watchdog calls it after stopping
   * that JavaScript. The process is marked failed, so nothing it started resumes.
   */
  interrupt(elapsedMs: number): void {
    if (this.active === undefined) return;
    const process = this.busyProcess;
    if (process !== null) {
      process.state = 'failed';
      process.living = false;
      const error = new ProcessStuckError(process.name, elapsedMs, this.clock, describeOperation(process.lastOperation), process.lastOperationAt);
      process.end({ state: 'failed', at: this.clock, error });
      this.fail(error);
      return;
    }
    this.fail(new ProcessStuckError(null, elapsedMs, this.clock, undefined, undefined));
  }

  /** Ends the current `run` after the event in progress, leaving the queue as it is. */
  stop(): void {
    if (this.active) this.stopRequested = true;
  }

  /**
   * Processes events until the queue is empty, `until` is passed or `stop()` is called.
   * Rejects with a {@link SimulationError} if a process fails or waits on something foreign.
   */
  run(options: RunOptions = {}): Promise<RunSummary> {
    if (this.active) return Promise.reject(new SimulationError('run() called while a run is in progress'));
    if (this.failure !== undefined) return Promise.reject(this.failure);
    const until = options.until ?? Infinity;
    // Like every other time: whole milliseconds, and never behind the clock (which would move it back).
    if (until !== Infinity) {
      if (!Number.isInteger(until)) return Promise.reject(new RangeError(`until must be a whole number of milliseconds, got ${until}`));
      if (until < this.clock) return Promise.reject(new RangeError(`until ${until} is in the past: the clock reads ${this.clock}`));
    }
    return new Promise<RunSummary>((resolve, reject) => {
      this.active = { resolve, reject, until, eventsAtStart: this.eventCount };
      RUNNING.add(this);
      ENGINE_PROGRESS[1] = RUNNING.size;
      this.stopRequested = false;
      const generation = ++this.runGeneration;
      const watchdog = (): void => {
        if (!this.active || generation !== this.runGeneration) return;
        const next = this.checkProgress();
        if (next === 'continue') realTimers.setImmediate(watchdog);
        else if (next === 'stalled') realTimers.setTimeout(watchdog, STALL_POLL_MS);
      };
      realTimers.setImmediate(watchdog);
      this.nodeClock?.install();
      this.kick();
    });
  }

  /** @internal ProcessHost */
  onKilled(process: Process): void {
    if (process === this.current && !this.yielded) {
      this.yielded = true;
      this.kick();
    }
  }

  /** @internal WaitHost */
  scheduleSettle(wait: Wait<unknown>, time: number): void {
    if (wait.owner === null && time <= this.clock) {
      // Nobody to resume in order: deliver straight away (code outside any process).
      this.deliver(wait);
      return;
    }
    this.queue.push(Math.max(time, this.clock), 0, wait);
  }

  private settle(wait: Wait<unknown>): void {
    const owner = wait.owner;
    if (owner === null) {
      this.deliver(wait);
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
    this.deliver(wait);
  }

  private deliver(wait: Wait<unknown>): void {
    if (!wait.markSettled()) return;
    const value = wait.value;
    wait.value = undefined;
    if (wait.failed) wait.settleError(value);
    else wait.settleValue(value);
  }

  private readonly startProcess = ({ process, body }: { process: Process; body: ProcessBody }): void => {
    if (!process.alive) return;
    this.current = process;
    this.yielded = false;
    this.resumedByTimer = false;
    process.state = 'running';
    // The body starts in a microtask of its own, as every resumption does, not inside the loop: a
    // body that never yields then holds only itself, and when the watchdog stops it the engine's
    // loop (and whoever awaits run()) is not unwound with it.
    RESOLVED.then(() => body(process)).then(
      () => this.processFinished(process),
      (error: unknown) => this.processFailed(process, error),
    );
  };

  private processFinished(process: Process): void {
    if (!process.alive) return;
    process.state = 'finished';
    process.living = false;
    process.end({ state: 'finished', at: this.clock });
    this.releaseIfCurrent(process);
  }

  private processFailed(process: Process, error: unknown): void {
    if (!process.alive) return;
    process.state = 'failed';
    process.living = false;
    process.end({ state: 'failed', at: this.clock, error });
    this.releaseIfCurrent(process);
    this.fail(new ProcessFailedError(process.name, error));
  }

  private releaseIfCurrent(process: Process): void {
    if (process === this.current && !this.yielded) {
      this.yielded = true;
      this.kick();
    }
  }

  private kick(): void {
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
      if (time !== this.clock) this.eventsThisInstant = 0;
      else if (++this.eventsThisInstant > this.maxEventsPerInstant) return this.fail(this.livelock(entry));
      this.clock = time;
      this.eventCount++;
      ENGINE_PROGRESS[0]!++; // a fixed slot of the shared counter (progress.ts)
      this.current = null;
      try {
        if (entry instanceof Wait) this.settle(entry);
        else entry.fn(entry.arg as never);
      } catch (error) {
        return this.fail(error);
      }
      // A resumed process runs in the microtasks that follow; the loop comes back when it yields.
      if (!this.yielded || this.holds.size > 0 || !this.active) return;
    }
  };

  /**
   * Runs only when the microtask queue is empty, i.e. nothing simulated can make progress. A
   * process still marked running at that point is either awaiting several simulated operations at
   * once (Promise.all/race: fine, treat it as suspended) or awaiting something foreign (an error).
   */
  private checkProgress(): 'continue' | 'stalled' | 'stop' {
    // The watchdog stopped a process that never yielded: that, not a foreign wait, is the failure.
    if (takeStuckVerdict() || this.active === undefined) return 'stop';
    if (this.holds.size > 0) {
      this.fail(new StalledHoldError([...this.holds.values()]));
      return 'stop';
    }
    const process = this.current;
    if (process !== null && !this.yielded) {
      if (process.waits.length === 0 && !this.resumedByTimer) {
        const now = realTimers.now();
        const stall = this.stall;
        if (stall === undefined || stall.process !== process || stall.events !== this.eventCount) {
          this.stall = { process, since: now, events: this.eventCount };
          return 'stalled';
        }
        if (now - stall.since < this.foreignWaitMs) return 'stalled';
        this.stall = undefined;
        this.fail(new ForeignWaitError(process.name));
        return 'stop';
      }
      process.state = 'waiting';
      this.yielded = true;
    }
    this.stall = undefined;
    this.kick();
    return 'continue';
  }

  private livelock(entry: QueueEntry): LivelockError {
    const owner = entry instanceof Wait ? entry.owner : null;
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

  private fail(error: unknown): void {
    const run = this.active;
    this.failure = error;
    this.active = undefined;
    this.nodeClock?.uninstall();
    this.leaveRunning();
    run?.reject(error);
  }

  private leaveRunning(): void {
    RUNNING.delete(this);
    ENGINE_PROGRESS[1] = RUNNING.size;
    ENGINE_PROGRESS[0]!++; // a fixed slot of the shared counter (progress.ts)
  }
}

/**
 * What a process waits on, as given to `createWait`: a command's argv, a sleep's milliseconds, a
 * joined process, or a phrase.
 */
export type OperationLabel = string | number | Process | readonly string[];

/** `XREADGROUP GROUP g c …`, `sleep 5000 ms`, `join "pod-a"`: an operation for an error message. */
export function describeOperation(what: OperationLabel | undefined): string | undefined {
  if (what === undefined) return undefined;
  if (typeof what === 'number') return `sleep ${what} ms`;
  if (typeof what === 'string') return what;
  if (what instanceof Process) return `join "${what.name}"`;
  const [command = '', ...args] = what;
  const text = [command.toUpperCase(), ...args].join(' ');
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** 2026-01-01T00:00:00Z: a fixed, plausible wall-clock date for virtual time 0. */
const DEFAULT_EPOCH = Date.UTC(2026, 0, 1);

/** How often (real ms) the watchdog looks again at a process waiting on something foreign. */
const STALL_POLL_MS = 2;

function assertTime(value: number, what: string): void {
  if (!Number.isFinite(value) || !Number.isInteger(value)) {
    throw new RangeError(`${what} must be a whole number of milliseconds, got ${value}`);
  }
}

function assertDelay(ms: number): void {
  if (!Number.isFinite(ms) || !Number.isInteger(ms)) {
    throw new RangeError(`delay must be a whole number of milliseconds, got ${ms}`);
  }
  if (ms < 0) throw new RangeError(`negative delay ${ms}`);
}

/**
 * The engine hosts its processes, waits and virtual timers. Checked here rather than with
 * `implements`, because the published declarations strip the @internal members those hosts use.
 */
const asHost = (sim: Simulation): WaitHost & ProcessHost & NodeClockHost => sim;
void asHost;
