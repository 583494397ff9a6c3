/**
 * The process-wide parts under simulated servers — ioredis-mock's keyspaces behind the key-value
 * store, and the in-memory addresses real clients connect to — are never shared by two servers
 * open at once, and a server disposed leaves nothing behind for the next one.
 */
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/index.js';
import { createSimRedis } from '../../src/redis/index.js';

describe('servers open at once share nothing', () => {
  it('each keeps its own non-stream keys, interleaved command by command', async () => {
    const [a, b] = [createSimRedis(), createSimRedis()];
    const [ca, cb] = [a.connect(), b.connect()];
    for (let i = 0; i < 5; i++) {
      await ca.incr('count');
      await cb.set('count', `b${i}`);
      await ca.call('sadd', 'members', `a${i}`);
      await cb.call('sadd', 'members', `b${i}`, `b${i + 10}`);
    }
    expect(await ca.get('count')).toBe('5');
    expect(await cb.get('count')).toBe('b4');
    expect(await ca.call('scard', 'members')).toBe(5);
    expect(await cb.call('scard', 'members')).toBe(10);
    a.dispose();
    expect(await cb.get('count')).toBe('b4');
    b.dispose();
  });

  it('a keyspace given back by a disposed server starts empty for the next one', async () => {
    const first = createSimRedis();
    await first.connect().set('left-behind', 'x', 'PX', 60_000);
    await first.connect().call('hset', 'h', 'f', 'v');
    first.dispose();
    const next = createSimRedis();
    const client = next.connect();
    expect(await client.get('left-behind')).toBeNull();
    expect(await client.call('hlen', 'h')).toBe(0);
    expect(await client.pttl('left-behind')).toBe(-2);
    next.dispose();
  });

  it('gives each open server its own address, and a real client reaches only the one it names', async () => {
    const simA = new Simulation({ seed: 1 });
    const simB = new Simulation({ seed: 2 });
    const a = createSimRedis({ simulation: simA });
    const b = createSimRedis({ simulation: simB });
    expect(a.url).not.toBe(b.url);
    const seen: Record<string, unknown> = {};
    simA.spawn('a', async () => {
      const redis = new Redis(a.url);
      await redis.set('who', 'a');
      seen.a = [await redis.get('who'), (redis.stream as { localPort?: number }).localPort];
      await redis.quit();
    });
    simB.spawn('b', async () => {
      const redis = new Redis(b.url);
      await redis.set('who', 'b');
      seen.b = [await redis.get('who'), (redis.stream as { localPort?: number }).localPort];
      await redis.quit();
    });
    await Promise.all([simA.run(), simB.run()]);
    // The same local port on each: a server numbers its own connections, whatever else is open.
    expect(seen).toEqual({ a: ['a', 50000], b: ['b', 50000] });
    a.dispose();
    b.dispose();
  });
});
