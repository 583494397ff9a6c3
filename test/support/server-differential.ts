/**
 * Differential testing of the whole simulated server (not only the stream model) against a real
 * redis-server: each command goes to the real server through ioredis `call`, to a
 * {@link SimRedisServer} through its direct client's `call`, and to another one through real
 * ioredis over the in-memory connection ({@link InMemoryIoredis}); the outcomes are compared with
 * {@link expectSame} (replies deeply, error texts exactly).
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createSimRedis, type SimRedisClient, type SimRedisServer } from '../../src/redis/index.js';
import type { RedisVersion } from '../../src/redis/model/index.js';
import type { Reply } from '../../src/redis/model/types.js';
import {
  expectSame,
  realOutcome,
  serverUnderTest,
  type BothOutcomes,
  type CompareOptions,
  type Outcome,
} from './differential.js';
import { InMemoryIoredis } from './in-memory-ioredis.js';
import { startRedisServer, type RedisServerHandle } from './redis-server.js';

/** Runs one command on the simulated server. */
export async function simOutcome(client: SimRedisClient, argv: readonly string[]): Promise<Outcome> {
  try {
    return { reply: (await client.call(argv[0] as string, ...argv.slice(1))) as Reply };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** A real connection and a simulated server, both emptied before each case. */
export class ServerDifferential {
  sim: SimRedisServer;
  client: SimRedisClient;
  /** The same commands through real ioredis to another simulated server. */
  readonly inMemory: InMemoryIoredis;
  constructor(
    readonly redis: Redis,
    /** The version profile matching the real server. */
    readonly version: RedisVersion,
  ) {
    this.sim = createSimRedis({ version });
    this.client = this.sim.connect();
    this.inMemory = new InMemoryIoredis(version);
  }

  /** Runs every command on both sides, in order. */
  async runBoth(argvs: readonly (readonly string[])[]): Promise<BothOutcomes> {
    const real: Outcome[] = [];
    const model: Outcome[] = [];
    const inMemory: Outcome[] = [];
    for (const argv of argvs) {
      // The in-memory side runs alongside the real server, so their clocks read alike.
      const viaMemory = this.inMemory.outcome(argv);
      real.push(await realOutcome(this.redis, argv));
      model.push(await simOutcome(this.client, argv));
      inMemory.push(await viaMemory);
    }
    return { argvs, real, model, inMemory };
  }

  /** Runs the commands on both sides and asserts the outcomes agree. */
  async check(argvs: readonly (readonly string[])[], options: CompareOptions = {}): Promise<BothOutcomes> {
    const both = await this.runBoth(argvs);
    expectSame(both, options);
    return both;
  }

  /** Empties the real server (keys, scripts, functions, stream node settings) and starts a fresh simulated one. */
  async reset(): Promise<void> {
    await this.redis.call('FLUSHALL');
    await this.redis.call('SCRIPT', 'FLUSH');
    await this.redis.call('FUNCTION', 'FLUSH');
    await this.redis.call('CONFIG', 'SET', 'stream-node-max-entries', '100', 'stream-node-max-bytes', '4096');
    this.sim.dispose();
    this.sim = createSimRedis({ version: this.version });
    this.client = this.sim.connect();
    await this.inMemory.reset();
  }
}

/** Registers hooks for a server-differential test file; the accessor is valid inside tests. */
export function useServerDifferential(): () => ServerDifferential {
  const binary = serverUnderTest();
  let server: RedisServerHandle | undefined;
  let redis: Redis | undefined;
  let current: ServerDifferential | undefined;
  beforeAll(async () => {
    server = await startRedisServer(binary.path);
    redis = new Redis({ port: server.port, lazyConnect: false, maxRetriesPerRequest: 0 });
    current = new ServerDifferential(redis, binary.version);
  }, 20_000);
  afterAll(async () => {
    current?.sim.dispose();
    await current?.inMemory.close();
    redis?.disconnect();
    await server?.stop();
  });
  beforeEach(async () => {
    await current?.reset();
  });
  return () => current as ServerDifferential;
}
