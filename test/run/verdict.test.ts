import { describe, expect, it } from 'vitest';
import { ADVICE } from '../../src/metrics/advice.js';
import type { DuplicateMechanism, Metrics, VariantResult } from '../../src/metrics/types.js';
import type { RedisVersion } from '../../src/redis/model/index.js';
import { formatLegend, formatTable } from '../../src/run/terminal/table.js';
import { formatVerdict, SAFE_TEXT, verdictOf } from '../../src/run/terminal/verdict.js';
import { wrapWords } from '../../src/run/terminal/wrap.js';

const NO_DUPLICATES: Record<DuplicateMechanism, number> = { 'history-read-shared-name': 0, 'claim-of-live-work': 0, 'conductor-redispatch': 0, 'retry-after-crash': 0 };

function variant(name: string, metrics: Partial<Metrics> = {}, redisVersion: RedisVersion = '7.0'): VariantResult {
  const base: Metrics = {
    issuesDispatched: 80, issuesCompleted: 40, issuesPerHour: 1.5, duplicatePRs: 0, duplicateDeliveries: 0, branchCollisions: 0,
    conflictingReviews: 0, operatorCloses: 0, mergeConflicts: 0, strandedIssues: 0, lostIssues: 0, inFlightIssues: 40,
    idlePendingIssues: 0, wastedAgentHours: 0, latencyP50Minutes: 500, latencyP95Minutes: 1300, latencyMeanMinutes: 600, latencyHorizonMinutes: 1440,
    maxPelLength: 2, consumersAtEnd: 2, consumersDeleted: 0, pendingDestroyed: 0, containerRestarts: 0, consumerCrashes: 0, podReplacements: 0, reconnects: 0, conductorRequeues: 0,
    duplicatesByMechanism: NO_DUPLICATES,
  };
  const series = { hour: [], completed: [], inFlight: [], pelLength: [], livePods: [], consumers: [], stranded: [], duplicatePRs: [] };
  return { name, seed: 7, redisVersion, durationHours: 24, metrics: { ...base, ...metrics }, series, duplicates: [], crashes: [], consumerFailure: null, reconciles: true };
}

describe('the verdict: findings and advice from the mechanisms, not the names', () => {
  it('maps each duplicate mechanism to its advice, whatever the variant is called', () => {
    for (const mechanism of Object.keys(NO_DUPLICATES) as DuplicateMechanism[]) {
      const v = verdictOf(variant('a name that says nothing', { duplicatePRs: 3, duplicatesByMechanism: { ...NO_DUPLICATES, [mechanism]: 3 } }));
      expect(v.safe).toBe(false);
      expect(v.findings).toEqual([{ kind: mechanism, count: 3, text: `3 duplicate PRs via ${ADVICE[mechanism].how}` }]);
      expect(v.suggestion).toBe(ADVICE[mechanism].fix);
    }
  });

  it('a shared name reads as history reads under a shared consumer name, fixed by the pod name', () => {
    const v = verdictOf(variant('2 replicas, static id', { duplicatePRs: 8, duplicatesByMechanism: { ...NO_DUPLICATES, 'history-read-shared-name': 8 } }));
    expect(formatVerdict([v])).toEqual([
      'verdict:',
      '  2 replicas, static id  UNSAFE: 8 duplicate PRs via history reads under a shared consumer name',
      '                         → give each replica its own consumer name, e.g. the pod name',
    ]);
  });

  it('stranded, lost and idle issues are findings with their own advice; the largest count leads', () => {
    const v = verdictOf(variant('x', { strandedIssues: 5, lostIssues: 1, idlePendingIssues: 2, duplicatesByMechanism: { ...NO_DUPLICATES, 'claim-of-live-work': 1 } }));
    expect(v.findings.map((f) => [f.kind, f.count])).toEqual([['stranded', 5], ['idle-pending', 2], ['lost', 1], ['claim-of-live-work', 1]]);
    expect(v.suggestion).toBe(ADVICE.stranded.fix);
    expect(v.findings[0]?.text).toBe(`5 issues stranded (${ADVICE.stranded.how})`);
  });

  it('a variant without findings is safe on this seed, with no suggestion', () => {
    const v = verdictOf(variant('1 replica'));
    expect(v).toMatchObject({ safe: true, findings: [], suggestion: null });
    expect(formatVerdict([v])[1]).toBe(`  1 replica  ${SAFE_TEXT}`);
  });

  it('every advice is a sentence fragment without a trailing period, and names never leak into it', () => {
    for (const advice of Object.values(ADVICE)) {
      for (const text of [advice.how, advice.fix]) expect(text).not.toMatch(/\.$|replicas?,/);
    }
  });

  it('a long variant name goes on its own line; no verdict line is wider than 100 columns', () => {
    const name = 'a rolling update of eight replicas that share one static consumer id and reconnect often';
    const lines = formatVerdict([verdictOf(variant(name, { lostIssues: 3, strandedIssues: 3, duplicatesByMechanism: { ...NO_DUPLICATES, 'retry-after-crash': 3 } }))]);
    expect(lines[1]).toBe(`  ${name}`);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(100);
  });
});

describe('the run table and its legend', () => {
  const variants = [variant('1 replica, static id'), variant('2 replicas, pod-name id', { duplicatePRs: 12 })];

  it('fits 100 columns and shows the essential columns; --wide shows every one', () => {
    const narrow = formatTable(variants);
    for (const line of narrow) expect(line.length).toBeLessThanOrEqual(100);
    expect(narrow[0]).toMatch(/^variant +issues\/h +done +dup PRs +stranded +lost +p50\/p95 min +crashes +consumers$/);
    expect(narrow[2]).toMatch(/^1 replica, static id +1\.50 +40\/80 +0 +0 +0 +500\/1300 +0 +2$/);
    const wide = formatTable(variants, true);
    expect(wide[0]).toContain('dup deliv');
    expect(wide[0]).toContain('max PEL');
  });

  it('shows the Redis version per variant when the variants ran different versions', () => {
    const mixed = [variant('on 7.0'), variant('on valkey', {}, 'valkey-8.0')];
    const lines = formatTable(mixed);
    expect(lines[0]).toMatch(/^variant +redis +issues\/h /);
    expect(lines[2]).toMatch(/^on 7\.0 +7\.0 +1\.50 /);
    expect(lines[3]).toMatch(/^on valkey +valkey-8\.0 +1\.50 /);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(100);
    expect(formatLegend(false, mixed).some((l) => l.startsWith('  redis '))).toBe(true);
    expect(formatTable(variants)[0]).not.toContain('redis');
    expect(formatTable(variants, true)[0]).toMatch(/^variant +redis /);
  });

  it('long variant names go on their own line rather than past 100 columns', () => {
    const long = [variant('x'.repeat(60)), variant('short')];
    const lines = formatTable(long);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(100);
    expect(lines).toContain('x'.repeat(60));
  });

  it('the legend explains every column shown, and names what --wide adds', () => {
    const legend = formatLegend(false);
    for (const header of ['issues/h', 'done', 'dup PRs', 'stranded', 'lost', 'p50/p95 min', 'consumers']) {
      expect(legend.some((l) => l.startsWith(`  ${header} `))).toBe(true);
    }
    expect(legend.at(-1)).toBe('  (--wide adds redis, dup deliv, idle pend, wasted h, max PEL, deleted, destroyed)');
    for (const line of [...legend, ...formatLegend(true)]) expect(line.length).toBeLessThanOrEqual(100);
  });
});

describe('wrapWords', () => {
  it('breaks at spaces with a hanging indent, and cuts a word longer than a line', () => {
    expect(wrapWords('aaa bbb ccc', 8, '> ', '  ')).toEqual(['> aaa', '  bbb', '  ccc']);
    expect(wrapWords('x'.repeat(12), 5)).toEqual(['xxxxx', 'xxxxx', 'xx']);
    expect(wrapWords('', 10, '  ')).toEqual(['']);
  });
});
