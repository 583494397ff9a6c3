/**
 * Issue 11, finding 7: `pelsim run` says the answer. After the table come a legend for its
 * columns, a verdict per variant with the mechanism and a fix, and a pointer to a sweep; every
 * line fits 100 columns.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../support/cli.js';

let dir: string;
let run: CliRun;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pelsim-verdict-'));
  run = await runCli(['run', '--no-charts', '--out', join(dir, 'run')]);
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('pelsim run on the seed story (issue 11, finding 7)', () => {
  it('gives a verdict per variant: the duplicate mechanism and the fix for the shared static id, safe for the others', () => {
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      [
        'verdict:',
        '  1 replica, static id     safe on this seed: no duplicate PR, nothing stranded, lost or left idle',
        '  2 replicas, static id    UNSAFE: 8 duplicate PRs via history reads under a shared consumer name',
        '                           → give each replica its own consumer name, e.g. the pod name',
        '  2 replicas, pod-name id  safe on this seed: no duplicate PR, nothing stranded, lost or left idle',
      ].join('\n'),
    );
  });

  it('explains every column of the table in a legend', () => {
    const lines = run.stdout.split('\n');
    const header = lines.find((l) => l.startsWith('variant '));
    expect(header).toBeDefined();
    const headers = (header ?? '').split(/ {2,}/).slice(1);
    expect(headers.length).toBeGreaterThan(4);
    for (const h of headers) expect(lines.some((l) => l.startsWith(`  ${h} `)), `legend line for ${h}`).toBe(true);
  });

  it('says it is one seed and prints the exact sweep command', () => {
    expect(run.stdout).toMatch(/one run of seed 7: a single sample, not a rate/);
    expect(run.stdout).toContain('\n  npx pelsim sweep scenarios/seed-story.yaml --seeds 20\n');
  });

  it('fits every line in 100 columns, the cause chains included (not the lines naming output paths)', () => {
    const long = run.stdout.split('\n').filter((l) => l.length > 100 && !/^(wrote|replaced) /.test(l));
    expect(long).toEqual([]);
    expect(run.stdout).toContain('issue #201: delivered to dev-e-dotnet-worker');
  });
});
