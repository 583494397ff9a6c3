/**
 * Real client libraries, unchanged, against a pelsim server through its URL inside a simulation:
 * ioredis 5 and 6, node-redis 4, 5 and 6 (see test/support/client-versions.ts). Byte-exact
 * payloads, per-connection ordering, duplicate(), RESP3, unknown commands, determinism.
 */
import { decode, encode } from '@msgpack/msgpack';
import { RESP_TYPES } from 'redis';
import { createClient as createClient4 } from 'redis4';
import { describe, expect, it } from 'vitest';
import { IOREDIS_VERSIONS, NODE_REDIS_VERSIONS } from '../support/client-versions.js';
import { inSimulation } from '../support/in-simulation.js';

const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
const PAYLOAD = { n: 1, name: 'issue-201', score: -1, ratio: 0.25, tags: ['a', 'é'] };
const MSGPACK = Buffer.from(encode(PAYLOAD));

type StreamEntries = [Buffer, Buffer[]][];

describe.each(IOREDIS_VERSIONS)('$name over the in-memory connection', ({ Redis }) => {
  it('round-trips all 256 byte values and a msgpack payload through xaddBuffer/xreadgroupBuffer', async () => {
    const read = await inSimulation(async (server) => {
      const redis = new Redis(server.url);
      await redis.xgroup('CREATE', 'q', 'g', '$', 'MKSTREAM');
      await redis.xaddBuffer('q', '*', 'bytes', ALL_BYTES, 'msgpack', MSGPACK, Buffer.from([0xff, 0x00]), 'key-bytes');
      // ioredis defines xreadgroupBuffer at run time; its typings leave it out.
      const buffered = redis as unknown as { xreadgroupBuffer(...args: (string | number)[]): Promise<unknown> };
      const reply = (await buffered.xreadgroupBuffer('GROUP', 'g', 'c', 'COUNT', 1, 'STREAMS', 'q', '>')) as [Buffer, [Buffer, Buffer[]][]][];
      const text = await redis.xrange('q', '-', '+');
      await redis.quit();
      return { fields: reply[0]?.[1][0]?.[1] ?? [], text };
    });
    expect(read.fields[0]?.toString()).toBe('bytes');
    expect(read.fields[1]?.equals(ALL_BYTES)).toBe(true);
    expect(read.fields[3]?.equals(MSGPACK)).toBe(true);
    expect(decode(read.fields[3] as Buffer)).toEqual(PAYLOAD);
    expect(read.fields[4]?.equals(Buffer.from([0xff, 0x00]))).toBe(true);
    // UTF-8 text survives as text too.
    expect(read.text[0]?.[1][0]).toBe('bytes');
  });

  it('answers XREADGROUP BLOCK, then PING, then XADD sent on one connection in order, after the block', async () => {
    const log = await inSimulation(async (server, sim) => {
      const redis = new Redis(server.url);
      await redis.xgroup('CREATE', 's', 'g', '$', 'MKSTREAM');
      const out: string[] = [];
      const read = redis.xreadgroup('GROUP', 'g', 'c', 'BLOCK', 1000, 'STREAMS', 's', '>').then((r) => out.push(`read ${JSON.stringify(r)} @${sim.now}`));
      const ping = redis.ping().then((r) => out.push(`${r} @${sim.now}`));
      const add = redis.xadd('s', '5-1', 'f', 'v').then((r) => out.push(`xadd ${r} @${sim.now}`));
      await Promise.all([read, ping, add]);
      await redis.quit();
      return out;
    });
    expect(log).toEqual(['read null @1000', 'PONG @1000', 'xadd 5-1 @1000']);
  });

  it('serves duplicate()d connections, MULTI/EXEC and pipelines; an unknown command is an error reply', async () => {
    const out = await inSimulation(async (server, sim) => {
      const redis = new Redis(server.url);
      const reader = redis.duplicate();
      await redis.xgroup('CREATE', 's', 'g', '$', 'MKSTREAM');
      const blocked = reader.xreadgroup('GROUP', 'g', 'c', 'BLOCK', 0, 'STREAMS', 's', '>');
      await sim.sleep(10);
      const exec = await redis.multi().xadd('s', '1-1', 'a', '1').xadd('s', '2-1', 'b', '2').exec();
      const woke = await blocked;
      const pipeline = await redis.pipeline().xlen('s').xpending('s', 'g').exec();
      const unknown = await redis.call('NOSUCH', 'x').catch((e: Error) => e.message);
      await Promise.all([redis.quit(), reader.quit()]);
      return { exec, woke, pipeline, unknown, now: sim.now };
    });
    expect(out.exec).toEqual([[null, '1-1'], [null, '2-1']]);
    expect(out.woke).toEqual([['s', [['1-1', ['a', '1']], ['2-1', ['b', '2']]]]]);
    expect(out.pipeline).toEqual([[null, 2], [null, [2, '1-1', '2-1', [['c', '2']]]]]);
    expect(out.unknown).toBe("ERR unknown command 'NOSUCH', with args beginning with: 'x' ");
    expect(out.now).toBe(10);
  });

  it('gives identical results when the same simulation runs twice (virtual timers, Math.random, replies)', async () => {
    const story = (): Promise<string[]> =>
      inSimulation(async (server, sim) => {
        const log: string[] = [];
        const producer = new Redis(server.url);
        const consumer = new Redis(server.url, { retryStrategy: (n) => Math.min(n * 50, 2000) });
        await producer.xgroup('CREATE', 'jobs', 'g', '$', 'MKSTREAM');
        const polling = (async () => {
          for (let i = 0; i < 5; i++) {
            const r = await consumer.xreadgroup('GROUP', 'g', 'c', 'COUNT', 1, 'BLOCK', 300, 'STREAMS', 'jobs', '>');
            log.push(`poll ${i} @${sim.now} ${JSON.stringify(r)} ${Date.now()}`);
            await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 200)));
          }
        })();
        for (let i = 0; i < 3; i++) {
          await new Promise((resolve) => setTimeout(resolve, 250));
          log.push(`add ${await producer.xadd('jobs', '*', 'i', String(i))} @${sim.now}`);
        }
        await polling;
        await Promise.all([producer.quit(), consumer.quit()]);
        return log;
      }, 42);
    const first = await story();
    expect(first.length).toBe(8);
    expect(await story()).toEqual(first);
  });
});

describe.each(NODE_REDIS_VERSIONS)('$name over the in-memory connection', ({ name, createClient }) => {
  it('connects from the URL, round-trips bytes, speaks RESP3, duplicate() works', async () => {
    const out = await inSimulation(async (server) => {
      const client = createClient({ url: server.url });
      await client.connect();
      await client.xGroupCreate('q', 'g', '$', { MKSTREAM: true });
      await client.xAdd('q', '1-1', { bytes: ALL_BYTES, msgpack: MSGPACK });
      const raw = (await client.sendCommand(['XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 'q', '>'], {
        typeMapping: { [RESP_TYPES.BLOB_STRING]: Buffer },
      })) as unknown as [Buffer, StreamEntries][] | Record<string, StreamEntries>;
      // node-redis 5 speaks RESP2 unless told, 6 RESP3, where XREADGROUP answers a map by key.
      const entries = Array.isArray(raw) ? raw[0]?.[1] : raw.q;
      const protocol = Array.isArray(raw) ? 2 : 3;
      const resp3 = createClient({ url: server.url, RESP: 3 });
      await resp3.connect();
      const hello = (await resp3.sendCommand(['HELLO'])) as unknown;
      const dup = client.duplicate();
      await dup.connect();
      const len = await dup.xLen('q');
      await Promise.all([client.quit(), resp3.quit(), dup.quit()]);
      return { fields: entries?.[0]?.[1] ?? [], hello, len, protocol };
    });
    expect(out.fields[1]?.equals(ALL_BYTES)).toBe(true);
    expect(out.fields[3]?.equals(MSGPACK)).toBe(true);
    expect(out.hello).toMatchObject({ proto: 3, server: 'redis' });
    expect(out.len).toBe(1);
    expect(out.protocol).toBe(name === 'node-redis 5' ? 2 : 3);
  });
});

describe('node-redis 4 over the in-memory connection', () => {
  it('node-redis 4: connects from the URL and round-trips bytes', async () => {
    const out = await inSimulation(async (server) => {
      const client = createClient4({ url: server.url });
      await client.connect();
      await client.xGroupCreate('q', 'g', '$', { MKSTREAM: true });
      await client.sendCommand(['XADD', 'q', '1-1', 'bytes', ALL_BYTES, 'msgpack', MSGPACK]);
      const raw = (await client.sendCommand(['XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 'q', '>'], { returnBuffers: true })) as unknown as [Buffer, [Buffer, Buffer[]][]][];
      const blocked = await client.xReadGroup('g', 'c', { key: 'q', id: '>' }, { BLOCK: 200 });
      await client.quit();
      return { fields: raw[0]?.[1][0]?.[1] ?? [], blocked };
    });
    expect(out.fields[1]?.equals(ALL_BYTES)).toBe(true);
    expect(out.fields[3]?.equals(MSGPACK)).toBe(true);
    expect(out.blocked).toBeNull();
  });
});
