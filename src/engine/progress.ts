/**
 * What a watchdog in another thread can see of this thread's simulations, without any real time
 * here: a shared counter of engine events (it stops moving when a process runs without yielding)
 * and how many runs are in progress. The watchdog (src/watchdog) reads it; when the counter stands
 * still too long it stops the JavaScript that runs and calls {@link interruptStuckRuns}.
 */
import type { Process } from './process.js';

/**
 * [0]: engine events processed in this thread (wraps); [1]: runs in progress in this thread;
 * [2]: set by the watchdog to the real ms a run stood still before it stopped the thread's
 * JavaScript, cleared once the stuck runs have failed.
 */
export const ENGINE_PROGRESS = new Int32Array(new SharedArrayBuffer(12));

/**
 * The watchdog's verdict, if it stopped this thread: whoever runs first afterwards (the engine's
 * progress check, or the watchdog's message) fails the stuck runs.
 */
export function takeStuckVerdict(): boolean {
  const elapsedMs = Atomics.load(ENGINE_PROGRESS, 2);
  if (elapsedMs === 0) return false;
  interruptStuckRuns(elapsedMs);
  return true;
}

/** A simulation as the cross-thread watchdog sees it (`Simulation` is one). */
export interface InterruptibleRun {
  /** The process running without having yielded, if any. */
  readonly busyProcess: Process | null;
  /** Fails the run in progress: it stood still for `elapsedMs` of real time. */
  interrupt(elapsedMs: number): void;
}

/** The simulations of this thread whose `run` is in progress. */
export const RUNNING = new Set<InterruptibleRun>();

/**
 * Fails the runs that were stuck: the one whose process had not yielded (or, if none had, every
 * run in progress, stuck in an engine event) with a `ProcessStuckError` naming the process, what it
 * last did and `elapsedMs`. Returns how many runs it failed.
 */
export function interruptStuckRuns(elapsedMs: number): number {
  Atomics.store(ENGINE_PROGRESS, 2, 0);
  const runs = [...RUNNING];
  const busy = runs.filter((sim) => sim.busyProcess !== null);
  const stuck = busy.length > 0 ? busy : runs;
  for (const sim of stuck) sim.interrupt(elapsedMs);
  return stuck.length;
}
