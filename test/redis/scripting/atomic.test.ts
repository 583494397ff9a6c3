import { describe, expect, it } from 'vitest';
import { createSimRedis } from '../../../src/redis/index.js';

describe('scripts in the simulated server', () => {
  it('a script runs atomically: a reader blocked on its stream is served once, after it, with all its entries', async () => {
    const server = createSimRedis();
    const admin = server.connect();
    const reader = server.connect();
    await admin.xgroup('CREATE', 'jobs', 'g', '$', 'MKSTREAM');
    const read = reader.xreadgroup('GROUP', 'g', 'c', 'BLOCK', 0, 'STREAMS', 'jobs', '>');
    await server.advanceBy(100);
    const body = "for i = 1, 3 do redis.call('XADD', KEYS[1], '*', 'n', i) end return redis.call('XLEN', KEYS[1])";
    expect(await admin.call('EVAL', body, 1, 'jobs')).toBe(3);
    expect(await read).toEqual([
      ['jobs', [['100-0', ['n', '1']], ['100-1', ['n', '2']], ['100-2', ['n', '3']]]],
    ]);
  });

  it('scripts reach other keys, and EVALSHA finds a script loaded on another connection', async () => {
    const server = createSimRedis();
    const a = server.connect();
    const b = server.connect();
    const sha = (await a.call('SCRIPT', 'LOAD', "return redis.call('INCRBY', KEYS[1], ARGV[1])")) as string;
    expect(await b.call('EVALSHA', sha, 1, 'counter', 5)).toBe(5);
    expect(await a.call('EVALSHA', sha, 1, 'counter', 2)).toBe(7);
    expect(await b.get('counter')).toBe('7');
    await expect(b.call('EVALSHA', 'ffffffffffffffffffffffffffffffffffffffff', 0)).rejects.toThrow(
      'NOSCRIPT No matching script. Please use EVAL.',
    );
  });

  it('TIME inside a script is the virtual clock', async () => {
    const server = createSimRedis({ startTime: 1_700_000_000_123 });
    const client = server.connect();
    expect(await client.call('EVAL', "return redis.call('TIME')", 0)).toEqual(['1700000000', '123000']);
  });
});
