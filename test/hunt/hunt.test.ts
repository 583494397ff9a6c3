import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hunt, writeHuntScenario, type HuntFound, type HuntResult } from '../../src/hunt/index.js';
import { replayHuntFile } from '../../src/hunt/replay.js';
import { defineScenario, simulate } from '../../src/library/index.js';
import { first } from '../support/items.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pelsim-hunt-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function found(result: HuntResult): HuntFound {
  if (!result.found) throw new Error(`expected a violation, none in ${result.runs} plans`);
  return result;
}

/** Two pods with pod-name ids and XAUTOCLAIM; a few issues of about an hour, six hours. */
const autoclaim = (minIdle: string) =>
  defineScenario({
    name: `autoclaim-${minIdle}`,
    seed: 3,
    duration: '6h',
    conductor: { backlog: 12 },
    deployment: { replicas: 2, consumerId: 'pod-name' },
    consumer: { strategy: 'autoclaim', minIdle, interval: '1m' },
  });

describe('pelsim hunt', () => {
  it('finds the static-id duplicate of the seed story and shrinks it to at most 2 faults', async () => {
    const result = found(await hunt('scenarios/seed-story.yaml', { invariant: 'no-duplicate-prs', variant: '2 replicas, static id', duration: '6h', budget: 200 }));
    expect(result.plan.faults.length).toBeLessThanOrEqual(2);
    expect(result.plan.faults.length).toBeGreaterThanOrEqual(1);
    expect(result.actual).toBeGreaterThan(0);
    expect(first(result.run.duplicates).mechanism).toBe('history-read-shared-name');
    expect(result.chain).toMatch(/^issue #\d+: delivered to dev-e-dotnet-worker .*\(same consumer name\) (reconnected|started) at .* read history `0`/);
  });

  it('finds the duplicate of an autoclaim min-idle shorter than the work', async () => {
    const result = found(await hunt(autoclaim('20m'), { invariant: 'no-duplicate-prs', budget: 100 }));
    expect(first(result.run.duplicates).mechanism).toBe('claim-of-live-work');
    expect(result.chain).toContain('via XAUTOCLAIM');
    expect(result.chain).toContain('was still working on it');
  });

  it('finds none within the budget when min-idle is far above the longest work', async () => {
    const result = await hunt(autoclaim('10h'), { invariant: 'no-duplicate-prs', budget: 500 });
    expect(result.found).toBe(false);
    expect(result.runs).toBeGreaterThanOrEqual(500);
  });

  it('writes a scenario file that replays the violation exactly', async () => {
    const result = found(await hunt(autoclaim('2h'), { invariant: 'no-stranded-issues', budget: 100 }));
    expect(result.plan.faults.map((f) => f.kind)).toEqual(['podReplacement']);
    const file = await writeHuntScenario(result, join(dir, 'nested', 'stranded.yaml'));
    const text = await readFile(file, 'utf8');
    expect(text).toMatch(/^# Found by pelsim hunt: no-stranded-issues \(strandedIssues == 0\) breaks in autoclaim-2h \/ default\n/);
    expect(text).toMatch(/podReplacement:\n {4}at:\n {6}- \{ at: \d+(h\d+m|h|m), pod: \d \}/);
    const replay = await simulate(file);
    expect(first(replay.runs).result).toEqual(result.run.result);
    expect(first(first(replay.runs).stranded).chain).toBe(result.chain);
    expect((await replayHuntFile(file, result)).matches).toBe(true);
  });

  it('is deterministic for a seed', async () => {
    const a = found(await hunt(autoclaim('2h'), { invariant: 'no-stranded-issues', budget: 50, seed: 11 }));
    const b = found(await hunt(autoclaim('2h'), { invariant: 'no-stranded-issues', budget: 50, seed: 11 }));
    expect(b.plan).toEqual(a.plan);
    expect(b.runs).toBe(a.runs);
  });
});
