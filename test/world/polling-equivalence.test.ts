/**
 * The built-in consumers poll with `xreadgroupPolling`, which sends a timed-out read again inside
 * the engine event that would have resumed the consumer, instead of resuming it. That must change
 * nothing anyone can see: this runs every shipped scenario, an inline scenario covering each
 * strategy under every kind of fault, and a 50-pod fleet, on every version profile,
 * once as shipped and once with one awaited read per poll (the consumer's own loop deciding
 * after each timeout, as before), and requires the same trace, final state and a probe's
 * XINFO CONSUMERS / XPENDING transcript (seen-time, idle and inactive of every consumer, sampled
 * every 25 s besides the monitor's own XINFO every 5 minutes).
 */
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as redis from '../../src/redis/index.js';
import { SimRedisClient, type RedisArg, type ReadGroupReply } from '../../src/redis/index.js';
import { REDIS_VERSIONS, type RedisVersion } from '../../src/redis/model/profile.js';
import { loadScenarioFile, qualifyScenario } from '../../src/scenario/index.js';
import type { QualifiedScenario, QualifiedVariant } from '../../src/scenario/types.js';
import { runVariant } from '../../src/world/run-variant.js';

/** The version every server of the next run models, and the probe transcript it writes to. */
const harness: { version: RedisVersion | undefined; transcript: string[] } = { version: undefined, transcript: [] };

vi.mock('../../src/redis/index.js', async (importOriginal) => {
  const actual = await importOriginal<typeof redis>();
  const PROBE_EVERY_MS = 25_000;
  return {
    ...actual,
    createSimRedis: (options: redis.SimRedisOptions = {}) => {
      const server = actual.createSimRedis({ ...options, version: harness.version });
      const sim = options.simulation;
      if (sim !== undefined) {
        const probe = server.connect();
        sim.spawn('probe', async () => {
          for (;;) {
            await sim.sleep(PROBE_EVERY_MS);
            const replies = await Promise.all([
              probe.call('XINFO', 'CONSUMERS', 'issues', 'dev-e-dotnet').catch((e: Error) => e.message),
              probe.call('XPENDING', 'issues', 'dev-e-dotnet', 'IDLE', 0, '-', '+', 1000).catch((e: Error) => e.message),
            ]);
            harness.transcript.push(`${sim.now} ${JSON.stringify(replies)}`);
          }
        });
      }
      return server;
    },
  };
});

const shipped = SimRedisClient.prototype.xreadgroupPolling;

/**
 * The way before `xreadgroupPolling`: one awaited read per call, every timed-out nil handed back
 * to the consumer's loop, which decides afresh. So a `next` that decides otherwise than the loop
 * around it would fails here too, not only a flaw in the client.
 */
function onePollPerCall(this: SimRedisClient, next: () => readonly RedisArg[] | undefined): Promise<ReadGroupReply> {
  const args = next();
  return args === undefined ? Promise.resolve(null) : this.xreadgroup(...args);
}

afterEach(() => {
  SimRedisClient.prototype.xreadgroupPolling = shipped;
});

/** Everything observable of one run: trace, final state, probe transcript. */
async function observe(variant: QualifiedVariant, version: RedisVersion, polling: 'shipped' | 'loop'): Promise<string> {
  SimRedisClient.prototype.xreadgroupPolling = polling === 'shipped' ? shipped : onePollPerCall;
  harness.version = version;
  harness.transcript = [];
  try {
    const run = await runVariant(variant);
    return [...run.events.map((e) => JSON.stringify(e)), JSON.stringify(run.final), ...harness.transcript].join('\n');
  } finally {
    SimRedisClient.prototype.xreadgroupPolling = shipped;
    harness.version = undefined;
  }
}

/** The first line where two observations differ, for a readable failure. */
function firstDifference(a: string, b: string): string | undefined {
  const left = a.split('\n');
  const right = b.split('\n');
  const at = left.findIndex((line, i) => line !== right[i]);
  if (at < 0 && left.length === right.length) return undefined;
  const line = at < 0 ? Math.min(left.length, right.length) : at;
  return `line ${line + 1}:\n  shipped: ${left[line]?.slice(0, 300)}\n  loop:    ${right[line]?.slice(0, 300)}`;
}

async function expectSame(scenario: QualifiedScenario, seeds: readonly number[], versions: readonly RedisVersion[]): Promise<void> {
  for (const variant of scenario.variants) {
    for (const seed of seeds) {
      for (const version of versions) {
        const seeded = { ...variant, seed };
        const shippedRun = await observe(seeded, version, 'shipped');
        const loopRun = await observe(seeded, version, 'loop');
        const where = `${scenario.name} / ${variant.name} / seed ${seed} / ${version}`;
        expect(shippedRun.length, where).toBeGreaterThan(0);
        expect(firstDifference(shippedRun, loopRun), where).toBeUndefined();
      }
    }
  }
}

const DAY_MS = 24 * 3_600_000;

const inline = (input: Record<string, unknown>): QualifiedScenario =>
  qualifyScenario(input, '<inline>', resolve('test/fixtures'));

describe('xreadgroupPolling against one awaited read per poll', () => {
  const files = readdirSync('scenarios').filter((f) => f.endsWith('.yaml') && !f.startsWith('stress-'));

  it.each(files)('%s: every variant, every version profile', async (file) => {
    const loaded = await loadScenarioFile(`scenarios/${file}`);
    // The first day of each: every variant's faults and polls, at a cost that stays within the
    // timeout on a loaded machine (a test that times out keeps running and would share the patched
    // client with the next one).
    const scenario = { ...loaded, variants: loaded.variants.map((v) => ({ ...v, durationMs: Math.min(v.durationMs, DAY_MS) })) };
    await expectSame(scenario, [scenario.variants[0]?.seed ?? 1], REDIS_VERSIONS);
  }, 300_000);

  it('each strategy, often idle, under restarts, reconnects, replacements and rollouts', async () => {
    const faults = {
      containerRestart: { perDay: 6 }, reconnect: { perDay: 24 }, podReplacement: { perDay: 2 },
      rollingUpdate: { at: ['3h', '6h', '8h'] }, crashLoopBackoff: { initial: '10s', max: '5m' },
    };
    const scenario = inline({
      name: 'polling-strategies', seed: 7, duration: '10h',
      conductor: { backlog: 2, arrivals: { poisson: { perHour: 1 } } },
      deployment: { replicas: 3, consumerId: 'pod-name' }, faults,
      variants: [
        { name: 'rig', consumer: 'rig' },
        { name: 'rig, static id, lock guard', consumer: { strategy: 'rig', idempotent: 'lock' }, deployment: { consumerId: { strategy: 'static', name: 'w' } } },
        { name: 'new-only', consumer: 'new-only' },
        { name: 'ack-first', consumer: 'ack-first' },
        { name: 'autoclaim', consumer: { strategy: 'autoclaim', minIdle: '20m', interval: '1m', count: 5, gcIdleConsumers: '30m' } },
        { name: 'autoclaim, short block', consumer: { strategy: 'autoclaim', minIdle: '20m', interval: '7s', count: 5, block: '3s' } },
      ],
    });
    await expectSame(scenario, [7], REDIS_VERSIONS);
  }, 300_000);

  it('a 50-pod autoclaim fleet near capacity (the stress scenario, 6 hours)', async () => {
    const stress = await loadScenarioFile('scenarios/stress-50-pods-30-days.yaml');
    const variant = stress.variants[0] as QualifiedVariant;
    const short: QualifiedScenario = { ...stress, variants: [{ ...variant, durationMs: 6 * 3_600_000, faults: { ...variant.faults, rollingUpdates: [3 * 3_600_000] } }] };
    await expectSame(short, [50], ['7.0', '7.2']);
  }, 300_000);
});
