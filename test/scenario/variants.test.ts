import { describe, expect, it } from 'vitest';
import { ScenarioError, qualifyScenario, selectVariant } from '../../src/scenario/index.js';
import { deepMerge } from '../../src/scenario/merge.js';
import { first, nth } from '../support/items.js';

const HOUR = 3_600_000;

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof ScenarioError) return error.message;
    throw error;
  }
  throw new Error('expected a ScenarioError');
}

describe('deepMerge', () => {
  it('merges objects key by key; arrays, scalars and null replace', () => {
    const base = { a: { b: 1, c: [1, 2], d: { e: 1 } }, f: 'x', g: 1 };
    const merged = deepMerge(base, { a: { c: [3], d: { h: 2 } }, f: 'y', g: null });
    expect(merged).toEqual({ a: { b: 1, c: [3], d: { e: 1, h: 2 } }, f: 'y', g: null });
    expect(base).toEqual({ a: { b: 1, c: [1, 2], d: { e: 1 } }, f: 'x', g: 1 });
  });
});

describe('variants', () => {
  const scenario = qualifyScenario({
    name: 'story',
    seed: 7,
    duration: '24h',
    conductor: { backlog: 80, heartbeatRequeue: '30m' },
    deployment: { replicas: 1, rollout: { maxSurge: 1, readiness: '10s' } },
    consumer: 'autoclaim',
    work: { review: { lognormal: { median: 5, p95: 15 } } },
    variants: [
      { name: 'one' },
      { name: 'two', seed: 8, deployment: { replicas: 2, rollout: { maxSurge: 0, maxUnavailable: 1 } } },
      { name: 'claims', consumer: { minIdle: '2h' }, work: { review: { lognormal: { p95: 30 } } } },
      { name: 'switch', consumer: { strategy: 'rig', idempotent: 'lock' }, work: { review: { exponential: { mean: 3 } } } },
      { name: 'drain', until: 'backlog-empty', conductor: { heartbeatRequeue: 0 } },
    ],
  });
  const one = nth(scenario.variants, 0);
  const two = nth(scenario.variants, 1);
  const claims = nth(scenario.variants, 2);
  const sw = nth(scenario.variants, 3);
  const drain = nth(scenario.variants, 4);

  it('keeps the order and names, and inherits the base', () => {
    expect(scenario.variants.map((v) => v.name)).toEqual(['one', 'two', 'claims', 'switch', 'drain']);
    expect(one).toMatchObject({ seed: 7, durationMs: 24 * HOUR, deployment: { replicas: 1 } });
    expect(one.conductor.backlog).toBe(80);
  });

  it('deep-merges overrides and may override the seed', () => {
    expect(two.seed).toBe(8);
    expect(scenario.seed).toBe(7);
    expect(two.deployment.replicas).toBe(2);
    expect(two.deployment.rollout).toEqual({ maxSurge: 0, maxUnavailable: 1, readinessMs: 10_000, terminationGraceMs: 30_000 });
  });

  it('merges options into a shorthand strategy and fields into a distribution of the same kind', () => {
    expect(claims.consumer).toMatchObject({ strategy: 'autoclaim', minIdleMs: 2 * HOUR, intervalMs: 60_000 });
    expect(claims.work.reviewMinutes).toEqual({ kind: 'lognormal', median: 5, p95: 30 });
  });

  it('replaces, rather than mixes, when a variant switches kinds', () => {
    expect(sw.consumer).toEqual({ strategy: 'rig', idempotent: 'lock', blockMs: 5_000 });
    expect(sw.work.reviewMinutes).toEqual({ kind: 'exponential', mean: 3 });
  });

  it('until replaces the base duration; 0 turns the watchdog off', () => {
    expect(drain).toMatchObject({ untilBacklogEmpty: true, durationMs: 30 * 24 * HOUR });
    expect(drain.conductor.heartbeatRequeueMs).toBe(0);
  });

  it('switches the consumer id strategy without carrying the static name over', () => {
    const s = qualifyScenario({
      name: 'x',
      deployment: { consumerId: { strategy: 'static', name: 'w' } },
      variants: [{ name: 't', deployment: { consumerId: { strategy: 'template', template: '{pod}' } } }],
    });
    expect(first(s.variants).deployment.consumerId).toEqual({ strategy: 'template', template: '{pod}' });
  });

  it('a duration in a variant replaces the base until', () => {
    const s = qualifyScenario({ name: 'x', until: 'backlog-empty', maxDuration: '3d', variants: [{ name: 'fixed', duration: '1d' }] });
    expect(first(s.variants)).toMatchObject({ untilBacklogEmpty: false, durationMs: 24 * HOUR });
  });

  it('reports an error inside a variant at its path in the file', () => {
    expect(messageOf(() => qualifyScenario({ name: 'x', variants: [{ name: 'a' }, { name: 'b', deployment: { replicas: -1 } }] }, 'scenarios/x.yaml'))).toBe(
      'scenarios/x.yaml: variants[1].deployment.replicas: expected an integer from 0 to 10000, found -1',
    );
  });

  it('validates the merged variant as a whole', () => {
    const message = messageOf(() =>
      qualifyScenario(
        { name: 'x', work: { review: { lognormal: { median: 10, p95: 20 } } }, variants: [{ name: 'a', work: { review: { lognormal: { median: 30 } } } }] },
        'x.yaml',
      ),
    );
    expect(message).toBe('x.yaml: variants[0].work.review.lognormal.p95: expected a number >= the median (30), found 20');
  });

  it('reports a problem of the base once, not once per variant', () => {
    const message = messageOf(() =>
      qualifyScenario({ name: 'x', deployment: { replicas: -3 }, variants: [{ name: 'a' }, { name: 'b' }, { name: 'c', deployment: { replicas: -1 } }] }, 'x.yaml'),
    );
    expect(message).toBe(['x.yaml: deployment.replicas: expected an integer from 0 to 10000, found -3', 'x.yaml: variants[2].deployment.replicas: expected an integer from 0 to 10000, found -1'].join('\n'));
  });

  it('checks the list itself: names present and unique, entries objects, not empty', () => {
    const message = messageOf(() => qualifyScenario({ name: 'x', variants: [{ name: 'a' }, { name: 'a' }, { seed: 2 }, 3] }, 'x.yaml'));
    expect(message).toBe(
      [
        'x.yaml: variants[1].name: expected a name not used by another variant (variants[0] is "a"), found "a"',
        'x.yaml: variants[2].name: expected a non-empty string, found nothing',
        'x.yaml: variants[3]: expected an object { name, ...overrides }, found 3',
      ].join('\n'),
    );
    expect(messageOf(() => qualifyScenario({ name: 'x', variants: [] }, 'x.yaml'))).toBe(
      'x.yaml: variants: expected a non-empty list of variants ({ name, ...overrides }), found []',
    );
  });

  it('a variant may not carry file-level keys', () => {
    expect(messageOf(() => qualifyScenario({ name: 'x', variants: [{ name: 'a', sweep: {} }] }, 'x.yaml'))).toBe(
      'x.yaml: variants[0].sweep: expected a known key (name, seed, duration, until, maxDuration, stream, group, redis, conductor, deployment, consumer, work, faults, cleanup), found unknown key "sweep"',
    );
  });
});

describe('selectVariant', () => {
  const scenario = qualifyScenario({ name: 'x', variants: [{ name: 'a' }, { name: 'b', seed: 3 }] }, 'scenarios/x.yaml');

  it('narrows to one variant', () => {
    const picked = selectVariant(scenario, 'b');
    expect(picked.variants).toHaveLength(1);
    expect(first(picked.variants)).toMatchObject({ name: 'b', seed: 3 });
    expect(picked.name).toBe('x');
  });

  it('lists the available names when there is no such variant', () => {
    expect(() => selectVariant(scenario, 'c')).toThrow(ScenarioError);
    expect(messageOf(() => selectVariant(scenario, 'c'))).toMatch(/scenarios\/x\.yaml: variants: expected the name of a variant \("a", "b"\), found "c"$/);
  });
});
