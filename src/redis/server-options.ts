import type { Simulation } from '../engine/index.js';
import type { ConnectOptions, RealConnectionOptions } from './client.js';
import type { RedisVersion } from './model/index.js';
import type { SimRedisServer, createSimRedis } from './server.js';

/** Options of {@link createSimRedis}. */
export interface SimRedisOptions {
  /**
   * The simulation whose clock drives this server. Without one the server keeps its own virtual
   * clock, moved only by {@link SimRedisServer.advanceBy}.
   */
  readonly simulation?: Simulation;
  /** Start of the server's own clock in ms (standalone only). Default 0. */
  readonly startTime?: number;
  /** Virtual ms between a command and its reply. Default 0: replies arrive in the same instant. */
  readonly latencyMs?: number;
  /**
   * Where the server writes its log lines (an unknown command, a refused SELECT). Default: one line
   * to stderr per distinct message.
   */
  readonly log?: (line: string) => void;
  /**
   * Whose stream and consumer-group semantics to follow: `'7.0'`, `'7.2'`, `'7.4'` or
   * `'valkey-8.0'`. Default {@link DEFAULT_REDIS_VERSION}.
   */
  readonly version?: RedisVersion;
  /**
   * Called when a real client (ioredis, node-redis) opens a connection to {@link SimRedisServer.url};
   * what it returns labels the connection (a tag for {@link SimRedisServer.dropRealConnections}) and
   * observes its commands, like {@link ConnectOptions.observe} for the direct client.
   */
  readonly realConnections?: () => RealConnectionOptions | undefined;
}
