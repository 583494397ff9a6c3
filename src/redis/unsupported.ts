import { PelsimError } from '../errors.js';

/**
 * An input error: a command (or use of one) that pelsim deliberately does not model. Consumer code
 * receives it as a rejected command, like an error reply.
 */
export class UnsupportedCommandError extends PelsimError {
  override readonly name = 'UnsupportedCommandError';
  constructor(what: string) {
    super('input', `unsupported in pelsim: ${what}`);
  }
}
