/**
 * The watchdog: stops a simulated process that runs for more than a limit of real time without
 * yielding to the engine (`while (true) {}` in a consumer, or a loop of `await null`).
 *
 * Such a loop blocks the thread, so nothing in it can run — not a timer, not vitest's test
 * timeout. A helper thread watches the engine's shared event counter (`ENGINE_PROGRESS`); when a
 * run is in progress and the counter stands still for the limit, it asks V8, through an inspector
 * session on this thread, to terminate the JavaScript that is running (`Runtime.terminateExecution`:
 * the stack unwinds uncatchably, then the thread carries on) and posts a message back. The message
 * handler fails the stuck run with a `ProcessStuckError` naming the process and what it last did.
 *
 * Only on the main thread (the CLI, vitest's default `forks` pool): an inspector session from a
 * helper reaches only the main thread. In worker threads (sweep workers, vitest `threads` pool) and
 * while a debugger is attached (breakpoints stop the counter too) it stays off.
 */
import { url as inspectorUrl } from 'node:inspector';
import { isMainThread, Worker } from 'node:worker_threads';
import { ENGINE_PROGRESS, takeStuckVerdict } from '../engine/index.js';

/** Default limit of real time a process may run without yielding. */
export const DEFAULT_WATCHDOG_MS = 5_000;

/** The environment variable that sets the limit (ms; 0 turns the watchdog off). */
export const WATCHDOG_ENV = 'PELSIM_WATCHDOG_MS';

let configured: number | undefined;
let endProcessOnStuck = false;

/**
 * For a process of its own (the `pelsim` command): a stuck run ends the whole process with a
 * one-line message instead of terminating the stuck JavaScript. Terminating it in place is what
 * vitest and library callers need (the thread carries on), but in the CLI's process V8's unwinding
 * has been seen to leave Node's async-context stack unbalanced and abort Node with a native stack
 * trace; ending the process at once is the honest fallback there. Call before the first run.
 */
export function endProcessWhenStuck(): void {
  endProcessOnStuck = true;
}

/**
 * Sets the limit in ms for the runs that follow (0: off), overriding {@link WATCHDOG_ENV};
 * `undefined` goes back to the environment or the default.
 */
export function setWatchdogLimit(ms: number | undefined): void {
  if (ms !== undefined && (!Number.isInteger(ms) || ms < 0)) throw new RangeError(`watchdog limit must be a whole number of ms >= 0, got ${ms}`);
  configured = ms;
  const limitMs = watchdogLimit();
  if (helper !== undefined) void helper.then((h) => h?.postMessage({ limitMs }));
}

/** The limit in force: {@link setWatchdogLimit}, else {@link WATCHDOG_ENV}, else {@link DEFAULT_WATCHDOG_MS}. */
export function watchdogLimit(): number {
  if (configured !== undefined) return configured;
  const fromEnv = process.env[WATCHDOG_ENV];
  if (fromEnv !== undefined && /^\d+$/.test(fromEnv.trim())) return Number(fromEnv.trim());
  return DEFAULT_WATCHDOG_MS;
}

/**
 * The helper thread's code (CommonJS, evaluated; the same from src/ and dist/). It samples the
 * counter every tick; a run in progress whose counter has not moved for the limit is terminated
 * once, then reported.
 */
const HELPER = `
const { parentPort, workerData } = require('node:worker_threads');
const inspector = require('node:inspector');
const progress = new Int32Array(workerData.progress);
let limitMs = workerData.limitMs;
parentPort.on('message', (m) => { if (typeof m.limitMs === 'number') limitMs = m.limitMs; });
let seen = Atomics.load(progress, 0);
let since = Date.now();
const tick = () => {
  const now = Date.now();
  const count = Atomics.load(progress, 0);
  if (count !== seen || Atomics.load(progress, 1) === 0 || limitMs === 0) { seen = count; since = now; return; }
  if (now - since < limitMs) return;
  const elapsedMs = now - since;
  since = now;
  Atomics.store(progress, 2, elapsedMs);
  if (workerData.endProcess) {
    // Signal 9 is the only way a helper thread can end a process whose main thread never yields.
    require('node:fs').writeSync(2, 'pelsim: a simulated process ran for ' + elapsedMs + ' ms of real time without yielding to the simulation (a loop in consumer code that never awaits a simulated operation?); run stopped, nothing written. Raise the limit with --watchdog <ms> or ' + workerData.env + '.\\n');
    process.kill(process.pid, 'SIGKILL');
    return;
  }
  // Connected only now: a session connected to the main thread would keep its event loop alive.
  const session = new inspector.Session();
  session.connectToMainThread();
  session.post('Runtime.terminateExecution', () => {
    session.disconnect();
    parentPort.postMessage({ stuck: elapsedMs });
  });
};
setInterval(tick, Math.max(10, Math.min(100, Math.floor(limitMs / 20))));
parentPort.postMessage({ ready: true });
`;

let helper: Promise<Worker | undefined> | undefined;

/**
 * Starts the watchdog for this thread once (later calls return at once). Resolves when it watches:
 * the helper must be running before a run starts, because a stuck run blocks the thread that
 * would start it. Off (resolves at once) outside the main thread, under a debugger, or at limit 0.
 */
export function ensureWatchdog(): Promise<void> {
  if (!isMainThread || inspectorUrl() !== undefined || watchdogLimit() === 0) return Promise.resolve();
  helper ??= new Promise<Worker | undefined>((resolve) => {
    const worker = new Worker(HELPER, { eval: true, workerData: { progress: ENGINE_PROGRESS.buffer, limitMs: watchdogLimit(), endProcess: endProcessOnStuck, env: WATCHDOG_ENV } });
    worker.on('message', (message: { ready?: true; stuck?: number }) => {
      if (message.ready) {
        // Referenced until it is ready (we wait for that); from then on it never keeps pelsim alive.
        worker.unref();
        resolve(worker);
      }
      if (message.stuck !== undefined) takeStuckVerdict();
    });
    // A helper that cannot start (no inspector in this Node build) leaves runs unwatched, not failed.
    worker.on('error', () => resolve(undefined));
    worker.on('exit', () => resolve(undefined));
  });
  return helper.then(() => undefined);
}
