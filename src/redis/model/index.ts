/**
 * Public entry point of the Redis Streams model.
 */
export { StreamModel, type StreamModelOptions } from './model.js';
export {
  DEFAULT_REDIS_VERSION,
  REDIS_VERSIONS,
  isRedisVersion,
  profileFor,
  type RedisVersion,
  type SemanticsProfile,
} from './profile.js';
export { RedisReplyError } from './types.js';
export type { BlockedRead, ExecResult, Reply, ServeOutcome } from './types.js';
export type { OtherTypeLookup } from './keyspace.js';
export { MAX_ID, MIN_ID, compareIds, formatId, parseId, type StreamId } from './ids.js';
