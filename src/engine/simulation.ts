import { MAX_PRIORITY } from './event-queue.js';
import { SimulationError, TimerCallbackError } from './errors.js';
import { VirtualNodeClock, type NodeClockHost } from './node-clock.js';
import type { OperationLabel } from './operation.js';
import type { Process, ProcessOutcome } from './process.js';
import { ProcessRunner } from './process-runner.js';
import type { InterruptibleRun } from './progress.js';
import { ProgressWatchdog } from './progress-watchdog.js';
import { createRngFactory, type Rng } from './rng.js';
import { RunLoop } from './run-loop.js';
import { ScheduledEvent } from './scheduled-event.js';
import type { EventHandle, ProcessBody, RunOptions, RunSummary, SimulationOptions } from './simulation-options.js';
import { assertDelay, assertTime } from './time-checks.js';
import type { Wait } from './wait.js';

export type { EventHandle, ProcessBody, RunOptions, RunSummary, SimulationOptions } from './simulation-options.js';
export { describeOperation, type OperationLabel } from './operation.js';

/** 2026-01-01T00:00:00Z: a fixed, plausible wall-clock date for virtual time 0. */
const DEFAULT_EPOCH = Date.UTC(2026, 0, 1);

/**
 * The discrete-event engine: virtual time in integer milliseconds, an event queue ordered by
 * (time, priority, sequence), and processes written as ordinary async functions.
 *
 * Exactly one process runs at a time. When an event resumes a process, the engine waits until that
 * process suspends on another simulated operation (or ends) before it takes the next event, so the
 * order of equal-time events never depends on how many microtask hops an `await` takes. Virtual
 * time advances only when no process can run.
 *
 * @example
 * ```ts
 * const sim = new Simulation({ seed: 'story' });
 * sim.spawn('ticker', async () => {
 *   for (;;) await sim.sleep(1000);
 * });
 * await sim.run({ until: 60_000 });
 * ```
 */
export class Simulation implements InterruptibleRun {
  private readonly loop: RunLoop;
  private readonly processes: ProcessRunner;
  private readonly watchdog: ProgressWatchdog;
  private readonly rngFactory: (purpose: string) => Rng;

  constructor(options: SimulationOptions = {}) {
    const start = options.startTime ?? 0;
    assertTime(start, 'startTime');
    this.rngFactory = createRngFactory(options.seed ?? 0);
    const nodeClock = (options.nodeClock ?? 'virtual') === 'virtual' ? new VirtualNodeClock(this, options.epoch ?? DEFAULT_EPOCH, this.rng('node:Math.random')) : undefined;
    this.loop = new RunLoop(start, options.maxEventsPerInstant ?? 1_000_000, this, nodeClock);
    this.processes = new ProcessRunner(this.loop);
    this.watchdog = new ProgressWatchdog(this.loop, options.foreignWaitMs ?? 2000);
  }

  /** Current virtual time in ms. */
  get now(): number {
    return this.loop.clock;
  }

  /** True while `run` is in progress. */
  get running(): boolean {
    return this.loop.active !== undefined;
  }

  /** Total events processed since the simulation was created. */
  get eventsProcessed(): number {
    return this.loop.eventCount;
  }

  /** The process currently running (or that ran last in this step), or null outside any process. */
  get currentProcess(): Process | null {
    return this.loop.current;
  }

  /** An independent random stream for one purpose, derived from the root seed. */
  rng(purpose: string): Rng {
    return this.rngFactory(purpose);
  }

  /** Runs `fn(arg)` after `delay` virtual ms. Lower `priority` runs first among equal times. */
  schedule<A>(delay: number, fn: (arg: A) => void, arg?: A, priority = 0): EventHandle {
    assertDelay(delay);
    return this.scheduleAt(this.loop.clock + delay, fn, arg, priority);
  }

  /** Runs `fn(arg)` at absolute virtual time `time` (not before now). */
  scheduleAt<A>(time: number, fn: (arg: A) => void, arg?: A, priority = 0): EventHandle {
    assertTime(time, 'time');
    const now = this.loop.clock;
    if (time < now) throw new RangeError(`cannot schedule in the past: ${time} < now ${now}`);
    if (!Number.isInteger(priority) || priority < 0 || priority > MAX_PRIORITY) {
      throw new RangeError(`priority must be an integer 0..${MAX_PRIORITY}, got ${priority}`);
    }
    const event = new ScheduledEvent(fn as (arg: never) => void, arg);
    this.loop.queue.push(time, priority, event);
    return event;
  }

  /** Starts `body` as a process after `delay` ms (default now). */
  spawn(name: string, body: ProcessBody, delay = 0): Process {
    assertDelay(delay);
    return this.processes.spawn(name, body, delay);
  }

  /**
   * A new pending operation owned by the calling process (or by nobody, outside any process).
   * Building block for simulated operations; `onCancel` runs if the owner is killed first. `what`
   * says what the operation is (a command's argv, …) for errors about the process: formatted only
   * when one is raised.
   */
  createWait<T>(onCancel?: () => void, what?: OperationLabel): Wait<T> {
    return this.processes.createWait(onCancel, what);
  }

  /**
   * A pending operation owned by `owner` (not necessarily the calling process), for an operation
   * started on another's behalf, e.g. the reply to a command a blocked connection queued. It does
   * not end the turn of the process that is running.
   */
  createWaitFor<T>(owner: Process | null, onCancel?: () => void): Wait<T> {
    return this.processes.attachWait<T>(owner, onCancel);
  }

  /**
   * A pending timer owned by the calling process that does not end its turn: setting a timer is
   * not waiting for it. When it fires its owner resumes, and may then do nothing simulated at all
   * (a housekeeping callback) without being reported as waiting on something foreign.
   */
  createTimerWait(onCancel?: () => void): Wait<void> {
    return this.processes.createTimerWait(onCancel);
  }

  /** Withdraws a pending wait: its cancel hook runs, its owner no longer waits on it, it never settles. */
  withdraw(wait: Wait<unknown>): void {
    this.processes.withdraw(wait);
  }

  /**
   * Asks the engine to let `process.nextTick` callbacks and I/O-free stream events settle (one real
   * `setImmediate`) at the end of every virtual instant, before time moves on. Needed while code
   * driven by such callbacks runs in the simulation, such as a real client library on an in-memory
   * socket; the direct paths never need it, so they keep running in one macrotask. Returns the
   * release function.
   */
  settleBetweenInstants(label: string): () => void {
    return this.loop.settleBetweenInstants(label);
  }

  /** @internal NodeClockHost: a virtual timer's callback threw. */
  timerFailed(error: unknown): void {
    this.loop.fail(new TimerCallbackError(this.loop.current?.name ?? null, error));
  }

  /** Suspends the calling process for `ms` virtual milliseconds. */
  sleep(ms: number): Promise<void> {
    assertDelay(ms);
    return this.processes.sleep(ms);
  }

  /** Suspends the calling process until `process` ends; resolves with how it ended. */
  join(process: Process): Promise<ProcessOutcome> {
    return this.processes.join(process);
  }

  /**
   * Keeps virtual time from advancing until the returned function is called. For bridging an
   * operation whose result arrives through native promises within the same instant.
   */
  hold(label: string): () => void {
    return this.loop.hold(label);
  }

  /** The process running right now without having yielded, if any (what a watchdog blames). */
  get busyProcess(): Process | null {
    return this.watchdog.busyProcess;
  }

  /**
   * Fails the run in progress because its running process (or the engine event in progress) held
   * the thread for `elapsedMs` of real time without yielding; the watchdog calls it after stopping
   * that JavaScript. The process is marked failed, so nothing it started resumes.
   */
  interrupt(elapsedMs: number): void {
    this.watchdog.interrupt(elapsedMs);
  }

  /** Ends the current `run` after the event in progress, leaving the queue as it is. */
  stop(): void {
    this.loop.stop();
  }

  /**
   * Processes events until the queue is empty, `until` is passed or `stop()` is called.
   * Rejects with a {@link SimulationError} if a process fails or waits on something foreign.
   */
  run(options: RunOptions = {}): Promise<RunSummary> {
    const loop = this.loop;
    if (loop.active) return Promise.reject(new SimulationError('run() called while a run is in progress'));
    if (loop.failure !== undefined) return Promise.reject(loop.failure);
    const until = options.until ?? Infinity;
    // Like every other time: whole milliseconds, and never behind the clock (which would move it back).
    if (until !== Infinity) {
      if (!Number.isInteger(until)) return Promise.reject(new RangeError(`until must be a whole number of milliseconds, got ${until}`));
      if (until < loop.clock) return Promise.reject(new RangeError(`until ${until} is in the past: the clock reads ${loop.clock}`));
    }
    return new Promise<RunSummary>((resolve, reject) => {
      this.watchdog.watch(loop.start(until, resolve, reject));
    });
  }
}

/**
 * The simulation hosts the virtual Node clock. Checked here rather than with `implements`, because
 * the published declarations strip the @internal member that host uses.
 */
const asHost = (sim: Simulation): NodeClockHost => sim;
void asHost;
