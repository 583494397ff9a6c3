/**
 * The differential suites' second pelsim side: real ioredis over pelsim's in-memory connection to
 * a standalone server of the same version. Each case's commands go to it as to the real server
 * (ioredis `call`), so RESP encoding, ioredis's parsing and the connection layer are checked along
 * with the model. The server's virtual clock follows the wall clock (moved to `Date.now()` before
 * each command, and while a blocking command waits), as the direct model reads `Date.now()`.
 */
import { Redis } from 'ioredis';
import { createSimRedis, type SimRedisServer } from '../../src/redis/index.js';
import type { RedisVersion } from '../../src/redis/model/index.js';
import type { Reply } from '../../src/redis/model/types.js';

/** What one command produced through ioredis (the shape of differential.ts's `Outcome`). */
export type InMemoryOutcome = { readonly reply: Reply } | { readonly error: string };

/** How often (real ms) a blocking command's wait looks at the wall clock again. */
const BLOCK_POLL_MS = 5;

/** ioredis over the in-memory connection to a fresh standalone pelsim server. */
export class InMemoryIoredis {
  private server: SimRedisServer;
  private redis: Redis;

  constructor(private readonly version: RedisVersion) {
    [this.server, this.redis] = this.open();
  }

  private open(): [SimRedisServer, Redis] {
    const server = createSimRedis({ version: this.version, startTime: Date.now(), log: () => undefined });
    const redis = new Redis(server.url, { maxRetriesPerRequest: 0, enableOfflineQueue: true });
    return [server, redis];
  }

  /** Runs one command; a blocking one is answered when the wall clock reaches its timeout. */
  async outcome(argv: readonly string[]): Promise<InMemoryOutcome> {
    await this.catchUp();
    let settled = false;
    const pending = this.redis.call(argv[0] as string, ...argv.slice(1)).then(
      (reply): InMemoryOutcome => ({ reply: reply as Reply }),
      (error: unknown): InMemoryOutcome => ({ error: (error as Error).message }),
    );
    void pending.finally(() => (settled = true));
    // A blocking command waits on the server's clock: move it with the wall clock until answered.
    while (!settled) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([pending, new Promise((resolve) => (timer = setTimeout(resolve, BLOCK_POLL_MS)))]);
      clearTimeout(timer);
      if (!settled) await this.catchUp();
    }
    return pending;
  }

  /** A fresh server (and connection), as FLUSHALL, SCRIPT FLUSH and FUNCTION FLUSH would leave it. */
  async reset(): Promise<void> {
    await this.close();
    [this.server, this.redis] = this.open();
  }

  async close(): Promise<void> {
    this.redis.disconnect();
    this.server.dispose();
  }

  private async catchUp(): Promise<void> {
    const behind = Date.now() - this.server.now();
    if (behind > 0) await this.server.advanceBy(behind);
  }
}
