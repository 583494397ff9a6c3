import { describe, expect, it } from 'vitest';
import { createSimRedis } from '../../src/redis/index.js';

describe('XREAD through the simulated server', () => {
  it('BLOCK times out with nil in virtual time; an XADD before then serves it', async () => {
    const server = createSimRedis();
    const admin = server.connect();
    const reader = server.connect();
    await admin.xadd('events', '1-1', 'n', '1');
    const timedOut = reader.call('XREAD', 'BLOCK', 1000, 'STREAMS', 'events', '$');
    await server.advanceBy(1000);
    expect(await timedOut).toBeNull();
    expect(server.blockedClients).toBe(0);

    let servedAt: number | undefined;
    const served = reader.call('XREAD', 'BLOCK', 1000, 'STREAMS', 'events', '$').then((r) => {
      servedAt = server.now();
      return r;
    });
    await server.advanceBy(400);
    expect(server.blockedClients).toBe(1);
    await admin.xadd('events', '2000-0', 'n', '2');
    await server.advanceBy(0);
    expect(await served).toEqual([['events', [['2000-0', ['n', '2']]]]]);
    expect(servedAt).toBe(1400);
    expect(server.blockedClients).toBe(0);
  });

  it('a key holding another type answers WRONGTYPE', async () => {
    const client = createSimRedis().connect();
    await client.set('plain', 'x');
    await expect(client.call('XREAD', 'STREAMS', 'plain', '0')).rejects.toThrow(
      'WRONGTYPE Operation against a key holding the wrong kind of value',
    );
  });
});

describe('RENAME through the simulated server', () => {
  it('serves a reader blocked on the target key when the moved stream has its group and newer entries', async () => {
    const server = createSimRedis();
    const admin = server.connect();
    const reader = server.connect();
    await admin.xgroup('CREATE', 'live', 'g', '$', 'MKSTREAM');
    await admin.xadd('staging', '5-1', 'job', 'a');
    await admin.xgroup('CREATE', 'staging', 'g', '0');
    const read = reader.xreadgroup('GROUP', 'g', 'c', 'BLOCK', 0, 'STREAMS', 'live', '>');
    await server.advanceBy(10);
    expect(await admin.call('RENAME', 'staging', 'live')).toBe('OK');
    expect(await read).toEqual([['live', [['5-1', ['job', 'a']]]]]);
  });
});
