/**
 * Same-instant collisions of idle polls with everything else. `xreadgroupPolling` sends a timed-out
 * read again without a turn of its caller (and, when nothing else is due at that instant, without
 * the settle event: `Wait.resolveRenewing`); the re-sent read skips the command table when it
 * blocks again (`SimRedisServer.resend`). Each must leave every order exactly as one awaited read
 * per poll does. Here three consumers poll with BLOCK 1000 from instants that keep their poll
 * boundaries on whole seconds, and drivers act exactly on those boundaries, scheduled from before
 * the previous boundary, at it, and in the boundary's own instant (zero-delay), so that each lands
 * before the timeout, between timeout and re-send, and after the re-send: XADD (who is served
 * depends on the FIFO position), XINFO CONSUMERS (seen-time, idle, inactive), XPENDING,
 * DELCONSUMER of a polling consumer (7.2+ re-creates it at its next poll), XGROUP SETID (entries
 * waiting at a re-send), a consumer told to stop at a boundary, and a dropped connection. The
 * transcript of both ways must be identical on every version profile.
 */
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/index.js';
import { createSimRedis, SimRedisClient, type RedisArg, type ReadGroupReply } from '../../src/redis/index.js';
import { REDIS_VERSIONS, type RedisVersion } from '../../src/redis/model/profile.js';

type Polling = 'shipped' | 'loop';

/** One awaited read per poll: the consumer's loop decides after every timeout (the old way). */
async function pollByLoop(client: SimRedisClient, next: () => readonly RedisArg[] | undefined): Promise<ReadGroupReply> {
  for (let args = next(); args !== undefined; args = next()) {
    const reply = await client.xreadgroup(...args);
    if (reply !== null) return reply;
  }
  return null;
}

async function transcript(version: RedisVersion, polling: Polling, seed: number): Promise<string[]> {
  const sim = new Simulation({ seed, nodeClock: 'real' });
  const server = createSimRedis({ simulation: sim, version });
  const out: string[] = [];
  const log = (who: string, what: unknown): void => {
    out.push(`${sim.now} ${who} ${JSON.stringify(what)} blocked=${server.blockedClients}`);
  };
  const admin = server.connect();
  await admin.xgroup('CREATE', 's', 'g', '$', 'MKSTREAM');
  const rng = sim.rng('collisions');
  const stopAt = new Map<string, number>();
  const clients = new Map<string, SimRedisClient>();

  for (const [name, startAt] of [['c1', 0], ['c2', 0], ['c3', 2000]] as const) {
    const client = server.connect();
    clients.set(name, client);
    sim.spawn(name, async () => {
      const args = ['GROUP', 'g', name, 'COUNT', 1, 'BLOCK', 1000, 'STREAMS', 's', '>'];
      const next = () => (sim.now >= (stopAt.get(name) ?? Infinity) ? undefined : args);
      for (;;) {
        const reply = polling === 'shipped' ? await client.xreadgroupPolling(next) : await pollByLoop(client, next);
        log(name, reply);
        if (reply === null) {
          if (sim.now >= (stopAt.get(name) ?? Infinity)) return;
          continue;
        }
        // Work for a whole number of seconds, so the next polls stay on the boundaries.
        await sim.sleep(1000 * (1 + Math.floor(rng() * 3)));
        for (const [, entries] of reply) for (const [id] of entries) log(`${name} ack`, await client.xack('s', 'g', id));
      }
    }, startAt);
  }

  // Drivers: each acts exactly on a boundary (a whole second), reached three ways.
  const actions: ((who: string) => Promise<void>)[] = [
    async (who) => log(who, await admin.xadd('s', '*', 'n', String(sim.now))),
    async (who) => log(who, await admin.xinfo('CONSUMERS', 's', 'g')),
    async (who) => log(who, await admin.xpending('s', 'g', 'IDLE', 0, '-', '+', 10)),
    async (who) => log(who, await admin.xgroup('DELCONSUMER', 's', 'g', 'c2')),
    async (who) => {
      log(who, await admin.xadd('s', '*', 'n', String(sim.now)));
      log(who, await admin.xadd('s', '*', 'n', String(sim.now)));
    },
    async (who) => log(who, await admin.call('XGROUP', 'SETID', 's', 'g', '0-0')),
  ];
  for (let d = 0; d < 4; d++) {
    const who = `driver${d}`;
    sim.spawn(who, async () => {
      for (let i = 0; i < 40; i++) {
        const way = Math.floor(rng() * 3);
        // Land on a whole second: from before the previous boundary, from a boundary, or at one.
        if (way === 0) await sim.sleep(1000 * (2 + Math.floor(rng() * 3)) - (sim.now % 1000));
        else if (way === 1) await sim.sleep(1000 - (sim.now % 1000));
        else await sim.sleep(0);
        if (sim.now % 1000 !== 0) await sim.sleep(1000 - (sim.now % 1000));
        await (actions[Math.floor(rng() * actions.length)] as (who: string) => Promise<void>)(who);
      }
    }, 1000 + d * 250);
  }
  // c1 stops polling at a boundary; c3's connection drops at one and comes back at another.
  sim.schedule(27_000, () => stopAt.set('c1', sim.now));
  sim.schedule(33_000, () => clients.get('c3')?.drop());
  sim.schedule(36_000, () => clients.get('c3')?.reconnect());
  await sim.run({ until: 90_000 });
  log('final', await admin.xinfo('CONSUMERS', 's', 'g'));
  return out;
}

describe('idle polls colliding with other events at their boundary instants', () => {
  it.each(REDIS_VERSIONS)('%s: same transcript as one awaited read per poll', async (version) => {
    for (const seed of [1, 2, 3]) {
      const shipped = await transcript(version, 'shipped', seed);
      const loop = await transcript(version, 'loop', seed);
      const at = shipped.findIndex((line, i) => line !== loop[i]);
      expect(at < 0 ? undefined : `line ${at + 1}\n  shipped: ${shipped[at]}\n  loop:    ${loop[at]}`, `seed ${seed}`).toBeUndefined();
      expect(shipped.length).toBe(loop.length);
      // The scenario does collide: entries were served and consumers listed at boundary instants.
      expect(shipped.some((line) => / c[123] \[\["s"/.test(line))).toBe(true);
      expect(shipped.some((line) => /^\d+000 driver\d \[\["name"/.test(line))).toBe(true);
    }
  });
});
