/** The error for a command (or use of one) that pelsim deliberately does not model. */
export class UnsupportedCommandError extends Error {
  override readonly name = 'UnsupportedCommandError';
  constructor(what: string) {
    super(`unsupported in pelsim: ${what}`);
  }
}
