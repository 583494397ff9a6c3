/**
 * Issue 13: `pelsim sweep` and `pelsim hunt` follow `pelsim run`'s consumer-failure rule. A run
 * whose consumer crashed on every start, or never completed an issue while work waited, means
 * nothing (no duplicates, nothing stranded: nothing happened), so by default the first such run
 * stops the sweep or the hunt with one line naming the cell, variant, seed, pod and module, exit 1;
 * `--allow-crashes` (`allowCrashes: true`) lets such runs count like any other.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPelsimError } from '../../src/errors.js';
import { hunt } from '../../src/hunt/index.js';
import { CHECKPOINT_FILE } from '../../src/sweep/index.js';
import { runCli } from '../support/cli.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pelsim-crashes-sweep-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A 3-hour scenario running `test/fixtures/broken/<module>.mjs` (or a built-in strategy) on 10 issues. */
async function scenarioWith(module: string, extra = ''): Promise<string> {
  const file = join(dir, `${module}.yaml`);
  const consumer = module === 'rig' ? 'rig' : `{ module: ${JSON.stringify(resolve(`test/fixtures/broken/${module}.mjs`))} }`;
  await writeFile(file, `name: ${module}\nseed: 5\nduration: 3h\nconductor: { backlog: 10 }\nconsumer: ${consumer}\n${extra}`);
  return file;
}

const POD = 'dev-e-dotnet-[a-z0-9]+-[a-z0-9]+';

/** The lines of `text` that are not progress or the sweep's opening line. */
function errorLines(text: string): string[] {
  return text.split('\n').filter((line) => line.startsWith('pelsim ') || line.startsWith('Error') || /^\s+at /.test(line));
}

describe('pelsim sweep and a consumer that does not work', () => {
  it('stops at the first such run: exit 1, one line naming cell, variant, seed, pod and module; the runs done stay in the checkpoint', async () => {
    const out = join(dir, 'sweep-throws');
    const run = await runCli(['sweep', await scenarioWith('throws'), '--seeds', '4', '--workers', '2', '--out', out]);
    expect(run.code).toBe(1);
    const lines = errorLines(run.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(
      '^pelsim sweep: the consumer did not work in grid cell 0, variant "default", seed [5-8]: the consumer crashed on every start ' +
        `\\(\\d+ crashes, 0/10 issues done\\); first: TypeError: ctx\\.redis\\.xreadgroupp is not a function \\(pod ${POD}, at 00:00:00, test/fixtures/broken/throws\\.mjs\\); ` +
        `the sweep stopped, the runs done kept in ${CHECKPOINT_FILE} \\(pass --allow-crashes, with --resume to keep them, if that is what the scenario tests\\)$`,
    ));
    expect(run.stdout).toBe('');
    expect(existsSync(join(out, 'sweep.json'))).toBe(false);
    expect(existsSync(join(out, CHECKPOINT_FILE))).toBe(true);

    // --resume --allow-crashes finishes it, and the crashes are in the numbers.
    const resumed = await runCli(['sweep', await scenarioWith('throws'), '--seeds', '4', '--workers', '2', '--out', out, '--resume', '--allow-crashes']);
    expect(resumed.stderr).not.toMatch(/^pelsim sweep:/m);
    expect(resumed.code).toBe(0);
    const report = JSON.parse(await readFile(join(out, 'sweep.json'), 'utf8'));
    const metrics = report.results[0].variants[0].metrics;
    expect(metrics.issuesCompleted.mean).toBe(0);
    expect(metrics.consumerCrashes.mean).toBeGreaterThan(1);
  }, 120_000);

  it('names the grid cell and the module of a consumer that never completes an issue', async () => {
    const file = await scenarioWith('idle', 'sweep: { grid: { deployment.replicas: [1, 2] } }\n');
    const run = await runCli(['sweep', file, '--seeds', '2', '--workers', '1', '--out', join(dir, 'sweep-idle')]);
    expect(run.code).toBe(1);
    expect(errorLines(run.stderr)).toEqual([
      'pelsim sweep: the consumer did not work in grid cell 0 (deployment.replicas=1), variant "default", seed 5: the consumer never completed an issue ' +
        'while work was available (0/10 issues done, none being worked at the end); consumer: test/fixtures/broken/idle.mjs; ' +
        `the sweep stopped, the runs done kept in ${CHECKPOINT_FILE} (pass --allow-crashes, with --resume to keep them, if that is what the scenario tests)`,
    ]);
  }, 120_000);

  it('--allow-crashes sweeps to the end and exits 0; a consumer that works never trips the rule', async () => {
    const allowed = await runCli(['sweep', await scenarioWith('throws'), '--seeds', '2', '--workers', '1', '--out', join(dir, 'sweep-allowed'), '--allow-crashes']);
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toMatch(/^throws: 2 runs in /);
    const working = await runCli(['sweep', await scenarioWith('rig'), '--seeds', '2', '--workers', '1', '--out', join(dir, 'sweep-rig')]);
    expect(working.stderr).not.toMatch(/^pelsim sweep:/m);
    expect(working.code).toBe(0);
  }, 120_000);
});

describe('pelsim hunt and a consumer that does not work', () => {
  it('stops at the first such run: exit 1, one line naming variant, seed, schedule, pod and module; nothing written', async () => {
    const out = join(dir, 'hunt-throws.yaml');
    const run = await runCli(['hunt', await scenarioWith('throws'), '--invariant', 'no-duplicate-prs', '--budget', '5', '--out', out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(
      '^pelsim hunt: the consumer did not work in variant "default", seed 5, without faults: the consumer crashed on every start ' +
        `\\(\\d+ crashes, 0/10 issues done\\); first: TypeError: ctx\\.redis\\.xreadgroupp is not a function \\(pod ${POD}, at 00:00:00, test/fixtures/broken/throws\\.mjs\\); ` +
        'the hunt stopped \\(pass --allow-crashes \\(allowCrashes: true in code\\) if that is what the scenario tests\\)\\n$',
    ));
    expect(run.stdout).not.toMatch(/no violation/);
    expect(existsSync(out)).toBe(false);
  }, 120_000);

  it('--allow-crashes hunts anyway (the invariant holds trivially); the library takes allowCrashes and fails with a violation', async () => {
    const file = await scenarioWith('throws');
    const allowed = await runCli(['hunt', file, '--invariant', 'no-duplicate-prs', '--budget', '3', '--allow-crashes']);
    expect(allowed.stderr).toBe('');
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toMatch(/no violation of no-duplicate-prs \(duplicatePRs == 0\) in 3 schedules over "default"/);
    const failure = await hunt(file, { invariant: 'no-lost-issues', budget: 3 }).catch((error: unknown) => error);
    expect(isPelsimError(failure, 'violation')).toBe(true);
    expect((failure as Error).message).toMatch(/^pelsim hunt: the consumer did not work in variant "default", seed 5, without faults: /);
    await expect(hunt(file, { invariant: 'no-lost-issues', budget: 3, allowCrashes: true })).resolves.toMatchObject({ found: false, runs: 3 });
  }, 120_000);
});
