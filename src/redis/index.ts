/** The simulated Redis: a Streams consumer-group model behind ioredis-shaped clients. Knows nothing of pods. */
export { createSimRedis, SimRedisServer, type SimRedisOptions } from './server.js';
export { SimRedisClient, type StreamEntry, type ReadGroupReply, type AutoClaimReply, type ConnectionStatus, type CommandObserver, type ConnectOptions, type RealConnectionOptions } from './client.js';
export { RedisReplyError, type Reply } from './model/types.js';
export { UnsupportedCommandError } from './unsupported.js';
export type { RedisArg } from './args.js';
