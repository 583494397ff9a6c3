/** Errors raised by the engine. Each message names the process or operation at fault. */
import { PelsimError, errorKind, type PelsimErrorKind } from '../errors.js';

/** Base class so callers can tell simulation failures from their own errors; `internal` unless said otherwise. */
export class SimulationError extends PelsimError {
  override readonly name: string = 'SimulationError';
  constructor(message: string, kind: PelsimErrorKind = 'internal') {
    super(kind, message);
  }
}

/** A process body threw or rejected; `cause` is what it threw, and its kind is the cause's. */
export class ProcessFailedError extends SimulationError {
  override readonly name = 'ProcessFailedError';
  constructor(
    readonly processName: string,
    override readonly cause: unknown,
  ) {
    super(`process "${processName}" failed: ${cause instanceof Error ? cause.message : String(cause)}`, errorKind(cause));
  }
}

/**
 * A process stopped making progress without waiting on any simulated operation: it awaits a real
 * timer, real I/O or a promise that nothing in the simulation will resolve. Virtual time cannot
 * advance past it, so the run is aborted instead of hanging.
 */
export class ForeignWaitError extends SimulationError {
  override readonly name = 'ForeignWaitError';
  constructor(readonly processName: string) {
    super(
      `process "${processName}" is waiting on something outside the simulation ` +
        '(a real timer, real I/O, or a promise no simulated operation resolves); ' +
        'inside a simulation await only simulated operations such as sleep() or Redis commands',
    );
  }
}

/**
 * Virtual time stood still for too many events: some process keeps running operations that take
 * no virtual time (commands with zero latency, `sleep(0)`) without ever waiting, so the clock can
 * never move on. `processName` is the process resumed by the last of them.
 */
export class LivelockError extends SimulationError {
  override readonly name = 'LivelockError';
  constructor(
    readonly processName: string | null,
    /** The virtual time that would not advance, ms. */
    readonly at: number,
    /** Events taken at that time. */
    readonly events: number,
  ) {
    super(
      `virtual time stopped at ${at} ms for ${events} events: ` +
        `${processName === null ? 'something' : `process "${processName}"`} keeps running operations that take no virtual time without waiting`,
    );
  }
}

/** A hold taken with `Simulation.hold()` was never released. */
export class StalledHoldError extends SimulationError {
  override readonly name = 'StalledHoldError';
  constructor(readonly labels: readonly string[]) {
    super(`the simulation is held by ${labels.map((l) => `"${l}"`).join(', ')}, which never released`);
  }
}

/** A callback of a virtual `setTimeout`/`setInterval`/`setImmediate` threw (in Node: an uncaught exception). */
export class TimerCallbackError extends SimulationError {
  override readonly name = 'TimerCallbackError';
  constructor(
    readonly processName: string | null,
    override readonly cause: unknown,
  ) {
    super(
      `a timer callback${processName === null ? '' : ` set by process "${processName}"`} threw: ` +
        (cause instanceof Error ? cause.message : String(cause)),
    );
  }
}
