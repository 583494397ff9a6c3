import { describe, expect, it, vi } from 'vitest';
import { createSimRedis } from '../../src/redis/index.js';

describe('non-stream commands', () => {
  it('SET NX PX expires on the virtual clock, not the wall clock', async () => {
    const server = createSimRedis({ startTime: 1_000 });
    const client = server.connect();
    expect(await client.set('lock:issue:201', 'pod-a', 'NX', 'PX', 1000)).toBe('OK');
    expect(await client.set('lock:issue:201', 'pod-b', 'NX', 'PX', 1000)).toBeNull();
    expect(await client.pttl('lock:issue:201')).toBe(1000);
    await server.advanceBy(999);
    expect(await client.get('lock:issue:201')).toBe('pod-a');
    expect(await client.pttl('lock:issue:201')).toBe(1);
    await server.advanceBy(1);
    expect(await client.get('lock:issue:201')).toBeNull();
    expect(await client.set('lock:issue:201', 'pod-b', 'NX', 'PX', 1000)).toBe('OK');
  });

  it('EXPIRE and TTL follow virtual seconds', async () => {
    const server = createSimRedis();
    const client = server.connect();
    await client.set('k', 'v');
    expect(await client.expire('k', 10)).toBe(1);
    await server.advanceBy(9_000);
    expect(await client.ttl('k')).toBe(1);
    expect(await client.exists('k')).toBe(1);
    await server.advanceBy(1_000);
    expect(await client.exists('k')).toBe(0);
  });

  it('hashes and counters come from ioredis-mock with ioredis reply shapes', async () => {
    const client = createSimRedis().connect();
    expect(await client.hset('pr:201', 'branch', 'feature/issue-201-x', 'pod', 'a')).toBe(2);
    expect(await client.hget('pr:201', 'pod')).toBe('a');
    expect(await client.hgetall('pr:201')).toEqual({ branch: 'feature/issue-201-x', pod: 'a' });
    expect(await client.call('HGETALL', 'pr:201')).toEqual(['branch', 'feature/issue-201-x', 'pod', 'a']);
    expect(await client.incr('n')).toBe(1);
    expect(await client.incrby('n', 4)).toBe(5);
  });

  it('DEL, EXISTS, TYPE and KEYS span streams and other values', async () => {
    const client = createSimRedis().connect();
    await client.xadd('issues', '1-1', 'a', 'b');
    await client.set('lock', '1');
    expect(await client.type('issues')).toBe('stream');
    expect(await client.type('lock')).toBe('string');
    expect(await client.keys('*')).toEqual(['issues', 'lock']);
    expect(await client.exists('issues', 'lock', 'nope')).toBe(2);
    expect(await client.del('issues', 'lock')).toBe(2);
    expect(await client.keys('*')).toEqual([]);
  });

  it('a key of one kind refuses commands of the other kind with WRONGTYPE', async () => {
    const client = createSimRedis().connect();
    await client.xadd('issues', '1-1', 'a', 'b');
    await client.set('lock', '1');
    const wrongType = 'WRONGTYPE Operation against a key holding the wrong kind of value';
    await expect(client.get('issues')).rejects.toThrow(wrongType);
    await expect(client.xadd('lock', '*', 'a', 'b')).rejects.toThrow(wrongType);
  });

  it("answers commands it does not model with Redis's unknown-command error and one log line naming pelsim", async () => {
    const lines: string[] = [];
    const client = createSimRedis({ log: (line) => lines.push(line) }).connect();
    const unknown = "ERR unknown command 'GEOADD', with args beginning with: 'places' '1' '2' 'x' ";
    await expect(client.call('GEOADD', 'places', '1', '2', 'x')).rejects.toThrow(unknown);
    await expect(client.call('GEOADD', 'places', '1', '2', 'x')).rejects.toThrow(unknown);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^pelsim: command "GEOADD" is not modelled/);
  });
});

describe('disposal', () => {
  it('a disposed server gives its keyspace back empty, so the next server starts clean', async () => {
    const first = createSimRedis();
    await first.connect().set('leftover', '1');
    first.dispose();
    const second = createSimRedis();
    expect(await second.connect().get('leftover')).toBeNull();
    expect(await second.connect().keys('*')).toEqual([]);
  });
});

describe('no wall clock, no unseeded randomness', () => {
  const forbidden = () => {
    throw new Error('the key-value store reached the wall clock or Math.random');
  };

  it('expiry and random members never read Date.now or Math.random, and repeat for the same seed', async () => {
    const session = async () => {
      const server = createSimRedis({ startTime: 5_000 });
      const client = server.connect();
      await client.call('SADD', 'pods', 'a', 'b', 'c', 'd', 'e', 'f');
      const random = [await client.call('SRANDMEMBER', 'pods', '3'), await client.call('SRANDMEMBER', 'pods', '-4'), await client.call('SPOP', 'pods')];
      await client.set('lock', 'x', 'PX', 1500);
      await client.call('SET', 'l2', 'y', 'EX', '2');
      await client.call('SETEX', 'l3', '3', 'z');
      await client.expire('pods', 1);
      const ttls = [await client.pttl('lock'), await client.ttl('l2'), await client.ttl('l3'), await client.pttl('pods')];
      await server.advanceBy(1_500);
      const after = [await client.get('lock'), await client.exists('pods'), await client.get('l2'), await client.call('KEYS', '*')];
      server.dispose();
      return { random, ttls, after };
    };
    // Date.now is made read-only as well: patching it (as this store once did) throws too.
    const wallClock = Object.getOwnPropertyDescriptor(Date, 'now') as PropertyDescriptor;
    Object.defineProperty(Date, 'now', { value: forbidden, writable: false, configurable: true });
    const spies = [vi.spyOn(Math, 'random').mockImplementation(forbidden)];
    try {
      const first = await session();
      expect(first.ttls).toEqual([1500, 2, 3, 1000]);
      expect(first.after).toEqual([null, 0, 'y', ['l2', 'l3']]);
      expect(first.random[0]).toHaveLength(3);
      expect(new Set(first.random[0] as string[]).size).toBe(3);
      expect(first.random[1]).toHaveLength(4);
      expect(await session()).toEqual(first);
    } finally {
      for (const spy of spies) spy.mockRestore();
      Object.defineProperty(Date, 'now', wallClock);
    }
  });

  it('a write that replaces a value clears its expiry unless SET KEEPTTL; EXPIRE honours NX, XX, GT and LT', async () => {
    const server = createSimRedis();
    const client = server.connect();
    await client.set('k', 'v', 'EX', 100);
    await client.call('SET', 'k', 'w', 'KEEPTTL');
    expect(await client.ttl('k')).toBe(100);
    await client.call('GETSET', 'k', 'u');
    expect(await client.ttl('k')).toBe(-1);
    expect(await client.call('EXPIRE', 'k', '50', 'XX')).toBe(0);
    expect(await client.call('EXPIRE', 'k', '50', 'NX')).toBe(1);
    expect(await client.call('EXPIRE', 'k', '40', 'GT')).toBe(0);
    expect(await client.call('EXPIRE', 'k', '40', 'LT')).toBe(1);
    expect(await client.ttl('k')).toBe(40);
    expect(await client.call('PERSIST', 'k')).toBe(1);
    expect(await client.ttl('k')).toBe(-1);
    expect(await client.ttl('missing')).toBe(-2);
    await client.call('MSET', 'a', '1', 'b', '2');
    await client.expire('a', 10);
    await client.call('MSET', 'a', '3');
    expect(await client.ttl('a')).toBe(-1);
    await expect(client.call('SET', 'k', 'v', 'EX', '0')).rejects.toThrow("ERR invalid expire time in 'set' command");
    await expect(client.call('SET', 'k', 'v', 'EX', 'soon')).rejects.toThrow('ERR value is not an integer or out of range');
    await expect(client.call('SET', 'k', 'v', 'NX', 'XX')).rejects.toThrow('ERR syntax error');
    await expect(client.call('EXPIRE', 'k', '5', 'NX', 'GT')).rejects.toThrow('ERR NX and XX, GT or LT options at the same time are not compatible');
    await expect(client.call('SPOP', 'k')).rejects.toThrow('WRONGTYPE');
  });
});
