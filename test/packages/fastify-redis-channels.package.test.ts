/**
 * fastify-redis-channels (a Fastify plugin over @hearit-io/redis-channels; the plugin builds its
 * clients from a URL): registered on a Fastify app, two team consumers read through
 * XREADGROUP … BLOCK … NOACK on duplicate()d connections while the app produces; closing the app
 * runs the plugin's cleanup (XGROUP DELCONSUMER, XINFO GROUPS, XGROUP DESTROY). Same outcome on
 * redis-server and in a pelsim simulation.
 */
import { createRequire } from 'node:module';
import Fastify, { type FastifyPluginCallback } from 'fastify';
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
}

// The plugin ships no typings: load it as CommonJS.
const fastifyRedisChannels = createRequire(import.meta.url)('fastify-redis-channels') as FastifyPluginCallback<{
  redis: { url: string };
}>;

const MESSAGES = 9;

const driver: Driver = async ({ url, sleep }) => {
  const app = Fastify();
  await app.register(fastifyRedisChannels, { redis: { url } });
  await app.ready();
  const channels = (app as unknown as { channels: Channels }).channels;
  const producerTunnel = await channels.use('orders');
  const tunnels = [await channels.use('orders'), await channels.use('orders')];
  await channels.subscribe(tunnels[0] as Tunnel, 'billing', 'b1');
  await channels.subscribe(tunnels[1] as Tunnel, 'billing', 'b2');
  const delivered: string[] = [];
  const loops = tunnels.map(async (t) => {
    for await (const messages of channels.consume(t, 'all', 2, 100, '>', true)) {
      for (const m of messages) if (m.data !== null) delivered.push(m.data);
      if (delivered.length >= MESSAGES) break;
    }
  });
  await sleep(50);
  for (let i = 1; i <= MESSAGES; i++) {
    await channels.produce(producerTunnel, `order-${i}`);
    await sleep(3);
  }
  await Promise.all(loops);
  const key = Object.values(producerTunnel)[0] as string;
  const pending = await pendingOf(url, key, ['billing']);
  await app.close();
  const redis = new Redis(url);
  const groupsLeft = ((await redis.xinfo('GROUPS', key)) as unknown[]).length;
  const length = await redis.xlen(key);
  redis.disconnect();
  return {
    delivered: delivered.sort((a, b) => Number(a.slice(6)) - Number(b.slice(6))),
    acked: [],
    pending,
    extra: { groupsLeft, length },
  };
};

describe.skipIf(skipWithoutRedisServer('fastify-redis-channels'))('fastify-redis-channels, unchanged', () => {
  it('a Fastify app with the plugin delivers each message once to its team, on redis-server and in pelsim', async () => {
    const real = await runOnRedisServer(driver);
    const { virtualMs, ...sim } = await runInSimulation(driver);
    expect(real.delivered).toEqual(Array.from({ length: MESSAGES }, (_, i) => `order-${i + 1}`));
    expect(sim).toEqual(real);
    expect(virtualMs).toBeGreaterThan(0);
  }, 30_000);
});
