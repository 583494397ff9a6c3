/**
 * A consumer written for production (its own ioredis client from REDIS_URL) runs as a pod and gives
 * the same results as the built-in rig on the direct client, on the seed story with its faults.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { analyze, type VariantResult } from '../../src/metrics/index.js';
import { qualifyScenario } from '../../src/scenario/index.js';
import { runVariant } from '../../src/world/run-variant.js';

async function seedStory(consumer: unknown): Promise<VariantResult[]> {
  const input = parse(readFileSync('scenarios/seed-story.yaml', 'utf8')) as Record<string, unknown>;
  const scenario = qualifyScenario({ ...input, consumer }, '<seed-story>', resolve('test/fixtures'));
  const out: VariantResult[] = [];
  for (const variant of scenario.variants) out.push(analyze(await runVariant(variant)).result);
  return out;
}

describe('real-client consumer module', () => {
  it('the rig written with ioredis gives the direct rig results on the seed story', async () => {
    const direct = await seedStory('rig');
    const real = await seedStory({ module: './rig-ioredis.ts' });
    expect(real.map((r) => r.metrics)).toEqual(direct.map((r) => r.metrics));
    expect(real.map((r) => r.durationHours)).toEqual(direct.map((r) => r.durationHours));
    // Virtual timers, reconnects and replies through the in-memory socket are deterministic too.
    expect(await seedStory({ module: './rig-ioredis.ts' })).toEqual(real);
  }, 120_000);
});
