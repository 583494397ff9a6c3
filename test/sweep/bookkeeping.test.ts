import { appendFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHECKPOINT_FILE } from '../../src/sweep/checkpoint.js';
import { mergeShards } from '../../src/sweep/merge.js';
import { runSweep, type SweepOptions } from '../../src/sweep/run-sweep.js';
import { fakeExecutor } from './support/fake.js';
import { valueAt } from '../support/items.js';

const SCENARIO = 'test/sweep/fixtures/small.yaml';
const root = mkdtempSync(join(tmpdir(), 'pelsim-sweep-book-'));
const base: SweepOptions = { scenario: SCENARIO, seeds: 6, workers: 3 };
const OUTPUTS = ['sweep.json', 'sweep.csv', 'runs.jsonl'];

/** Every output file of a sweep folder, by relative name. */
function outputs(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of OUTPUTS) files[name] = readFileSync(join(dir, name), 'utf8');
  for (const name of readdirSync(join(dir, 'charts')).sort()) files[`charts/${name}`] = readFileSync(join(dir, 'charts', name), 'utf8');
  return files;
}

let reference: Record<string, string>;
beforeAll(async () => {
  const result = await runSweep({ ...base, out: join(root, 'reference'), executor: fakeExecutor() });
  expect(result.ran).toBe(4 * 2 * 6);
  reference = outputs(result.dir);
});

describe('a sweep with a fake pool', () => {
  it('writes sweep.json ordered by cell, variant and seed, with no timestamps, and drops the checkpoint', () => {
    const report = JSON.parse(valueAt(reference, 'sweep.json'));
    expect(report.runs).toBe(48);
    expect(report.shard).toBeUndefined();
    expect(report.results.map((c: { cell: number }) => c.cell)).toEqual([0, 1, 2, 3]);
    expect(report.results[2].values).toEqual({ 'deployment.replicas': 2, 'faults.containerRestart.perDay': 0 });
    expect(report.results[2].variants.map((v: { variant: string }) => v.variant)).toEqual(['static id', 'pod-name id']);
    // seeds 11..16: dup unless seed % 3 === 0 (12, 15) → 4 of 6
    expect(report.results[2].variants[0].pDuplicatePR).toMatchObject({ count: 4, runs: 6 });
    expect(report.results[2].variants[1].pDuplicatePR).toMatchObject({ count: 0, runs: 6 });
    expect(report.results[0].variants[0].metrics['duplicatesByMechanism.history-read-shared-name'].n).toBe(6);
    expect(reference['sweep.json']).not.toMatch(/"(time|date|started|finished)\w*"/i);
    const seeds = valueAt(reference, 'runs.jsonl').trim().split('\n').map((l) => JSON.parse(l)).slice(0, 7).map((r) => [r.cell, r.variant, r.seed]);
    expect(seeds).toEqual([11, 12, 13, 14, 15, 16].map((s) => [0, 'static id', s]).concat([[0, 'pod-name id', 11]]));
    expect(existsSync(join(root, 'reference', CHECKPOINT_FILE))).toBe(false);
  });

  it('is the same with 1 worker as with 3', async () => {
    const one = await runSweep({ ...base, workers: 1, out: join(root, 'one'), executor: fakeExecutor() });
    expect(outputs(one.dir)).toEqual(reference);
  });

  it('resumes an interrupted sweep: nothing lost, nothing run twice', async () => {
    const out = join(root, 'resume');
    const calls = { count: 0 };
    await expect(runSweep({ ...base, out, executor: fakeExecutor({ failAfter: 20, calls }) })).rejects.toThrow(
      /^run failed: grid cell \d \(deployment\.replicas=\d, faults\.containerRestart\.perDay=\d\), variant "[^"]+", seed \d+: Error: interrupted/,
    );
    const lines = readFileSync(join(out, CHECKPOINT_FILE), 'utf8').trim().split('\n');
    const saved = lines.length - 1;
    expect(saved).toBeGreaterThanOrEqual(18);
    expect(saved).toBeLessThanOrEqual(20);
    // The process died mid-write: a torn last line.
    appendFileSync(join(out, CHECKPOINT_FILE), '{"cell":3,"variant":"static id","se');

    await expect(runSweep({ ...base, out, executor: fakeExecutor() })).rejects.toThrow(/unfinished sweep \(\d+ runs done\): pass --resume/);
    const counter = { count: 0 };
    const resumed = await runSweep({ ...base, out, resume: true, executor: fakeExecutor({ calls: counter }) });
    expect(resumed.resumed).toBe(saved);
    expect(resumed.ran).toBe(48 - saved);
    expect(counter.count).toBe(48 - saved);
    expect(outputs(out)).toEqual(reference);
  });

  it('refuses to resume from the checkpoint of another sweep', async () => {
    const out = join(root, 'other');
    await expect(runSweep({ ...base, out, executor: fakeExecutor({ failAfter: 5 }) })).rejects.toThrow('interrupted');
    await expect(runSweep({ ...base, seeds: 7, out, resume: true, executor: fakeExecutor() })).rejects.toThrow(/belongs to another sweep/);
    await expect(runSweep({ ...base, shard: { index: 0, count: 2 }, out, resume: true, executor: fakeExecutor() })).rejects.toThrow(
      /was written by no shard, not shard 0\/2/,
    );
  });

  it('--resume without a checkpoint just runs the sweep', async () => {
    const fresh = await runSweep({ ...base, out: join(root, 'fresh'), resume: true, executor: fakeExecutor() });
    expect(fresh.resumed).toBe(0);
    expect(outputs(fresh.dir)).toEqual(reference);
  });
});

describe('shards and merge', () => {
  it('three shards merge into exactly what the unsharded sweep writes', async () => {
    const dirs: string[] = [];
    let total = 0;
    for (const index of [2, 0, 1]) {
      const shard = await runSweep({ ...base, shard: { index, count: 3 }, out: join(root, `shard-${index}`), executor: fakeExecutor() });
      expect(shard.report.shard).toEqual({ index, count: 3 });
      total += shard.ran;
      dirs.push(shard.dir);
    }
    expect(total).toBe(48);
    const merged = await mergeShards(dirs, join(root, 'merged'));
    expect(merged.shards).toBe(3);
    expect(outputs(merged.dir)).toEqual(reference);
  });

  it('refuses a missing, doubled or foreign shard', async () => {
    const shard = (index: number, count: number, seeds = 6) =>
      runSweep({ ...base, seeds, shard: { index, count }, out: join(root, `s-${seeds}-${index}-${count}`), executor: fakeExecutor() }).then((r) => r.dir);
    const [a, b] = [await shard(0, 2), await shard(1, 2)];
    await expect(mergeShards([a], join(root, 'm1'))).rejects.toThrow(/missing shard 1\/2/);
    await expect(mergeShards([a, a, b], join(root, 'm2'))).rejects.toThrow(/shard 0\/2 is given twice/);
    await expect(mergeShards([a, await shard(1, 2, 5)], join(root, 'm3'))).rejects.toThrow(/shard of another sweep/);
    await expect(mergeShards([a, await shard(1, 3)], join(root, 'm4'))).rejects.toThrow(/is shard 1\/3, but .* is one of 2/);
    await expect(mergeShards([join(root, 'reference'), b], join(root, 'm5'))).rejects.toThrow(/not a shard's output/);
    await expect(mergeShards([join(root, 'nowhere')], join(root, 'm6'))).rejects.toThrow(/no sweep\.json/);
    // A shard that lost a run.
    const runs = join(b, 'runs.jsonl');
    writeFileSync(runs, readFileSync(runs, 'utf8').split('\n').slice(1).join('\n'));
    await expect(mergeShards([a, b], join(root, 'm7'))).rejects.toThrow(/hold 47 of 48 runs/);
  });
});
