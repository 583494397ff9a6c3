/**
 * redis-streams-broker (ioredis client injected): publish through its Lua script (redis-scripto2:
 * SCRIPT LOAD, EVALSHA, send_command) and MAXLEN ~, two consumers in one group polling with
 * XREADGROUP BLOCK from setTimeout loops, acknowledgements through XACK and MULTI (XACK + XDEL),
 * XPENDING, MEMORY USAGE. Same outcome on redis-server and in a pelsim simulation.
 */
import { Redis } from 'ioredis';
import { StreamChannelBroker } from 'redis-streams-broker';
import { describe, expect, it } from 'vitest';
import { skipWithoutRedisServer } from '../support/redis-server.js';
import { pendingOf, runInSimulation, runOnRedisServer, type Driver } from './harness.js';

interface BrokerPayload {
  readonly payload: Record<string, string> | null;
  markAsRead(drop?: boolean): Promise<boolean>;
}

/** How many messages each poll asks for (the handler's return value sets the next poll's COUNT). */
const BATCH = 2;
const MESSAGES = 12;

const driver: Driver = async ({ url, sleep }) => {
  const redis = new Redis(url);
  const broker = new StreamChannelBroker(redis, 'jobs');
  const group = await broker.joinConsumerGroup('workers', '$');
  const delivered: string[] = [];
  const acked: string[] = [];
  const handler = (consumer: string) => async (payloads: BrokerPayload[]): Promise<number> => {
    for (const p of payloads) {
      const n = p.payload?.n ?? 'null';
      delivered.push(`${consumer}:${n}`);
      const k = Number(n);
      // Every third message stays pending; every fourth acked one is dropped (MULTI XACK + XDEL).
      if (k % 3 !== 0 && (await p.markAsRead(k % 4 === 0))) acked.push(n);
    }
    return BATCH;
  };
  const handles = [
    await group.subscribe('alpha', handler('alpha'), 50, BATCH),
    await group.subscribe('beta', handler('beta'), 50, BATCH),
  ];
  for (let i = 1; i <= MESSAGES; i++) {
    // Half through the Lua script (addWithLimit), half as plain XADD MAXLEN ~.
    await broker.publish({ n: String(i) }, i % 2 === 0 ? 1000 : 100, i % 2 === 0);
    await sleep(5);
  }
  for (let waited = 0; delivered.length < MESSAGES && waited < 5000; waited += 20) await sleep(20);
  for (const h of handles) group.unsubscribe(h);
  await sleep(200);
  const summary = await group.pendingSummary();
  const memory = await broker.memoryFootprint();
  const length = await redis.xlen('jobs');
  redis.disconnect();
  return {
    delivered: delivered.map((d) => d.split(':')[1] as string).sort((a, b) => Number(a) - Number(b)),
    acked: acked.sort((a, b) => Number(a) - Number(b)),
    pending: await pendingOf(url, 'jobs', ['workers']),
    extra: { summaryTotal: summary.total, length, memoryIsPositive: typeof memory === 'number' && memory > 0 },
  };
};

describe.skipIf(skipWithoutRedisServer('redis-streams-broker'))('redis-streams-broker, unchanged', () => {
  it('delivers, acknowledges and leaves pending the same messages on redis-server and in pelsim', async () => {
    const real = await runOnRedisServer(driver);
    const simulated = await runInSimulation(driver);
    expect(real.delivered).toHaveLength(MESSAGES);
    expect(real.acked).toHaveLength(8);
    const { virtualMs, ...sim } = simulated;
    // Which consumer got which message depends on timing; the totals per group must agree.
    expect({ ...sim, pending: totals(sim.pending) }).toEqual({ ...real, pending: totals(real.pending) });
    expect(virtualMs).toBeGreaterThan(0);
  }, 30_000);
});

function totals(p: Record<string, { total: number }>): Record<string, number> {
  return Object.fromEntries(Object.entries(p).map(([g, v]) => [g, v.total]));
}
