/** The public shapes of the engine's API: options, a run's summary, handles and process bodies. */
import type { Process } from './process.js';

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
