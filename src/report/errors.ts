import { PelsimError, type PelsimErrorDetails } from '../errors.js';

/**
 * An input error: bad report input (a missing folder, an unreadable or invalid results.json, a
 * broken events.jsonl). The message starts with the file at fault.
 */
export class ReportInputError extends PelsimError {
  override readonly name = 'ReportInputError';
  constructor(message: string, details: PelsimErrorDetails = {}) {
    super('input', message, details);
  }
}
