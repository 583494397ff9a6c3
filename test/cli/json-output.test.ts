/**
 * Issue 11, finding 7: `--json` on run, check and compare prints one JSON document on stdout and
 * nothing else there, keys in the documented order; compare prints its diff table on stdout.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

const VARIANT = '2 replicas, static id';
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pelsim-json-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The whole of stdout parsed as one JSON value (throws on anything else there). */
function document(stdout: string): Record<string, unknown> {
  expect(stdout.endsWith('}\n')).toBe(true);
  return JSON.parse(stdout) as Record<string, unknown>;
}

describe('--json', () => {
  it('run: one document with the verdict per variant, keys in the documented order', async () => {
    const out = join(dir, 'run');
    const run = await runCli(['run', 'scenarios/seed-story.yaml', '--variant', VARIANT, '--no-charts', '--json', '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const doc = document(run.stdout);
    expect(Object.keys(doc)).toEqual(['command', 'scenario', 'source', 'seed', 'out', 'files', 'variants', 'sweepCommand', 'notes']);
    expect(doc).toMatchObject({ command: 'run', scenario: 'seed-story', source: 'scenarios/seed-story.yaml', seed: 7, out, files: ['events.jsonl', 'results.json'] });
    expect(doc.sweepCommand).toBe(`npx pelsim sweep scenarios/seed-story.yaml --seeds 20 --variant '${VARIANT}'`);
    const [variant] = doc.variants as Record<string, unknown>[];
    expect(Object.keys(variant ?? {})).toEqual(['name', 'seed', 'redisVersion', 'safe', 'findings', 'suggestion', 'metrics', 'duplicates']);
    expect(variant).toMatchObject({
      name: VARIANT,
      safe: false,
      findings: [{ kind: 'history-read-shared-name', count: 8, text: '8 duplicate PRs via history reads under a shared consumer name' }],
      suggestion: 'give each replica its own consumer name, e.g. the pod name',
      metrics: { duplicatePRs: 8 },
    });
    expect((variant?.duplicates as unknown[]).length).toBe(8);
  }, 60_000);

  it('check: one document whether it passes or fails; a failure still exits 1, with one line on stderr', async () => {
    const base = ['check', 'scenarios/seed-story.yaml', '--variant', VARIANT, '--json'];
    const pass = await runCli([...base, '--expect', 'lostIssues == 0']);
    expect(pass.code).toBe(0);
    expect(pass.stderr).toBe('');
    expect(document(pass.stdout)).toMatchObject({ command: 'check', passed: true, expectations: [{ text: 'lostIssues == 0', held: true, failures: [] }] });

    const fail = await runCli([...base, '--expect', 'duplicatePRs == 0', '--expect', 'lostIssues == 0']);
    expect(fail.code).toBe(1);
    expect(fail.stderr).toBe('1 of 2 expectation(s) failed (the JSON on stdout lists each failing run)\n');
    const doc = document(fail.stdout);
    expect(Object.keys(doc)).toEqual(['command', 'scenario', 'source', 'seedCount', 'variants', 'passed', 'expectations']);
    expect(doc).toMatchObject({
      passed: false,
      expectations: [
        { text: 'duplicatePRs == 0', metric: 'duplicatePRs', op: '==', value: 0, runs: 1, held: false, failures: [{ variant: VARIANT, seed: 7, actual: 8 }] },
        { text: 'lostIssues == 0', held: true },
      ],
    });
    const [failure] = (doc.expectations as { failures: { chain: string; reproduce: string }[] }[])[0]?.failures ?? [];
    expect(failure?.chain).toMatch(/^issue #\d+: delivered to /);
    expect(failure?.reproduce).toBe(`pelsim run scenarios/seed-story.yaml --variant '${VARIANT}' --seed 7`);
  }, 60_000);

  it('compare: the diff table on stdout; with --json one document holding it', async () => {
    const inputs: string[] = [];
    for (const seed of [1, 2]) {
      const out = join(dir, `seed-${seed}`);
      expect((await runCli(['run', '--variant', VARIANT, '--seed', String(seed), '--no-charts', '--out', out])).code).toBe(0);
      inputs.push(out);
    }
    const text = await runCli(['compare', ...inputs, '--out', join(dir, 'cmp')]);
    expect(text.stderr).toBe('');
    expect(text.code).toBe(0);
    const lines = text.stdout.split('\n');
    expect(lines[0]).toMatch(/^ {2}metric +seed 1 +seed 2 +mean over 2 seeds \(95 % CI\)$/);
    expect(lines[1]).toBe(VARIANT);
    expect(lines.find((l) => l.startsWith('  duplicate PRs '))).toMatch(/^ {2}duplicate PRs +\d+ +\d+ +[\d.]+ ± [\d.]+ \(n=2\)$/);
    expect(text.stdout).toMatch(/\nwrote .*cmp\/report\.html, summary\.md, comparison\.json/);

    const json = await runCli(['compare', ...inputs, '--out', join(dir, 'cmp'), '--json']);
    expect(json.code).toBe(0);
    const doc = document(json.stdout);
    expect(Object.keys(doc)).toEqual(['command', 'out', 'files', 'inputs', 'groups', 'columns', 'hasChange', 'rows', 'notes']);
    expect(doc.columns).toEqual(['seed 1', 'seed 2', 'mean over 2 seeds (95 % CI)']);
    expect(doc.notes).toEqual([`replaced the earlier comparison in ${join(dir, 'cmp')} (only files pelsim wrote there)`]);
    expect((doc.rows as { metric: string }[]).some((r) => r.metric === 'duplicate PRs')).toBe(true);
  }, 120_000);
});
