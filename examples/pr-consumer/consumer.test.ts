/**
 * The consumer's CI test: "this change must not bring duplicate PRs back when we scale to 3".
 * pelsim simulates the pods, restarts, reconnects and replacements in virtual time (milliseconds
 * of real time per simulated day) and runs ./consumer.ts unchanged against its simulated Redis.
 */
import { fileURLToPath } from 'node:url';
import { defineScenario, simulate } from 'pelsim';
import 'pelsim/vitest';
import { describe, expect, it } from 'vitest';

const here = fileURLToPath(new URL('.', import.meta.url));
const scenario = fileURLToPath(new URL('scale-to-3.yaml', import.meta.url));

describe('pr-consumer at 3 replicas', () => {
  it('opens no duplicate PRs, strands and loses nothing, and keeps up (5 seeds)', async () => {
    const result = await simulate(scenario, { variant: '3 replicas', seeds: 5 });
    expect(result).toHaveNoDuplicatePRs();
    expect(result).toHaveNoStrandedIssues();
    expect(result).toHaveNoLostIssues();
    expect(result).toSustainIssuesPerHour(2.5);
  });

  it('still opens no duplicate PRs when work takes hours', async () => {
    const result = await simulate(scenario, { variant: '3 replicas, slow work', seeds: 5 });
    expect(result).toHaveNoDuplicatePRs();
    expect(result).toHaveNoLostIssues();
  });

  it('recovers the work of replaced pods through XAUTOCLAIM', async () => {
    const result = await simulate(scenario, { variant: '3 replicas, pods replaced', seeds: 5 });
    // Replaced pods leave their names behind, but none of them keeps an entry.
    expect(result.runs.reduce((n, run) => n + run.metrics.podReplacements, 0)).toBeGreaterThan(0);
    expect(result).toHaveNoStrandedIssues();
    expect(result).toHaveNoLostIssues();
  });

  it('is what the old rig (static consumer id) is not', async () => {
    const before = defineScenario({
      name: 'scale-to-3-before',
      seed: 21,
      duration: '12h',
      conductor: { backlog: 40 },
      deployment: { replicas: 3, consumerId: { strategy: 'static', name: 'dev-e-dotnet-worker' } },
      consumer: 'rig',
      faults: { containerRestart: { perDay: 1 }, reconnect: { perDay: 6 }, reconnectDelay: '2s' },
    });
    const after = { ...before, name: 'scale-to-3-after', deployment: { replicas: 3, consumerId: 'pod-name' as const }, consumer: { module: './consumer.ts' } };
    expect(await simulate(before)).not.toHaveNoDuplicatePRs();
    expect(await simulate(after, { baseDir: here })).toHaveNoDuplicatePRs();
  });
});
