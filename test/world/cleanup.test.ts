/**
 * The consumer-cleanup job: what it deletes depends on how the server counts idle (7.0: since the
 * last served read; 7.2+: since the last attempt), and the pending entries it destroys are named in
 * the trace, counted in the metrics and told in the lost issues' cause chains.
 */
import { describe, expect, it } from 'vitest';
import { analyze, type RunAnalysis } from '../../src/metrics/index.js';
import { qualifyScenario } from '../../src/scenario/index.js';
import { runVariant, type VariantRun } from '../../src/world/run-variant.js';
import type { ConsumerDeleteEvent } from '../../src/world/trace.js';

async function simulate(input: Record<string, unknown>): Promise<{ run: VariantRun; analysis: RunAnalysis }[]> {
  const scenario = qualifyScenario({ name: 'cleanup', seed: 3, ...input });
  const out: { run: VariantRun; analysis: RunAnalysis }[] = [];
  for (const variant of scenario.variants) {
    const run = await runVariant(variant);
    out.push({ run, analysis: analyze(run) });
  }
  return out;
}

const deletions = (run: VariantRun) => run.events.filter((e): e is ConsumerDeleteEvent => e.kind === 'consumer-delete');

describe('the consumer-cleanup job', () => {
  it('deletes a live pod polling an empty stream on 7.0, never on 7.2+, where each empty read refreshes its idle', async () => {
    const runs = await simulate({
      duration: '6h',
      conductor: { backlog: 1 },
      deployment: { consumerId: 'pod-name' },
      work: { minutes: { low: 10, medium: 10, high: 10 }, review: 5 },
      cleanup: { every: '10m', idleOver: '1h' },
      variants: ['7.0', '7.2', '7.4', 'valkey-8.0'].map((version) => ({ name: version, redis: { version } })),
    });
    const [v70, ...newer] = runs;
    // 7.0: served once (about 00:00), then only empty BLOCK reads: idle passes 1h, the job deletes it,
    // and nothing re-creates it (an empty read does not on 7.0).
    expect(deletions(v70!.run)).toEqual([expect.objectContaining({ destroyed: [] })]);
    expect(deletions(v70!.run)[0]!.idleMs).toBeGreaterThan(3_600_000);
    expect(v70!.analysis.result.metrics).toMatchObject({ consumersDeleted: 1, pendingDestroyed: 0, consumersAtEnd: 0, issuesCompleted: 1 });
    for (const { run, analysis } of newer) {
      expect(deletions(run)).toEqual([]);
      expect(analysis.result.metrics).toMatchObject({ consumersDeleted: 0, consumersAtEnd: 1, issuesCompleted: 1 });
    }
  });

  it('names the pending entries a deletion destroys; a crash then loses the issue, and its chain says why', async () => {
    const [only] = await simulate({
      duration: '6h',
      redis: { version: '7.2' },
      conductor: { backlog: 1 },
      work: { minutes: { low: 120, medium: 120, high: 120 } },
      faults: { containerRestart: { at: ['1h'] } },
      cleanup: { every: '10m', idleOver: '30m', withPending: true },
    });
    const { run, analysis } = only!;
    const entry = run.events.find((e) => e.kind === 'dispatch')!;
    const [deletion, ...later] = deletions(run);
    expect(deletion).toMatchObject({ at: 40 * 60_000, consumer: 'dev-e-dotnet-worker', destroyed: [entry.kind === 'dispatch' ? entry.entryId : ''] });
    // Re-created by the restarted container's reads, then deleted again once idle: nothing left to destroy.
    for (const e of later) expect(e.destroyed).toEqual([]);
    expect(analysis.result.metrics).toMatchObject({ pendingDestroyed: 1, lostIssues: 1, issuesCompleted: 0 });
    expect(analysis.result.reconciles).toBe(true);
    expect(analysis.lost).toHaveLength(1);
    expect(analysis.lost[0]!.chain).toContain(
      'was destroyed at 00:40 when the cleanup job deleted dev-e-dotnet-worker (idle 40m) with XGROUP DELCONSUMER; pod dev-e-dotnet-',
    );
    expect(analysis.lost[0]!.chain).toMatch(/crashed at 01:00, losing its work; nobody will work it again$/);
  });

  it('with withPending false, spares a consumer that holds pending entries, however idle', async () => {
    const [only] = await simulate({
      duration: '4h',
      redis: { version: '7.2' },
      conductor: { backlog: 1 },
      work: { minutes: { low: 120, medium: 120, high: 120 } },
      cleanup: { every: '10m', idleOver: '30m' },
    });
    expect(deletions(only!.run).every((e) => e.at > 2 * 3_600_000)).toBe(true);
    expect(only!.analysis.result.metrics).toMatchObject({ pendingDestroyed: 0, lostIssues: 0, issuesCompleted: 1 });
  });
});
