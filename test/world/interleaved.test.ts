/**
 * Two simulations awaited at once in one process (Promise.all, as a vitest spec may do) give each
 * the result it gives alone: the process-wide parts under them — the in-memory addresses real
 * clients connect to (src/redis/transport/endpoint.ts) and the ioredis-mock keyspaces of the
 * key-value store (src/redis/kv-store.ts) — are never shared between servers.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { Simulation } from '../../src/engine/index.js';
import { analyze } from '../../src/metrics/index.js';
import { qualifyScenario } from '../../src/scenario/index.js';
import type { QualifiedVariant } from '../../src/scenario/types.js';
import { runVariant } from '../../src/world/run-variant.js';
import { nth } from '../support/items.js';

/** A seed-story variant with `consumer` as its loop, cut to `duration`. */
function storyVariant(consumer: unknown, index: number, duration: string): QualifiedVariant {
  const input = parse(readFileSync('scenarios/seed-story.yaml', 'utf8')) as Record<string, unknown>;
  const scenario = qualifyScenario({ ...input, consumer, duration }, '<seed-story>', resolve('test/fixtures'));
  return nth(scenario.variants, index);
}

/** What a run says, in a form `toEqual` compares whole: the analysis and every trace event. */
async function outcome(variant: QualifiedVariant): Promise<{ result: unknown; events: string }> {
  const run = await runVariant(variant);
  return { result: analyze(run).result, events: JSON.stringify(run.events) };
}

describe('two simulations interleaved in one process', () => {
  // Real ioredis from REDIS_URL (an in-memory address, its own reconnect timers in virtual time) on
  // two pods sharing a name, and the direct client taking SET NX PX locks, INCR and SPOP (the
  // key-value store) on two pods with their own names: different servers, overlapping key names.
  const real = storyVariant({ module: './rig-ioredis.ts' }, 1, '6h');
  const locking = storyVariant({ module: './lock-kv.ts' }, 2, '6h');

  it('gives each the trace and results it gives alone, whichever starts first', async () => {
    // ioredis's first connection in a process reads its package.json with real I/O, which shifts
    // its ready time (known wrong, README): connect once before the runs compared.
    await outcome(real);
    const alone = [await outcome(real), await outcome(locking)];
    expect(JSON.parse(nth(alone, 1).events).some((e: { kind: string }) => e.kind === 'merge')).toBe(true);
    expect(await Promise.all([outcome(real), outcome(locking)])).toEqual(alone);
    expect((await Promise.all([outcome(locking), outcome(real)])).reverse()).toEqual(alone);
    // Two copies of one simulation at once: one server each, nothing shared.
    expect(await Promise.all([outcome(locking), outcome(locking)])).toEqual([nth(alone, 1), nth(alone, 1)]);
    expect(await Promise.all([outcome(real), outcome(real)])).toEqual([nth(alone, 0), nth(alone, 0)]);
  }, 180_000);

  /** Virtual times and Date.now() readings of a process that sleeps with a plain setTimeout. */
  async function timerReadings(step: number): Promise<number[]> {
    const sim = new Simulation({ seed: step });
    const seen: number[] = [];
    sim.spawn('sleeper', async () => {
      for (let i = 0; i < 3; i++) {
        await new Promise((resolve) => setTimeout(resolve, step));
        seen.push(sim.now, Date.now() - Date.UTC(2026, 0, 1));
      }
    });
    await sim.run();
    return seen;
  }

  // Known wrong, not in the Redis layer: Node's timers and Date are one set of globals, and the
  // virtual clock of the first simulation running owns them (src/engine/node-clock.ts); a second
  // simulation running at the same time sets its timers on the first one's clock. The servers above
  // share nothing; code that sleeps with setTimeout in two simulations at once does not get its own
  // time. When this starts passing, turn it into a plain `it`.
  it.fails('known wrong: plain setTimeout and Date in two simulations at once follow the first one\'s clock', async () => {
    const alone = [await timerReadings(1000), await timerReadings(700)];
    expect(await Promise.all([timerReadings(1000), timerReadings(700)])).toEqual(alone);
  });
});
