/**
 * @hearit-io/redis-channels (its own ioredis 4 client, built from a URL, plus duplicate()d
 * connections): two consumers working in a team (XREADGROUP … BLOCK … NOACK on a consumer group),
 * control messages through the stream, XINFO, XGROUP DELCONSUMER/DESTROY at cleanup. Same outcome
 * on redis-server and in a pelsim simulation.
 *
 * Not here: its fan-out mode (XREAD BLOCK from `$` on a duplicate()d connection). In a simulation
 * the duplicate()d ioredis 4 connection completes its handshake only when another connection next
 * sends a command, so its first `XREAD … $` is sent after the producer's XADD and misses it; on
 * redis-server it is blocked well before. That is a transport defect, reported, not a model one.
 */
import { createRequire } from 'node:module';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { skipWithoutRedisServer } from '../support/redis-server.js';
import { pendingOf, runInSimulation, runOnRedisServer, type Driver } from './harness.js';

type Tunnel = Record<string, unknown>;
interface Channels {
  use(group: string): Promise<Tunnel>;
  subscribe(tunnel: Tunnel, team?: string, consumer?: string): Promise<void>;
  consume(tunnel: Tunnel, type?: string, count?: number, timeout?: number, fromId?: string, messageOnTimeOut?: boolean): AsyncIterable<{ id?: string; data: string | null }[]>;
  produce(tunnel: Tunnel, message: string): Promise<string>;
  cleanup(): Promise<void>;
}

// The package ships no typings: load it as CommonJS and type the part this test uses.
const { RedisChannels } = createRequire(import.meta.url)('@hearit-io/redis-channels') as {
  RedisChannels: new (options: { redis: { url: string } }) => Channels;
};

const MESSAGES = 10;

const driver: Driver = async ({ url, sleep }) => {
  const open = (): Channels => new RedisChannels({ redis: { url } });
  const producer = open();
  const team = [open(), open()];
  const tunnel = await producer.use('jobs');
  const teamTunnels = await Promise.all(team.map((c) => c.use('jobs')));
  for (let i = 0; i < team.length; i++) await (team[i] as Channels).subscribe(teamTunnels[i] as Tunnel, 'workers', `c${i + 1}`);

  const teamDelivered: string[] = [];
  const loop = async (channels: Channels, t: Tunnel, sink: string[], done: () => boolean): Promise<void> => {
    for await (const messages of channels.consume(t, 'all', 3, 100, '>', true)) {
      for (const m of messages) if (m.data !== null) sink.push(m.data);
      if (done()) break;
    }
  };
  const loops = [
    ...team.map((c, i) => loop(c, teamTunnels[i] as Tunnel, teamDelivered, () => teamDelivered.length >= MESSAGES)),
  ];
  await sleep(150);
  for (let i = 1; i <= MESSAGES; i++) {
    await producer.produce(tunnel, `job-${i}`);
    await sleep(7);
  }
  await Promise.all(loops);
  const key = Object.values(tunnel)[0] as string;
  const pending = await pendingOf(url, key, ['workers']);
  for (const c of [...team, producer]) await c.cleanup();
  const redis = new Redis(url);
  const groupsLeft = ((await redis.xinfo('GROUPS', key)) as unknown[]).length;
  const length = await redis.xlen(key);
  redis.disconnect();
  const byNumber = (a: string, b: string): number => Number(a.slice(4)) - Number(b.slice(4));
  return {
    delivered: [...teamDelivered].sort(byNumber),
    acked: [],
    pending,
    extra: { groupsLeft, length },
  };
};

describe.skipIf(skipWithoutRedisServer('@hearit-io/redis-channels'))('@hearit-io/redis-channels, unchanged', () => {
  it('a team of two consumers shares the messages, once each, on redis-server and in pelsim', async () => {
    const real = await runOnRedisServer(driver);
    const { virtualMs, ...sim } = await runInSimulation(driver);
    expect(real.delivered).toEqual(Array.from({ length: MESSAGES }, (_, i) => `job-${i + 1}`));
    expect(sim).toEqual(real);
    expect(virtualMs).toBeGreaterThan(0);
  }, 30_000);
});
