import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { candidateScenario, formatPlan, minuteDuration, planArbitrary, rebaseModule, type FaultPlan } from '../../src/hunt/index.js';
import { resolveInvariant } from '../../src/hunt/invariants.js';
import { durationMs, qualifyScenario } from '../../src/scenario/index.js';
import { first } from '../support/items.js';

const BOUNDS = { kinds: ['reconnect', 'podReplacement'] as const, lastMinute: 359, pods: 3, maxFaults: 4, searchWork: true, workMinutes: [5, 180] as const };

describe('fault plans', () => {
  it('stay within their bounds', () => {
    fc.assert(
      fc.property(planArbitrary(BOUNDS), (plan) => {
        expect(plan.faults.length).toBeLessThanOrEqual(4);
        for (const f of plan.faults) {
          expect(['reconnect', 'podReplacement']).toContain(f.kind);
          expect(f.atMinute).toBeGreaterThanOrEqual(1);
          expect(f.atMinute).toBeLessThanOrEqual(359);
          expect(f.pod).toBeLessThan(3);
        }
        for (const m of Object.values(plan.workMinutes ?? {})) expect(m).toBeGreaterThanOrEqual(5);
      }),
      { seed: 1, numRuns: 200 },
    );
  });

  it('write minutes as durations the scenario format reads back exactly', () => {
    expect(minuteDuration(1)).toBe('1m');
    expect(minuteDuration(60)).toBe('1h');
    expect(minuteDuration(95)).toBe('1h35m');
    fc.assert(fc.property(fc.integer({ min: 0, max: 60 * 24 * 40 }), (m) => durationMs(minuteDuration(m)) === m * 60_000));
  });

  it('become a scenario with explicit at: lists and no Poisson fault rates', () => {
    const plan: FaultPlan = {
      faults: [
        { kind: 'reconnect', atMinute: 95, pod: 1 },
        { kind: 'containerRestart', atMinute: 30, pod: 0 },
        { kind: 'reconnect', atMinute: 10, pod: 0 },
      ],
      workMinutes: { low: 20, medium: 40, high: 60 },
    };
    const settings = { seed: 4, duration: '2d', faults: { reconnect: { perDay: 4 }, podReplacement: { perDay: 1 }, reconnectDelay: '2s' } };
    const file = candidateScenario(settings, plan, { scenario: 'story', variant: 'two pods', duration: '6h' });
    expect(file).toMatchObject({
      name: 'story-hunt',
      seed: 4,
      duration: '6h',
      faults: { reconnectDelay: '2s', reconnect: { at: [{ at: '10m', pod: 0 }, { at: '1h35m', pod: 1 }] }, containerRestart: { at: [{ at: '30m', pod: 0 }] } },
      work: { minutes: { low: 20, medium: 40, high: 60 } },
      variants: [{ name: 'two pods' }],
    });
    expect(file.faults).not.toHaveProperty('podReplacement');
    const variant = first(qualifyScenario(file).variants);
    expect(variant.name).toBe('two pods');
    expect(variant.faults.reconnect).toEqual({ perPodPerDay: 0, at: [{ atMs: 600_000, pod: 0 }, { atMs: 5_700_000, pod: 1 }] });
    expect(variant.faults.podReplacement.perPodPerDay).toBe(0);
    expect(variant.work.minutes.low).toEqual({ kind: 'constant', value: 20 });
    expect(formatPlan(plan)).toEqual([
      '00:10  reconnect          pod 0',
      '00:30  container restart  pod 0',
      '01:35  reconnect          pod 1',
      'work minutes (constant): low 20, medium 40, high 60',
    ]);
  });

  it('re-base a relative consumer module for the folder the file is written to', () => {
    const moved = rebaseModule({ consumer: { module: './consumer.ts' } }, '/repo/examples', '/repo/hunts');
    expect(moved.consumer).toEqual({ module: '../examples/consumer.ts' });
    expect(rebaseModule({ consumer: { module: 'c.ts' } }, '/work/repo', '/tmp/out').consumer).toEqual({ module: '/work/repo/c.ts' });
    expect(rebaseModule({ consumer: 'rig' }, '/a', '/b')).toEqual({ consumer: 'rig' });
  });

  it('resolve invariants by name or as expressions, and reject the rest precisely', () => {
    expect(resolveInvariant('no-duplicate-prs').expectation.text).toBe('duplicatePRs == 0');
    expect(resolveInvariant('no-lost-issues').expectation.metric).toBe('lostIssues');
    expect(resolveInvariant('issuesPerHour >= 1.5').expectation.value).toBe(1.5);
    expect(() => resolveInvariant('no-duplicates')).toThrow(
      'invalid expectation "no-duplicates": expected an invariant, one of no-duplicate-prs, no-stranded-issues, no-lost-issues, or an expression <metric> <op> <number>',
    );
  });
});
