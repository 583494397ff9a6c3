import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pelsim-hunt-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('pelsim hunt (CLI)', () => {
  it('prints the minimal schedule and the cause chain, writes a replayable file, exits 1', async () => {
    const out = join(dir, 'static.yaml');
    const run = await runCli(['hunt', 'scenarios/seed-story.yaml', '--invariant', 'no-duplicate-prs', '--variant', '2 replicas, static id', '--duration', '6h', '--budget', '100', '--out', out]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('VIOLATED no-duplicate-prs (duplicatePRs == 0) in seed-story / "2 replicas, static id": duplicatePRs = ');
    expect(run.stdout).toMatch(/shrunk \d+ times to:\n {4}\d\d:\d\d {2}(reconnect|container restart|pod replacement)/);
    expect(run.stdout).toMatch(/cause chain:\n {2}issue #\d+: delivered to dev-e-dotnet-worker/);
    expect(run.stdout).toContain('replayed it: same violation, same cause chain');
    expect(run.stderr).toContain('no-duplicate-prs violated in seed-story / 2 replicas, static id; replay: pelsim run ');
    expect(await readFile(out, 'utf8')).toContain('variants:\n  - { name: "2 replicas, static id" }');
  });

  it('exits 0 when nothing breaks the invariant within the budget', async () => {
    const run = await runCli(['hunt', 'scenarios/seed-story.yaml', '--invariant', 'no-lost-issues', '--variant', '2 replicas, pod-name id', '--duration', '4h', '--budget', '30']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/no violation of no-lost-issues \(lostIssues == 0\) in \d+ schedules over "2 replicas, pod-name id"/);
  });

  it('exits 2 for bad input, saying what was expected', async () => {
    const invariant = await runCli(['hunt', 'scenarios/seed-story.yaml', '--invariant', 'no-dupes']);
    expect(invariant.code).toBe(2);
    expect(invariant.stderr).toContain('expected an invariant, one of no-duplicate-prs, no-stranded-issues, no-lost-issues');
    const noExtension = await runCli(['hunt', 'scenarios/seed-story.yaml', '--invariant', 'no-duplicate-prs', '--out', join(dir, 'finding')]);
    expect(noExtension.code).toBe(2);
    expect(noExtension.stderr).toContain('finding: expected a .yaml, .yml or .json file name');
    expect(noExtension.stdout).toBe(''); // refused before hunting
    const missing = await runCli(['hunt', 'scenarios/seed-story.yaml']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('pelsim hunt needs --invariant');
    const kinds = await runCli(['hunt', 'scenarios/seed-story.yaml', '--invariant', 'no-lost-issues', '--faults', 'reconnect,oom']);
    expect(kinds.code).toBe(2);
    expect(kinds.stderr).toContain('--faults expects a comma-separated list of reconnect, containerRestart, podReplacement, found "oom"');
    const duration = await runCli(['hunt', 'scenarios/seed-story.yaml', '--invariant', 'no-lost-issues', '--duration', 'six hours']);
    expect(duration.code).toBe(2);
    expect(duration.stderr).toContain('--duration: expected a duration');
    const variant = await runCli(['hunt', 'scenarios/seed-story.yaml', '--invariant', 'no-lost-issues', '--variant', 'three']);
    expect(variant.code).toBe(2);
    expect(variant.stderr).toContain('expected the name of a variant');
  });
});
