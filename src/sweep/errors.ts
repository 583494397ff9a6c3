import { PelsimError, type PelsimErrorDetails } from '../errors.js';

/**
 * An input error: a bad sweep setting (grid key or value, shard, seeds, checkpoint, shard set to
 * merge). The CLI prints its message without a stack trace and exits 2.
 */
export class SweepUsageError extends PelsimError {
  override readonly name = 'SweepUsageError';
  constructor(message: string, details: PelsimErrorDetails = {}) {
    super('input', message, details);
  }
}
