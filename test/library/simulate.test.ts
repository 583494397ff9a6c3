import { describe, expect, it } from 'vitest';
import { defineScenario, simulate } from '../../src/library/index.js';
import { ScenarioError } from '../../src/scenario/index.js';
import { first } from '../support/items.js';

describe('simulate', () => {
  it('returns every variant × seed with metrics and cause chains, never throwing for duplicates', async () => {
    const result = await simulate('scenarios/seed-story.yaml', { seeds: 2 });
    expect(result.scenario).toBe('seed-story');
    expect(result.seedCount).toBe(2);
    expect(result.runs.map((r) => `${r.variant}@${r.seed}`)).toEqual([
      '1 replica, static id@7', '1 replica, static id@8',
      '2 replicas, static id@7', '2 replicas, static id@8',
      '2 replicas, pod-name id@7', '2 replicas, pod-name id@8',
    ]);
    const shared = result.runs.find((r) => r.variant === '2 replicas, static id');
    expect(shared?.metrics.duplicatePRs).toBeGreaterThan(0);
    expect(shared?.duplicates[0]?.chain).toMatch(/^issue #\d+: .*read history `0`/);
    expect(shared?.duplicates[0]?.mechanism).toBe('history-read-shared-name');
  });

  it('selects a variant and a seed; the same seed gives the same run', async () => {
    const a = await simulate('scenarios/seed-story.yaml', { variant: '2 replicas, static id', seed: 42 });
    const b = await simulate('scenarios/seed-story.yaml', { variant: '2 replicas, static id', seed: 42 });
    expect(a.runs).toHaveLength(1);
    expect(first(a.runs).seed).toBe(42);
    expect(first(a.runs).result).toEqual(first(b.runs).result);
  });

  it('explains each stranded and lost issue, as many as the metrics count', async () => {
    for (const [file, variant] of [['scenarios/pod-replacement.yaml', 'rig, no recovery'], ['scenarios/container-restart.yaml', 'ack-first, pod-name id']] as const) {
      const result = await simulate(file, { variant, seeds: 3 });
      for (const run of result.runs) {
        expect(run.stranded).toHaveLength(run.metrics.strandedIssues);
        expect(run.lost).toHaveLength(run.metrics.lostIssues);
      }
      expect(result.runs.some((r) => r.stranded.length + r.lost.length > 0)).toBe(true);
    }
    const stranded = first(first((await simulate('scenarios/pod-replacement.yaml', { variant: 'rig, no recovery' })).runs).stranded);
    expect(stranded.chain).toMatch(/^issue #\d+: delivered to .* was replaced .* still pending under .*, a name no pod uses, at the end/);
    const lost = first(first((await simulate('scenarios/container-restart.yaml', { variant: 'ack-first, pod-name id' })).runs).lost);
    expect(lost.chain).toMatch(/acknowledged by .* without a merge; pod .* crashed at .*, losing its work; nobody will work it again$/);
  });

  it('takes a scenario object written with defineScenario', async () => {
    const scenario = defineScenario({
      name: 'inline',
      seed: 3,
      duration: '4h',
      conductor: { backlog: 6 },
      deployment: { replicas: 2, consumerId: 'pod-name' },
      consumer: { strategy: 'autoclaim', minIdle: '20m' },
      work: { minutes: { low: 60, medium: 60, high: 60 } },
    });
    const result = await simulate(scenario);
    expect(result.source).toBe('<inline>');
    expect(first(result.runs).metrics.duplicatePRs).toBeGreaterThan(0);
    expect(first(first(result.runs).duplicates).mechanism).toBe('claim-of-live-work');
  });

  it('throws a ScenarioError for an invalid scenario or an unknown variant', async () => {
    await expect(simulate({ name: 'bad', deployment: { replicas: -1 } })).rejects.toThrow(ScenarioError);
    await expect(simulate({ name: 'bad', deployment: { replicas: -1 } })).rejects.toThrow('deployment.replicas: expected an integer from 0 to 10000, found -1');
    await expect(simulate('scenarios/seed-story.yaml', { variant: 'nope' })).rejects.toThrow(/expected the name of a variant/);
    await expect(simulate('scenarios/seed-story.yaml', { seeds: 0 })).rejects.toThrow('seeds must be an integer >= 1, found 0');
  });

  it('defineScenario types the file format (unknown keys do not compile)', () => {
    // @ts-expect-error — `replica` is not a deployment key; the editor flags it.
    const typo = defineScenario({ name: 'x', deployment: { replica: 2 } });
    expect(typo.name).toBe('x');
  });
});
