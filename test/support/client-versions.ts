/**
 * The client majors the real-client tests run against, each installed under its own name (npm
 * aliases in devDependencies): ioredis 5 (`ioredis`) and 6 (`ioredis6`); node-redis 4 (`redis4`),
 * 5 (`redis`) and 6 (`redis6`). Their APIs agree on everything the tests use; the types of the
 * newest of each family stand for all.
 */
import { Redis } from 'ioredis';
import { Redis as Redis6 } from 'ioredis6';
import { createClient } from 'redis';
import { createClient as createClient6 } from 'redis6';

/** An ioredis major: its `Redis` class. */
export interface IoredisVersion {
  readonly name: string;
  readonly Redis: typeof Redis;
  /** The protocol it speaks unless told otherwise: ioredis 6 sends HELLO 3. */
  readonly protocol: 2 | 3;
}

/** ioredis 5 and 6. */
export const IOREDIS_VERSIONS: readonly IoredisVersion[] = [
  { name: 'ioredis 5', Redis, protocol: 2 },
  { name: 'ioredis 6', Redis: Redis6 as unknown as typeof Redis, protocol: 3 },
];

/** A node-redis major from 5 on (4 has other options for buffers): its `createClient`. */
export interface NodeRedisVersion {
  readonly name: string;
  readonly createClient: typeof createClient;
}

/** node-redis 5 and 6 (4 is imported as `redis4` where used: its options differ). */
export const NODE_REDIS_VERSIONS: readonly NodeRedisVersion[] = [
  { name: 'node-redis 5', createClient },
  { name: 'node-redis 6', createClient: createClient6 as unknown as typeof createClient },
];
