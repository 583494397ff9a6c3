/** A bad command line: printed as `Error: …`, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Errors caused by the user's input (files, flags, modules): exit code 2, no stack trace. */
export function isInputError(error: unknown): error is Error {
  return (
    error instanceof Error &&
    ['UsageError', 'ScenarioError', 'ConsumerModuleError', 'DistributionError'].includes(error.name)
  );
}
