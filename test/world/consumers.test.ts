import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConsumerModule } from '../../src/consumers/index.js';
import { analyze, type VariantResult } from '../../src/metrics/index.js';
import { qualifyScenario } from '../../src/scenario/index.js';
import { runVariant } from '../../src/world/run-variant.js';
import { first } from '../support/items.js';

async function simulate(input: Record<string, unknown>, seed = 1): Promise<VariantResult[]> {
  const scenario = qualifyScenario({ name: 'consumers', seed, ...input }, '<inline>', resolve('test/fixtures'));
  const out: VariantResult[] = [];
  for (const variant of scenario.variants) out.push(analyze(await runVariant(variant)).result);
  return out;
}

const byName = (results: VariantResult[], name: string) => results.find((r) => r.name === name) as VariantResult;

describe('consumer strategies', () => {
  it('runs a user TypeScript module with no build step', async () => {
    const r = first(await simulate({ duration: '6h', conductor: { backlog: 10 }, consumer: { module: './my-consumer.ts' } }));
    expect(r.metrics.issuesCompleted).toBeGreaterThan(3);
  });

  it('rejects a module without a consumer function, naming the file and what it exports', async () => {
    const file = resolve('test/fixtures/not-a-consumer.mjs');
    await expect(loadConsumerModule(file)).rejects.toThrow(
      `${file}: expected a default export (or an export named "consumer") that is an async function (ctx) => Promise<void>, found answer`,
    );
  });

  it('until: backlog-empty ends the run when every issue is merged', async () => {
    const r = first(await simulate({ until: 'backlog-empty', conductor: { backlog: 6 }, deployment: { replicas: 2, consumerId: 'pod-name' } }));
    expect(r.metrics.issuesCompleted).toBe(6);
    expect(r.durationHours).toBeLessThan(10);
  });

  it('ack-first loses crashed work; new-only leaves it pending unworked; rig recovers it', async () => {
    const results = await simulate({
      duration: '24h',
      conductor: { backlog: 60 },
      deployment: { replicas: 2, consumerId: 'pod-name' },
      faults: { containerRestart: { perDay: 4 } },
      variants: [
        { name: 'rig', consumer: 'rig' },
        { name: 'new-only', consumer: 'new-only' },
        { name: 'ack-first', consumer: 'ack-first' },
      ],
    });
    expect(byName(results, 'rig').metrics.lostIssues + byName(results, 'rig').metrics.idlePendingIssues).toBe(0);
    expect(byName(results, 'new-only').metrics.idlePendingIssues).toBeGreaterThan(0);
    expect(byName(results, 'ack-first').metrics.lostIssues).toBeGreaterThan(0);
    for (const r of results) expect(r.metrics.duplicatePRs).toBe(0);
  });

  it('a lock guard stops the shared-name duplicates of two static pods', async () => {
    const results = await simulate({
      duration: '24h',
      conductor: { backlog: 60 },
      deployment: { replicas: 2, consumerId: 'static' },
      faults: { reconnect: { perDay: 6 } },
      variants: [
        { name: 'plain', consumer: 'rig' },
        { name: 'locked', consumer: { strategy: 'rig', idempotent: 'lock' } },
      ],
    });
    expect(byName(results, 'plain').metrics.duplicatePRs).toBeGreaterThan(0);
    expect(byName(results, 'locked').metrics.duplicatePRs).toBe(0);
  });

  it('autoclaim recovers stranded entries; a min-idle shorter than the work claims live work', async () => {
    const results = await simulate({
      duration: '48h',
      conductor: { backlog: 120 },
      deployment: { replicas: 2, consumerId: 'pod-name' },
      faults: { podReplacement: { perDay: 3 } },
      variants: [
        { name: 'rig', consumer: 'rig' },
        { name: 'long', consumer: { strategy: 'autoclaim', minIdle: '6h', interval: '1m' } },
        { name: 'short', consumer: { strategy: 'autoclaim', minIdle: '10m', interval: '1m' } },
      ],
    });
    // Entries stranded within the last min-idle before the end are not yet claimable.
    expect(byName(results, 'rig').metrics.strandedIssues).toBeGreaterThan(byName(results, 'long').metrics.strandedIssues);
    expect(byName(results, 'short').metrics.duplicatesByMechanism['claim-of-live-work']).toBeGreaterThan(0);
    expect(byName(results, 'long').metrics.duplicatesByMechanism['claim-of-live-work']).toBe(0);
  });

  it('StatefulSet ordinals survive replacement: no stranded entries, no consumer leak', async () => {
    const results = await simulate({
      duration: '48h',
      conductor: { backlog: 120 },
      deployment: { replicas: 3, consumerId: 'statefulset' },
      faults: { podReplacement: { perDay: 3 } },
      variants: [{ name: 'sts' }, { name: 'pods', deployment: { consumerId: 'pod-name' } }],
    });
    expect(byName(results, 'sts').metrics.strandedIssues).toBe(0);
    expect(byName(results, 'sts').metrics.consumersAtEnd).toBe(3);
    expect(byName(results, 'pods').metrics.consumersAtEnd).toBeGreaterThan(3);
  });

  it('scales up and down at the given times', async () => {
    const r = first(await simulate({
      duration: '24h',
      conductor: { backlog: 100 },
      deployment: { replicas: 1, consumerId: 'statefulset' },
      faults: { scale: [{ at: '4h', replicas: 4 }, { at: '16h', replicas: 2 }] },
    }));
    const pods = r.series.livePods;
    expect(Math.max(...pods)).toBe(4);
    expect(pods[pods.length - 1]).toBe(2);
  });
});
