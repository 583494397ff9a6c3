/**
 * Pub/sub through real, unchanged clients inside a simulation: ioredis 5 and 6 `subscribe`/
 * `psubscribe` with `on('message')`, node-redis 4, 5 and 6 `subscribe(channel, listener)` on a
 * duplicate()d client (RESP2, and RESP3 pushes on node-redis 5 and 6). Messages arrive in virtual time, in order, the same
 * on every run; a process that waits for a message waits on its connection, not on something
 * foreign.
 */
import type { Redis as RedisClient } from 'ioredis';
import { createClient as createClient4 } from 'redis4';
import { beforeAll, describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/index.js';
import { createSimRedis } from '../../src/redis/index.js';
import { IOREDIS_VERSIONS, NODE_REDIS_VERSIONS } from '../support/client-versions.js';
import { inSimulation } from '../support/in-simulation.js';

/** Latency makes "in virtual time" visible: a message lands 2 ms after PUBLISH runs. */
const LATENCY = { latencyMs: 2 };

describe.each(IOREDIS_VERSIONS)('pub/sub through $name', ({ Redis, protocol }) => {
  // ioredis reads its own package.json with real file I/O on its first connection in a process
  // (for CLIENT SETINFO LIB-VER): that first connection's timings depend on the disk. Warm it once
  // so every story below starts alike.
  beforeAll(async () => {
    await inSimulation(async (server) => {
      const redis = new Redis(server.url);
      await redis.ping();
      await redis.quit();
    });
  });

  const story = (): Promise<string[]> =>
    inSimulation(
      async (server, sim) => {
        const pub = new Redis(server.url);
        const sub = pub.duplicate();
        const log: string[] = [];
        sub.on('message', (channel: string, message: string) => {
          if (channel !== 'bin') log.push(`message ${channel} ${message} @${sim.now}`);
        });
        sub.on('pmessage', (pattern: string, channel: string, message: string) => log.push(`pmessage ${pattern} ${channel} ${message} @${sim.now}`));
        sub.on('messageBuffer', (_channel: Buffer, message: Buffer) => {
          if (message[0] === 0xff) log.push(`bytes ${message.toString('hex')} @${sim.now}`);
        });
        log.push(`subscribed ${await sub.subscribe('jobs', 'bin')} @${sim.now}`);
        log.push(`psubscribed ${await sub.psubscribe('job*')} @${sim.now}`);
        const refused = await sub.get('k').catch((error: Error) => error.message);
        for (let i = 0; i < 3; i++) {
          await sim.sleep(100);
          log.push(`published ${await pub.publish('jobs', `m${i}`)} @${sim.now}`);
        }
        log.push(`published ${await pub.publish('bin', Buffer.from([0xff, 0x00, 0x80]))} @${sim.now}`);
        await sub.unsubscribe('jobs');
        log.push(`published ${await pub.publish('jobs', 'late')} @${sim.now}`);
        log.push(`numsub ${JSON.stringify(await pub.pubsub('NUMSUB', 'jobs', 'bin'))} numpat ${String(await pub.pubsub('NUMPAT'))}`);
        await sim.sleep(10);
        await Promise.all([pub.quit(), sub.quit()]);
        log.push(`refused: ${refused}`);
        return log;
      },
      7,
      LATENCY,
    );

  it('subscribe, psubscribe, on(message/pmessage/messageBuffer) in virtual time, the same on every run', async () => {
    const log = await story();
    // On RESP3 (ioredis 6) the GET is allowed while subscribed: one more round trip (2 ms) first.
    const at = (ms: number): number => ms + (protocol === 3 ? 2 : 0);
    expect(log).toEqual([
      'subscribed 2 @6',
      'psubscribed 3 @8',
      // Published after the 100 ms sleep: heard 2 ms later, when PUBLISH's reply lands too.
      `message jobs m0 @${at(110)}`,
      `pmessage job* jobs m0 @${at(110)}`,
      `published 2 @${at(110)}`,
      `message jobs m1 @${at(212)}`,
      `pmessage job* jobs m1 @${at(212)}`,
      `published 2 @${at(212)}`,
      `message jobs m2 @${at(314)}`,
      `pmessage job* jobs m2 @${at(314)}`,
      `published 2 @${at(314)}`,
      `bytes ff0080 @${at(316)}`,
      `published 1 @${at(316)}`,
      `pmessage job* jobs late @${at(320)}`,
      `published 1 @${at(320)}`,
      'numsub ["jobs",0,"bin",1] numpat 1',
      // RESP2: ioredis itself refuses other commands on a subscriber connection; RESP3 runs them.
      protocol === 2 ? 'refused: Connection in subscriber mode, only subscriber commands may be used' : 'refused: null',
    ]);
    expect(await story()).toEqual(log);
  });

  it('a process awaiting a message waits on its connection while the publisher runs', async () => {
    const sim = new Simulation({ seed: 3 });
    const server = createSimRedis({ simulation: sim, log: () => undefined });
    const log: string[] = [];
    sim.spawn('listener', async () => {
      const sub = new Redis(server.url);
      await sub.subscribe('wake');
      // Not a simulated operation: a plain promise settled by the client's event handler.
      const message = await new Promise<string>((resolve) => sub.once('message', (_channel: string, m: string) => resolve(m)));
      log.push(`listener got ${message} @${sim.now}`);
      await sub.quit();
    });
    sim.spawn('publisher', async () => {
      const pub = new Redis(server.url);
      await sim.sleep(500);
      log.push(`receivers ${await pub.publish('wake', 'up')} @${sim.now}`);
      await pub.quit();
    });
    try {
      await sim.run();
    } finally {
      server.dispose();
    }
    expect(log).toEqual(['listener got up @500', 'receivers 1 @500']);
  });

  it('a subscriber whose process has ended still hears messages', async () => {
    const sim = new Simulation({ seed: 4 });
    const server = createSimRedis({ simulation: sim, log: () => undefined });
    const heard: string[] = [];
    let sub: RedisClient | undefined;
    sim.spawn('setup', async () => {
      sub = new Redis(server.url);
      sub.on('message', (_channel: string, m: string) => heard.push(`${m} @${sim.now}`));
      await sub.subscribe('c');
    });
    sim.spawn('publisher', async () => {
      const pub = new Redis(server.url);
      await sim.sleep(50);
      await pub.publish('c', 'one');
      await sim.sleep(50);
      await pub.publish('c', 'two');
      await Promise.all([pub.quit(), sub?.quit()]);
    });
    try {
      await sim.run();
    } finally {
      server.dispose();
    }
    expect(heard).toEqual(['one @50', 'two @100']);
  });
});

describe.each(NODE_REDIS_VERSIONS)('pub/sub through $name', ({ createClient }) => {
  it('subscribe(channel, listener) on a duplicate(), pSubscribe, RESP2 and RESP3', async () => {
    const run = (RESP: 2 | 3): Promise<string[]> =>
      inSimulation(
        async (server, sim) => {
          const client = createClient({ url: server.url, RESP });
          await client.connect();
          const sub = client.duplicate();
          await sub.connect();
          const log: string[] = [];
          await sub.subscribe('jobs', (message, channel) => log.push(`${channel} ${message} @${sim.now}`));
          await sub.pSubscribe('j*', (message, channel) => log.push(`pattern ${channel} ${message} @${sim.now}`));
          await sim.sleep(100);
          log.push(`published ${await client.publish('jobs', 'hello')} @${sim.now}`);
          await sub.unsubscribe('jobs');
          log.push(`published ${await client.publish('jobs', 'again')} @${sim.now}`);
          await sim.sleep(5);
          await Promise.all([client.quit(), sub.quit()]);
          return log;
        },
        1,
        LATENCY,
      );
    const resp2 = await run(2);
    expect(resp2).toEqual(['jobs hello @110', 'pattern jobs hello @110', 'published 2 @110', 'pattern jobs again @114', 'published 1 @114']);
    expect(await run(3)).toEqual(resp2);
    expect(await run(2)).toEqual(resp2);
  });

});

describe('pub/sub through node-redis 4', () => {
  it('subscribe(channel, listener) on a duplicate(), pSubscribe', async () => {
    const log = await inSimulation(
      async (server, sim) => {
        const client = createClient4({ url: server.url });
        await client.connect();
        const sub = client.duplicate();
        await sub.connect();
        const out: string[] = [];
        await sub.subscribe('jobs', (message, channel) => out.push(`${channel} ${message} @${sim.now}`));
        await sub.pSubscribe('j*', (message, channel) => out.push(`pattern ${channel} ${message} @${sim.now}`));
        await sim.sleep(100);
        out.push(`published ${await client.publish('jobs', 'hello')} @${sim.now}`);
        await sub.unsubscribe('jobs');
        await sub.pUnsubscribe();
        out.push(`published ${await client.publish('jobs', 'again')} @${sim.now}`);
        await Promise.all([client.quit(), sub.quit()]);
        return out;
      },
      1,
      LATENCY,
    );
    expect(log).toEqual(['jobs hello @110', 'pattern jobs hello @110', 'published 2 @110', 'published 0 @116']);
  });
});

describe('what pub/sub does not model', () => {
  const Redis = IOREDIS_VERSIONS[0]?.Redis as typeof RedisClient;
  it('sharded pub/sub (SSUBSCRIBE, SPUBLISH, SUNSUBSCRIBE): ERR unknown command and one log line each, never a hang', async () => {
    const lines: string[] = [];
    const out = await inSimulation(
      async (server) => {
        const redis = new Redis(server.url);
        const errors: string[] = [];
        for (const [name, ...args] of [['SSUBSCRIBE', 'c'], ['SPUBLISH', 'c', 'm'], ['SUNSUBSCRIBE']]) {
          errors.push(await redis.call(name as string, ...args).then(String, (error: Error) => error.message));
        }
        // ioredis's own ssubscribe() hears the error too, and the connection keeps answering.
        errors.push(await redis.ssubscribe('c').then(String, (error: Error) => error.message));
        errors.push(await redis.ping());
        await redis.quit();
        return errors;
      },
      1,
      { log: (line) => lines.push(line) },
    );
    expect(out).toEqual([
      "ERR unknown command 'SSUBSCRIBE', with args beginning with: 'c' ",
      "ERR unknown command 'SPUBLISH', with args beginning with: 'c' 'm' ",
      "ERR unknown command 'SUNSUBSCRIBE', with args beginning with: ",
      "ERR unknown command 'ssubscribe', with args beginning with: 'c' ",
      'PONG',
    ]);
    expect(lines.filter((line) => line.includes('not modelled by pelsim'))).toHaveLength(4);
  });

  it('SUBSCRIBE on the direct client is refused, naming pelsim and the way to subscribe', async () => {
    const sim = new Simulation({ seed: 1 });
    const lines: string[] = [];
    const server = createSimRedis({ simulation: sim, log: (line) => lines.push(line) });
    let message = '';
    sim.spawn('direct', async () => {
      const client = server.connect();
      message = await client.call('SUBSCRIBE', 'c').then(String, (error: Error) => error.message);
      expect(await client.call('PUBLISH', 'c', 'm')).toBe(0);
    });
    await sim.run();
    server.dispose();
    expect(message).toBe("unsupported in pelsim: SUBSCRIBE on pelsim's direct client; connect ioredis or node-redis to server.url to subscribe");
    expect(lines).toEqual(['pelsim: SUBSCRIBE on the direct client refused: subscribe through a real client (ioredis, node-redis) connected to server.url']);
  });
});
