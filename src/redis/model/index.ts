/**
 * Public entry point of the Redis Streams model.
 */
export { StreamModel } from './model.js';
export { RedisReplyError } from './types.js';
export type { BlockedRead, ExecResult, Reply, ServeOutcome } from './types.js';
export { MAX_ID, MIN_ID, compareIds, formatId, parseId, type StreamId } from './ids.js';
