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

/**
 * A process ran for longer than the watchdog allows (real time) without yielding to the engine: an
 * endless loop, or work that never awaits a simulated operation. The watchdog stopped it. Kind
 * `violation`: the simulated system misbehaved, as when consumers crash.
 */
export class ProcessStuckError extends SimulationError {
  override readonly name = 'ProcessStuckError';
  constructor(
    /** The process that held the thread; null when it was an engine event, not a process. */
    readonly processName: string | null,
    readonly elapsedMs: number,
    /** Virtual time when it was stopped. */
    readonly at: number,
    readonly lastOperation: string | undefined,
    readonly lastOperationAt: number | undefined,
  ) {
    const who = processName === null ? 'an engine event' : `process "${processName}"`;
    const last =
      processName === null
        ? ''
        : lastOperation === undefined
          ? '; it had not awaited any simulated operation since it started'
          : `; the last simulated operation it awaited was ${lastOperation} (from virtual ${clock(lastOperationAt ?? at)})`;
    super(
      `${who} ran for ${elapsedMs} ms of real time without yielding to the simulation, at virtual ${clock(at)}, and was stopped${last}. ` +
        'A consumer must await a simulated operation (a Redis command, ctx.sleep) in every iteration of its loop ' +
        '(raise the limit with --watchdog <ms> or PELSIM_WATCHDOG_MS if it is merely slow)',
      'violation',
    );
  }
}

/** Virtual ms as `1d 02:14:05.250`-style text: days only when needed, ms only when not whole seconds. */
function clock(ms: number): string {
  const days = Math.floor(ms / 86_400_000);
  const rest = ms - days * 86_400_000;
  const h = Math.floor(rest / 3_600_000);
  const m = Math.floor((rest % 3_600_000) / 60_000);
  const s = Math.floor((rest % 60_000) / 1000);
  const frac = rest % 1000;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${days > 0 ? `${days}d ` : ''}${two(h)}:${two(m)}:${two(s)}${frac > 0 ? `.${String(frac).padStart(3, '0')}` : ''}`;
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
