import { describe, expect, it } from 'vitest';
import { distributionMean } from '../../src/engine/index.js';
import { analyze, type VariantResult } from '../../src/metrics/index.js';
import { loadScenarioFile } from '../../src/scenario/index.js';
import type { QualifiedVariant } from '../../src/scenario/types.js';
import { runVariant } from '../../src/world/run-variant.js';
import { first } from '../support/items.js';

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

async function runSeeds(variantName: string): Promise<{ variant: QualifiedVariant; results: VariantResult[] }> {
  const scenario = await loadScenarioFile('scenarios/seed-story.yaml');
  const variant = scenario.variants.find((v) => v.name === variantName);
  if (!variant) throw new Error(`no variant ${variantName}`);
  const results: VariantResult[] = [];
  for (const seed of SEEDS) results.push(analyze(await runVariant({ ...variant, seed })).result);
  return { variant, results };
}

/** Mean minutes one issue occupies an agent: complexity-weighted work plus review. */
function meanIssueMinutes(variant: QualifiedVariant): number {
  const w = variant.conductor.complexityWeights;
  const total = w.low + w.medium + w.high;
  const work = (['low', 'medium', 'high'] as const).reduce((sum, c) => sum + (w[c] / total) * distributionMean(variant.work.minutes[c]), 0);
  return work + distributionMean(variant.work.reviewMinutes);
}

function meanAndStandardError(values: number[]): { mean: number; se: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1);
  return { mean, se: Math.sqrt(variance / values.length) };
}

/**
 * Throughput expected from the distributions alone: each pod completes one issue per mean issue
 * time, over the hours it did not waste on work that was lost or thrown away.
 */
function expectedRate(variant: QualifiedVariant, r: VariantResult): number {
  const pods = variant.deployment.replicas;
  const usefulHours = pods * r.durationHours - r.metrics.wastedAgentHours;
  return (usefulHours * 60) / meanIssueMinutes(variant) / r.durationHours;
}

describe('seed story over 10 seeds', () => {
  it('1 replica with a static id clears about one issue per hour, with no duplicates', async () => {
    const { variant, results } = await runSeeds('1 replica, static id');
    const observed = meanAndStandardError(results.map((r) => r.metrics.issuesPerHour));
    const expected = meanAndStandardError(results.map((r) => expectedRate(variant, r)));
    // Work is not pre-empted at the end of the run, so the last issue in flight is not counted:
    // allow one issue per run of downward bias on top of 3 standard errors.
    const bias = 1 / first(results).durationHours;
    expect(observed.mean).toBeGreaterThan(expected.mean - bias - 3 * observed.se);
    expect(observed.mean).toBeLessThan(expected.mean + 3 * observed.se);
    expect(observed.mean).toBeGreaterThan(0.8);
    expect(observed.mean).toBeLessThan(1.2);
    for (const r of results) expect(r.metrics.duplicatePRs).toBe(0);
  });

  it('2 replicas with a static id duplicate whenever a history read overlaps a sibling in flight', async () => {
    const { results } = await runSeeds('2 replicas, static id');
    for (const r of results) {
      expect(r.metrics.duplicatePRs).toBeGreaterThan(0);
      expect(r.metrics.duplicateDeliveries).toBeGreaterThanOrEqual(r.metrics.duplicatePRs);
      // Every duplicate comes from the shared name; none from claims or the conductor.
      expect(r.metrics.duplicatesByMechanism['history-read-shared-name']).toBe(r.metrics.duplicatePRs);
      for (const d of r.duplicates) expect(d.chain).toMatch(/same consumer name\) (reconnected|started) at .* and read history `0`/);
    }
  });

  it('2 replicas with a static id: every history read returns every issue a sibling has in flight', async () => {
    const scenario = await loadScenarioFile('scenarios/seed-story.yaml');
    const variant = scenario.variants.find((v) => v.name === '2 replicas, static id') as QualifiedVariant;
    let historyReadsOverlappingSiblings = 0;
    for (const seed of SEEDS) {
      const { events } = await runVariant({ ...variant, seed });
      // Works in progress whose entry is still pending (a sibling may already have acked it).
      const active = new Map<number, { issue: number; incarnation: number; entryId: string }>();
      const acked = new Set<string>();
      for (const [i, e] of events.entries()) {
        if (e.kind === 'work-start') active.set(e.work, { issue: e.issue, incarnation: e.incarnation, entryId: e.entryId });
        if (e.kind === 'work-end') active.delete(e.work);
        if (e.kind === 'ack' && e.removed === 1) acked.add(e.entryId);
        if (e.kind !== 'delivery' || e.via !== 'history') continue;
        const previous = events[i - 1];
        const firstOfRead = previous?.kind === 'delivery' && previous.incarnation === e.incarnation && previous.at === e.at;
        if (firstOfRead) continue; // check each history read once, at its first entry
        const returned = new Set<number>();
        for (let j = i; ; j++) {
          const later = events[j];
          if (later?.kind !== 'delivery' || later.at !== e.at) break;
          returned.add(later.issue);
        }
        const siblings = [...active.values()].filter((w) => w.incarnation !== e.incarnation && !acked.has(w.entryId)).map((w) => w.issue);
        if (siblings.length > 0) historyReadsOverlappingSiblings++;
        for (const issue of siblings) expect(returned.has(issue), `seed ${seed}: history read at ${e.at} missed #${issue}`).toBe(true);
      }
    }
    expect(historyReadsOverlappingSiblings).toBeGreaterThan(10);
  });

  it('2 replicas with pod-name ids have no duplicate PRs and clear about 1.7 to 2 issues per hour', async () => {
    const { variant, results } = await runSeeds('2 replicas, pod-name id');
    for (const r of results) {
      expect(r.metrics.duplicatePRs).toBe(0);
      expect(r.metrics.duplicateDeliveries).toBe(0);
    }
    const observed = meanAndStandardError(results.map((r) => r.metrics.issuesPerHour));
    const expected = meanAndStandardError(results.map((r) => expectedRate(variant, r)));
    const bias = 2 / first(results).durationHours;
    expect(observed.mean).toBeGreaterThan(expected.mean - bias - 3 * observed.se);
    expect(observed.mean).toBeLessThan(expected.mean + 3 * observed.se);
    expect(observed.mean).toBeGreaterThan(1.7);
    expect(observed.mean).toBeLessThan(2.0);
  });
});
