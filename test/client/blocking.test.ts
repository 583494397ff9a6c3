import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/index.js';
import { createSimRedis, type ReadGroupReply } from '../../src/redis/index.js';
import { first } from '../support/items.js';

const READ = (consumer: string, block: number) =>
  ['GROUP', 'g', consumer, 'COUNT', 1, 'BLOCK', block, 'STREAMS', 'issues', '>'] as const;

async function setup() {
  const server = createSimRedis();
  const admin = server.connect();
  await admin.xgroup('CREATE', 'issues', 'g', '$', 'MKSTREAM');
  return { server, admin };
}

describe('blocking XREADGROUP in virtual time', () => {
  it('BLOCK 5000 resolves to null at exactly 5000 virtual ms', async () => {
    const { server } = await setup();
    const reader = server.connect();
    let settledAt: number | undefined;
    const reply = reader.xreadgroup(...READ('a', 5000)).then((r) => {
      settledAt = server.now();
      return r;
    });
    await server.advanceBy(4999);
    expect(settledAt).toBeUndefined();
    await server.advanceBy(1);
    expect(await reply).toBeNull();
    expect(settledAt).toBe(5000);
  });

  it('an XADD at 1200 wakes only the first blocked reader', async () => {
    const { server, admin } = await setup();
    const first = server.connect();
    const second = server.connect();
    const log: string[] = [];
    const a = first.xreadgroup(...READ('a', 5000)).then((r) => (log.push(`a@${server.now()}`), r));
    const b = second.xreadgroup(...READ('b', 5000)).then((r) => (log.push(`b@${server.now()}`), r));
    await server.advanceBy(1200);
    const id = await admin.xadd('issues', '*', 'issue', '201');
    expect(id).toBe('1200-0');
    const replyA: ReadGroupReply = await a;
    expect(replyA).toEqual([['issues', [['1200-0', ['issue', '201']]]]]);
    expect(log).toEqual(['a@1200']);
    await server.advanceBy(3800);
    expect(await b).toBeNull();
    expect(log).toEqual(['a@1200', 'b@5000']);
  });

  it('BLOCK 0 waits until data arrives, however long', async () => {
    const { server, admin } = await setup();
    const reader = server.connect();
    const reply = reader.xreadgroup(...READ('a', 0));
    await server.advanceBy(86_400_000);
    expect(server.blockedClients).toBe(1);
    await admin.xadd('issues', '5-1', 'k', 'v');
    expect(await reply).toEqual([['issues', [['5-1', ['k', 'v']]]]]);
  });

  it('a closed connection fails its blocked read the way ioredis does', async () => {
    const { server } = await setup();
    const reader = server.connect();
    const reply = reader.xreadgroup(...READ('a', 0));
    reader.disconnect();
    await expect(reply).rejects.toThrow('Connection is closed.');
    await expect(reader.xlen('issues')).rejects.toThrow('Connection is closed.');
    await reader.connect();
    expect(await reader.xlen('issues')).toBe(0);
  });
});

describe('inside a simulation', () => {
  it('a killed process has its blocked read withdrawn, so the entry goes to the next reader', async () => {
    const sim = new Simulation({ seed: 1 });
    const server = createSimRedis({ simulation: sim });
    const got: string[] = [];
    const consumer = (name: string) => async () => {
      const client = server.connect();
      for (;;) {
        const reply = await client.xreadgroup(...READ(name, 5000));
        if (reply) got.push(`${name}:${first(first(reply)[1])[0]}@${sim.now}`);
      }
    };
    sim.spawn('setup', async () => {
      await server.connect().xgroup('CREATE', 'issues', 'g', '$', 'MKSTREAM');
    });
    const doomed = sim.spawn('pod-a', consumer('a'), 1);
    sim.spawn('pod-b', consumer('b'), 2);
    sim.schedule(100, () => doomed.kill());
    sim.spawn('conductor', async () => {
      const client = server.connect();
      await sim.sleep(200);
      await client.xadd('issues', '*', 'issue', '1');
    });
    await sim.run({ until: 10_000 });
    expect(got).toEqual(['b:200-0@200']);
  });

  it('replies carry the configured latency in virtual time', async () => {
    const sim = new Simulation();
    const server = createSimRedis({ simulation: sim, latencyMs: 3 });
    const times: number[] = [];
    sim.spawn('p', async () => {
      const client = server.connect();
      await client.xgroup('CREATE', 's', 'g', '$', 'MKSTREAM');
      times.push(sim.now);
      await client.xadd('s', '*', 'f', 'v');
      times.push(sim.now);
    });
    await sim.run();
    expect(times).toEqual([3, 6]);
  });
});
