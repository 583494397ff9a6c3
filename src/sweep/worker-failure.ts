import { PelsimError, type PelsimErrorDetails, type PelsimErrorKind } from '../errors.js';

/**
 * A run's error as it crosses the process boundary: a `PelsimError` keeps its kind and details, so
 * a consumer module's mistake in a worker is still the user's input error (exit 2, one line), not
 * pelsim's internal failure; anything else travels with its stack.
 */
export interface WorkerFailure {
  readonly kind: PelsimErrorKind;
  readonly message: string;
  readonly stack: string | undefined;
  readonly details: Omit<PelsimErrorDetails, 'cause'>;
}

/** The failure to send for `error`. */
export function workerFailure(error: unknown): WorkerFailure {
  if (error instanceof PelsimError) {
    const { file, path, expected, found } = error;
    return { kind: error.kind, message: error.message, stack: error.stack, details: { file, path, expected, found } };
  }
  return { kind: 'internal', message: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined, details: {} };
}

/** The error a failure stands for, on the parent's side. */
export function failureError(failure: WorkerFailure): Error {
  if (failure.kind === 'internal') return new Error(failure.stack ?? failure.message);
  return new PelsimError(failure.kind, failure.message, failure.details);
}
