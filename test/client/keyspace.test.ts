import { describe, expect, it } from 'vitest';
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
