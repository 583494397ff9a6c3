/**
 * Sweep errors. A bad grid, shard or checkpoint is the user's input, so it is a `UsageError`: the
 * CLI prints its message without a stack trace and exits 2.
 */
import { UsageError } from '../cli/errors.js';

/** A bad sweep setting (grid key or value, shard, seeds, checkpoint, shard set to merge). */
export class SweepUsageError extends UsageError {}
