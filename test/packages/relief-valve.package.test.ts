/**
 * relief-valve (client-agnostic; this test's adapter runs its commands on ioredis): batches of
 * messages accumulated by Lua scripts (TIME, XADD, ZADD, XLEN, RENAME of a stream, ZREM inside
 * EVAL), consumed through a consumer group (XAUTOCLAIM for stale batches, else XREADGROUP `>`),
 * XPENDING ranges, XRANGE, XACK, DEL, XDEL. Same outcome on redis-server and in a pelsim simulation.
 */
import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { ReliefValve, type IBatch, type IRedisClient } from 'relief-valve';
import { describe, expect, it } from 'vitest';
import { skipWithoutRedisServer } from '../support/redis-server.js';
import { pendingOf, runInSimulation, runOnRedisServer, type Driver } from './harness.js';

/** The adapter relief-valve asks its users to write, over one ioredis connection. */
function ioredisAdapter(redis: Redis): IRedisClient {
  return {
    acquire: async () => undefined,
    release: async () => undefined,
    shutdown: async () => {
      await redis.quit();
    },
    run: (args) => redis.call(args[0] as string, ...args.slice(1)),
    pipeline: (commands) => redis.pipeline(commands).exec(),
    script: (filename, keys, args) => redis.eval(readFileSync(filename, 'utf8'), keys.length, ...keys, ...args),
  };
}

const MESSAGES = 23;
const BATCH = 5;

const driver: Driver = async ({ url, sleep }) => {
  const redis = new Redis(url);
  const client = ioredisAdapter(redis);
  const publisher = new ReliefValve(client, 'ingest', BATCH, 3600, 'PubGroup', 'Publisher1');
  const consumer = new ReliefValve(client, 'ingest', BATCH, 3600, 'ShardGroup1', 'Consumer1');
  const delivered: string[] = [];
  const acked: string[] = [];
  const counters = (batch: IBatch): string[] =>
    [...batch.payload.values()].map((p) => (p as Record<string, string>).counter as string);
  let batches = 0;
  for (let i = 1; i <= MESSAGES; i++) {
    // relief-valve names a purged batch's key after Date.now(): two batches purged in the same
    // millisecond collide (the later RENAME replaces the earlier batch). In a simulation no time
    // passes between commands, so without this pause every batch gets the same name; that is a
    // real defect of the package, which pelsim makes reproducible. Each publish here takes 2 ms.
    await sleep(2);
    await publisher.publish({ hello: 'world', counter: String(i) });
    const batch = await consumer.consumeFreshOrStale(3600);
    if (batch === undefined) continue;
    batches++;
    delivered.push(...counters(batch));
    // The second batch is left unacknowledged: it stays pending in the group.
    if (batches !== 2 && (await consumer.acknowledge(batch))) acked.push(...counters(batch));
  }
  const pending = await pendingOf(url, 'ingest', ['ShardGroup1']);
  // With no idle threshold the unacknowledged batch is stale at once: XAUTOCLAIM hands it back.
  const stale = await consumer.consumeFreshOrStale(0);
  const reclaimed = stale === undefined ? null : { reads: stale.readsInCurrentGroup, counters: counters(stale) };
  const keys = ((await redis.keys('*')) as string[]).length;
  await client.shutdown();
  const byNumber = (a: string, b: string): number => Number(a) - Number(b);
  return { delivered: delivered.sort(byNumber), acked: acked.sort(byNumber), pending, extra: { batches, reclaimed, keys } };
};

describe.skipIf(skipWithoutRedisServer('relief-valve'))('relief-valve, unchanged', () => {
  it('accumulates, delivers, acknowledges and reclaims the same batches on redis-server and in pelsim', async () => {
    const real = await runOnRedisServer(driver);
    const { virtualMs, ...sim } = await runInSimulation(driver);
    expect(real.delivered).toHaveLength(20);
    expect(real.acked).toHaveLength(15);
    expect(real.extra?.reclaimed).toMatchObject({ reads: 2 });
    expect(sim).toEqual(real);
    expect(virtualMs).toBeGreaterThanOrEqual(0);
  }, 30_000);
});
