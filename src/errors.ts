/**
 * The one error type of pelsim. Every failure pelsim raises on purpose is a {@link PelsimError}
 * whose `kind` says whose fault it is; callers (the CLI, a test, a CI script) decide what to do from
 * the kind alone, never from a class name. This module imports nothing, so every layer may use it.
 */

/**
 * Whose fault a failure is:
 * - `input`: the user's input is wrong (a scenario file, a flag, a consumer module, a results.json);
 *   the message alone says what to fix. The CLI prints it without a stack trace and exits 2.
 * - `violation`: the input was fine and the simulated system broke an expectation or invariant the
 *   user asked for (`pelsim check`, `pelsim hunt`, `assertScenario`). The CLI exits 1.
 * - `internal`: pelsim itself failed. The CLI prints the stack trace and exits 70 (EX_SOFTWARE).
 */
export type PelsimErrorKind = 'input' | 'violation' | 'internal';

/** Where an input error is and what was wrong there; every field is optional. */
export interface PelsimErrorDetails {
  /** The file at fault as the user named it (a scenario, a consumer module, a results.json, an --out path). */
  readonly file?: string | undefined;
  /** Where inside it: a path such as `variants[1].deployment.replicas`, a flag such as `--grid`, a line. */
  readonly path?: string | undefined;
  /** What a valid value looks like there, e.g. `an integer >= 0`. */
  readonly expected?: string | undefined;
  /** What was found there, e.g. `-1`. */
  readonly found?: string | undefined;
  /** The underlying error, when this one wraps another. */
  readonly cause?: unknown;
}

/** A failure pelsim raises on purpose; its {@link PelsimError.kind} says whose fault it is. */
export class PelsimError extends Error {
  override readonly name: string = 'PelsimError';
  /** Whose fault it is; decides the CLI's exit code. */
  readonly kind: PelsimErrorKind;
  /** The file at fault, when one is. */
  readonly file: string | undefined;
  /** Where inside the file (or which flag), when known. */
  readonly path: string | undefined;
  /** What was expected there, when known. */
  readonly expected: string | undefined;
  /** What was found there, when known. */
  readonly found: string | undefined;

  constructor(kind: PelsimErrorKind, message: string, details: PelsimErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.kind = kind;
    this.file = details.file;
    this.path = details.path;
    this.expected = details.expected;
    this.found = details.found;
  }
}

/** True when `error` is a {@link PelsimError} (of `kind`, when given). */
export function isPelsimError(error: unknown, kind?: PelsimErrorKind): error is PelsimError {
  return error instanceof PelsimError && (kind === undefined || error.kind === kind);
}

/** The kind of any thrown value: a {@link PelsimError}'s own, `internal` for anything else. */
export function errorKind(error: unknown): PelsimErrorKind {
  return error instanceof PelsimError ? error.kind : 'internal';
}

/** An input error: `message` names the file, the place in it and what was expected. */
export function inputError(message: string, details: PelsimErrorDetails = {}): PelsimError {
  return new PelsimError('input', message, details);
}

/** An internal error: pelsim broke one of its own invariants, which `message` names. */
export function internalError(message: string): PelsimError {
  return new PelsimError('internal', `pelsim bug: ${message}`);
}

/**
 * `value` when it is present; otherwise an internal error saying which invariant broke. For reads
 * that an invariant guarantees (an index below a length kept in step, a key inserted beside another)
 * but that the type system sees as possibly missing.
 */
export function present<T>(value: T | undefined, invariant: string): T {
  if (value === undefined) throw internalError(invariant);
  return value;
}
