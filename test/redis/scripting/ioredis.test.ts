/**
 * Scripts through real ioredis over the in-memory connection, inside a simulation: defineCommand's
 * EVALSHA-then-EVAL fallback (NOSCRIPT the first time, EVALSHA afterwards, EVAL again after SCRIPT
 * FLUSH).
 */
import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../src/engine/index.js';
import { createSimRedis } from '../../../src/redis/index.js';

describe('scripts through real ioredis in a simulation', () => {
  it("defineCommand falls back from EVALSHA to EVAL on NOSCRIPT, then uses EVALSHA; SCRIPT FLUSH sends it back to EVAL", async () => {
    const sim = new Simulation({ seed: 7 });
    const server = createSimRedis({ simulation: sim, log: () => undefined });
    const seen: string[] = [];
    let results: unknown[] = [];
    sim.spawn('client', async () => {
      const redis = new Redis(server.url);
      const monitor = redis.duplicate();
      const lua = "return redis.call('XADD', KEYS[1], '*', 'job', ARGV[1])";
      const sha = createHash('sha1').update(lua).digest('hex');
      redis.defineCommand('enqueue', { numberOfKeys: 1, lua });
      const withScript = redis as unknown as { enqueue(key: string, job: string): Promise<string> };
      const before = await monitor.script('EXISTS', sha);
      // EVALSHA answers NOSCRIPT; ioredis sends EVAL, which also caches the script by its SHA1.
      const first = await withScript.enqueue('jobs', 'a');
      const exists1 = await monitor.script('EXISTS', sha);
      const second = await withScript.enqueue('jobs', 'b');
      await monitor.script('FLUSH');
      const third = await withScript.enqueue('jobs', 'c');
      const length = await monitor.xlen('jobs');
      results = [before, first, exists1, second, third, length, await monitor.script('EXISTS', sha)];
      seen.push(...((await monitor.xrange('jobs', '-', '+')) as [string, string[]][]).map(([, f]) => f[1] as string));
      await redis.quit();
      await monitor.quit();
    });
    await sim.run();
    server.dispose();
    expect(results).toEqual([[0], '0-1', [1], '0-2', '0-3', 3, [1]]);
    expect(seen).toEqual(['a', 'b', 'c']);
  });
});
