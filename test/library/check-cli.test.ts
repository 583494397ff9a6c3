import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

describe('pelsim check', () => {
  it('exits 0 and reports each expectation held', async () => {
    const run = await runCli([
      'check', 'scenarios/seed-story.yaml', '--variant', '2 replicas, pod-name id', '--seeds', '3',
      '--expect', 'duplicatePRs == 0', '--expect', 'issuesPerHour >= 1.5',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('seed-story (scenarios/seed-story.yaml): all 2 expectation(s) held over 1 variant × 3 seeds');
    expect(run.stdout).toContain('✓ duplicatePRs == 0 — held in 3 of 3 runs');
  });

  it('exits 1 with the failing variants and seeds, the first cause chain and a replay command', async () => {
    const run = await runCli(['check', 'scenarios/seed-story.yaml', '--expect', 'duplicatePRs == 0', '--expect', 'issuesPerHour >= 1.5', '--seeds', '2']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const report = run.stderr;
    expect(report).toContain('2 of 2 expectation(s) failed over 3 variants × 2 seeds');
    expect(report).toContain('✗ duplicatePRs == 0 — failed in 2 of 6 runs');
    expect(report).toContain('variant "2 replicas, static id": seeds 7, 8');
    expect(report).toMatch(/first failure: variant "2 replicas, static id", seed 7: duplicatePRs = \d+\n\s+issue #\d+: /);
    expect(report).toMatch(/✗ issuesPerHour >= 1.5 — failed in \d+ of 6 runs\n\s+variant "1 replica, static id": seeds 7, 8 \(issuesPerHour = /);
  });

  it('reads a latency percentile beyond the run as the run table does, >N, and says why', async () => {
    const run = await runCli(['check', 'scenarios/seed-story.yaml', '--variant', '1 replica, static id', '--expect', 'latencyP50Minutes <= 1440']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('variant "1 replica, static id": seed 7 (latencyP50Minutes = >1440)');
    expect(run.stderr).toContain(
      'latencyP50Minutes lies beyond the 1440 minutes observed: 26 of 80 dispatched issues merged by the end (Kaplan–Meier, unmerged issues censored at the end)',
    );
    expect(run.stderr).not.toContain('undefined');
  });

  it('exits 2 for an invalid expression, naming it and what was expected', async () => {
    const typo = await runCli(['check', 'scenarios/seed-story.yaml', '--expect', 'duplicatePR == 0']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('Error: --expect: invalid expectation "duplicatePR == 0": expected a metric, one of ');
    expect(typo.stderr).toContain('found "duplicatePR" (did you mean "duplicatePRs"?)');
    const op = await runCli(['check', 'scenarios/seed-story.yaml', '--expect', 'duplicatePRs => 0']);
    expect(op.code).toBe(2);
    expect(op.stderr).toContain('expected an operator after duplicatePRs');
    const none = await runCli(['check', 'scenarios/seed-story.yaml']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("needs at least one --expect '<metric> <op> <number>'");
    const seeds = await runCli(['check', 'scenarios/seed-story.yaml', '--expect', 'lostIssues == 0', '--seeds', '0']);
    expect(seeds.code).toBe(2);
  });
});
