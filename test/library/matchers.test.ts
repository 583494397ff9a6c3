import { describe, expect, it } from 'vitest';
import '../../src/vitest/index.js';
import { simulate, type SimulationResult } from '../../src/library/index.js';

let story: SimulationResult | undefined;
async function seedStory(): Promise<SimulationResult> {
  story ??= await simulate('scenarios/seed-story.yaml', { seeds: 2 });
  return story;
}

function failureOf(assertion: () => void): string {
  try {
    assertion();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the assertion to fail');
}

describe('pelsim/vitest matchers', () => {
  it('pass on a result that meets them, also per run and through .resolves', async () => {
    const podName = await simulate('scenarios/seed-story.yaml', { variant: '2 replicas, pod-name id', seeds: 2 });
    expect(podName).toHaveNoDuplicatePRs();
    expect(podName).toHaveNoStrandedIssues();
    expect(podName).toHaveNoLostIssues();
    expect(podName).toSustainIssuesPerHour(1.5);
    expect(podName.runs[0]).toHaveNoDuplicatePRs();
    await expect(simulate('scenarios/seed-story.yaml', { variant: '1 replica, static id' })).resolves.toHaveNoDuplicatePRs();
  });

  it('fail with scenario, variant, seed, the first cause chain and a replay command', async () => {
    const result = await seedStory();
    const message = failureOf(() => expect(result).toHaveNoDuplicatePRs());
    expect(message).toContain('expected no duplicate PRs in scenario "seed-story" (scenarios/seed-story.yaml):');
    expect(message).toContain('✗ duplicatePRs == 0 — failed in 2 of 6 runs');
    expect(message).toContain('variant "2 replicas, static id": seeds 7, 8');
    expect(message).toMatch(/first failure: variant "2 replicas, static id", seed 7: duplicatePRs = \d+\n\s+issue #\d+: delivered to .* read history `0`/);
    expect(message).toContain("pelsim run scenarios/seed-story.yaml --variant '2 replicas, static id' --seed 7");
  });

  it('toSustainIssuesPerHour names the runs below the rate', async () => {
    const result = await seedStory();
    const message = failureOf(() => expect(result).toSustainIssuesPerHour(1.6));
    expect(message).toContain('expected at least 1.6 issues per hour in scenario "seed-story"');
    expect(message).toMatch(/variant "1 replica, static id": seeds 7, 8 \(issuesPerHour = [\d.]+, [\d.]+\)/);
    expect(message).toMatch(/first failure: variant "1 replica, static id", seed 7: issuesPerHour = [\d.]+\n\s+reproduce: /);
    expect(() => expect(result).toSustainIssuesPerHour(Number.NaN)).toThrow('finite number');
  });

  it('work with .not, and explain a missing await', async () => {
    const result = await seedStory();
    expect(result).not.toSustainIssuesPerHour(100);
    const message = failureOf(() => expect(result).not.toHaveNoStrandedIssues());
    expect(message).toContain('expected strandedIssues == 0 to fail in some run of scenario "seed-story"');
    expect(() => expect(simulate('scenarios/seed-story.yaml')).toHaveNoDuplicatePRs()).toThrow('received a Promise');
  });
});
