import { describe, expect, it } from 'vitest';
import { ExpectationError, ScenarioAssertionError, assertScenario } from '../../src/library/index.js';

describe('assertScenario', () => {
  it('returns the results when every run meets every expectation', async () => {
    const result = await assertScenario('scenarios/seed-story.yaml', {
      variant: '2 replicas, pod-name id',
      seeds: 3,
      expect: ['duplicatePRs == 0', 'issuesPerHour >= 1.5', 'strandedIssues == 0'],
    });
    expect(result.runs).toHaveLength(3);
  });

  it('throws a readable failure: expectation, variant, seeds, first cause chain, replay command', async () => {
    const error = await assertScenario('scenarios/seed-story.yaml', { seeds: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScenarioAssertionError);
    const message = (error as ScenarioAssertionError).message;
    expect(message).toContain('seed-story (scenarios/seed-story.yaml): 1 of 3 expectation(s) failed over 3 variants × 2 seeds');
    expect(message).toContain('✗ duplicatePRs == 0 — failed in 2 of 6 runs');
    expect(message).toContain('variant "2 replicas, static id": seeds 7, 8 (duplicatePRs = ');
    expect(message).toMatch(/first failure: variant "2 replicas, static id", seed 7: duplicatePRs = \d+\n\s+issue #\d+: delivered to /);
    expect(message).toContain("reproduce: pelsim run scenarios/seed-story.yaml --variant '2 replicas, static id' --seed 7");
    expect(message).toContain('✓ strandedIssues == 0 — held in 6 of 6 runs');
    expect((error as ScenarioAssertionError).report.passed).toBe(false);
  });

  it('rejects an invalid expectation before simulating anything', async () => {
    await expect(assertScenario('scenarios/seed-story.yaml', { expect: ['dupes == 0'] })).rejects.toThrow(ExpectationError);
  });
});
