import { errorKind, PelsimError, type PelsimErrorKind } from '../errors.js';

/** An input error on the command line (a flag, an --out path): printed as `Error: …`, exit code 2. */
export class UsageError extends PelsimError {
  override readonly name = 'UsageError';
  constructor(message: string) {
    super('input', message);
  }
}

/** A check or hunt found a violation: the CLI prints the message and exits 1. */
export class CheckFailed extends PelsimError {
  override readonly name = 'CheckFailed';
  constructor(message: string) {
    super('violation', message);
  }
}

/** The CLI's exit code for each kind of failure (70 is sysexits' EX_SOFTWARE). */
export const EXIT_CODES: Readonly<Record<PelsimErrorKind, number>> = { input: 2, violation: 1, internal: 70 };

/** What the CLI prints for a failure: the message alone for input and violations, the stack for its own. */
export function describeFailure(error: unknown): { readonly code: number; readonly text: string } {
  const kind = errorKind(error);
  const message = error instanceof Error ? error.message : String(error);
  switch (kind) {
    case 'input':
      return { code: EXIT_CODES.input, text: `Error: ${message}` };
    case 'violation':
      return { code: EXIT_CODES.violation, text: message };
    case 'internal':
      return { code: EXIT_CODES.internal, text: `pelsim failed: ${error instanceof Error ? (error.stack ?? message) : message}` };
  }
}
