import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_REDIS_VERSION } from '../../src/redis/model/index.js';
import { qualifyScenario, type QualifiedVariant } from '../../src/scenario/index.js';
import { first } from '../support/items.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

const only = (input: Record<string, unknown>): QualifiedVariant => {
  const scenario = qualifyScenario({ name: 'x', ...input });
  expect(scenario.variants).toHaveLength(1);
  return first(scenario.variants);
};

describe('defaults', () => {
  it('a name alone is a complete scenario: the story\'s rig, one variant "default"', () => {
    const scenario = qualifyScenario({ name: 'minimal' });
    expect(scenario).toEqual({
      name: 'minimal',
      description: '',
      source: '<inline>',
      seed: 1,
      variants: [
        {
          name: 'default',
          seed: 1,
          durationMs: 7 * DAY,
          untilBacklogEmpty: false,
          stream: 'issues',
          group: 'dev-e-dotnet',
          redis: { latencyMs: 0, version: DEFAULT_REDIS_VERSION },
          conductor: {
            backlog: 0,
            firstIssue: 201,
            arrivals: { kind: 'none' },
            complexityWeights: { low: 0.5, medium: 0.35, high: 0.15 },
            heartbeatRequeueMs: 0,
            heartbeatIntervalMs: 5 * MIN,
          },
          deployment: {
            name: 'dev-e-dotnet',
            replicas: 1,
            consumerId: { strategy: 'static', name: 'dev-e-dotnet-worker' },
            rollout: { maxSurge: 1, maxUnavailable: 0, readinessMs: 30_000, terminationGraceMs: 30_000 },
            podStartMs: 20_000,
          },
          consumer: { strategy: 'rig', idempotent: false, blockMs: 5_000 },
          work: {
            minutes: {
              low: { kind: 'lognormal', median: 30, p95: 60 },
              medium: { kind: 'lognormal', median: 50, p95: 100 },
              high: { kind: 'lognormal', median: 90, p95: 180 },
            },
            reviewMinutes: { kind: 'lognormal', median: 5, p95: 15 },
            operatorCloseMinutes: { kind: 'lognormal', median: 30, p95: 120 },
          },
          faults: {
            containerRestart: { perPodPerDay: 0, at: [] },
            podReplacement: { perPodPerDay: 0, at: [] },
            reconnect: { perPodPerDay: 0, at: [] },
            rollingUpdates: [],
            scale: [],
            crashLoopBackoff: { initialMs: 0, maxMs: 0 },
            reconnectDelayMs: 0,
          },
          cleanup: null,
        },
      ],
    });
  });

  it('the static consumer name follows the deployment name', () => {
    expect(only({ deployment: { name: 'dev-e-java' } }).deployment.consumerId).toEqual({ strategy: 'static', name: 'dev-e-java-worker' });
  });

  it('until: backlog-empty runs up to maxDuration (default 30d)', () => {
    expect(only({ until: 'backlog-empty' })).toMatchObject({ untilBacklogEmpty: true, durationMs: 30 * DAY });
    expect(only({ until: 'backlog-empty', maxDuration: '2d' })).toMatchObject({ untilBacklogEmpty: true, durationMs: 2 * DAY });
    expect(only({ duration: 90 })).toMatchObject({ untilBacklogEmpty: false, durationMs: 90 * MIN });
  });

  it('partial sections keep the defaults of the rest', () => {
    const v = only({ deployment: { rollout: { maxSurge: 0, maxUnavailable: 1 } }, work: { minutes: { high: 120 } } });
    expect(v.deployment.rollout).toEqual({ maxSurge: 0, maxUnavailable: 1, readinessMs: 30_000, terminationGraceMs: 30_000 });
    expect(v.work.minutes.high).toEqual({ kind: 'constant', value: 120 });
    expect(v.work.minutes.low).toEqual({ kind: 'lognormal', median: 30, p95: 60 });
  });

  it('complexity weights given explicitly weigh the missing classes 0', () => {
    expect(only({ conductor: { complexity: { high: 1 } } }).conductor.complexityWeights).toEqual({ low: 0, medium: 0, high: 1 });
  });

  it('the crash-loop cap defaults to five minutes once an initial delay is set', () => {
    expect(only({ faults: { crashLoopBackoff: { initial: '10s' } } }).faults.crashLoopBackoff).toEqual({ initialMs: 10_000, maxMs: 5 * MIN });
    expect(only({ faults: { crashLoopBackoff: { initial: '10m' } } }).faults.crashLoopBackoff).toEqual({ initialMs: 10 * MIN, maxMs: 10 * MIN });
  });
});

describe('forms', () => {
  it('top-level settings', () => {
    const scenario = qualifyScenario({ name: 'x', description: 'd', seed: 42, stream: 's', group: 'g', redis: { latencyMs: 2 }, sweep: { seeds: 5, grid: { 'deployment.replicas': [1, 2] } } });
    expect(scenario).toMatchObject({ description: 'd', seed: 42 });
    expect(first(scenario.variants)).toMatchObject({ seed: 42, stream: 's', group: 'g', redis: { latencyMs: 2 } });
  });

  it('redis.version: by name, per variant, and as the number YAML makes of an unquoted 7.0 / 7.2 / 7.4', () => {
    const scenario = qualifyScenario({
      name: 'x',
      redis: { version: '7.2' },
      variants: [{ name: 'inherits' }, { name: 'seven', redis: { version: 7 } }, { name: 'valkey', redis: { version: 'valkey-8.0' } }, { name: 'n74', redis: { version: 7.4 } }],
    });
    expect(scenario.variants.map((v) => v.redis.version)).toEqual(['7.2', '7.0', 'valkey-8.0', '7.4']);
    expect(only({ redis: { latencyMs: 3 } }).redis).toEqual({ latencyMs: 3, version: DEFAULT_REDIS_VERSION });
  });

  it('cleanup: defaults, options, and "none" turning an inherited job off in a variant', () => {
    const scenario = qualifyScenario({
      name: 'x',
      cleanup: { idleOver: '1h' },
      variants: [{ name: 'inherits' }, { name: 'naive', cleanup: { every: '5m', idleOver: '30m', withPending: true } }, { name: 'off', cleanup: 'none' }],
    });
    expect(scenario.variants.map((v) => v.cleanup)).toEqual([
      { everyMs: 10 * MIN, idleOverMs: HOUR, withPending: false },
      { everyMs: 5 * MIN, idleOverMs: 30 * MIN, withPending: true },
      null,
    ]);
    expect(only({ cleanup: {} }).cleanup).toEqual({ everyMs: 10 * MIN, idleOverMs: 0, withPending: false });
  });

  it('arrivals: poisson, timeline (chronological, times in every form), none', () => {
    expect(only({ conductor: { arrivals: { poisson: { perHour: 1.2 } } } }).conductor.arrivals).toEqual({ kind: 'poisson', perHour: 1.2 });
    expect(only({ conductor: { arrivals: 'none' } }).conductor.arrivals).toEqual({ kind: 'none' });
    const timeline = only({
      conductor: {
        arrivals: {
          timeline: [
            { issue: 203, at: '2h', title: 'later', complexity: 'high' },
            { issue: 201, at: '09:00' },
            { issue: 202, at: 30 },
          ],
        },
      },
    }).conductor.arrivals;
    expect(timeline).toEqual({
      kind: 'timeline',
      events: [
        { issue: 202, atMs: 30 * MIN },
        { issue: 203, atMs: 2 * HOUR, title: 'later', complexity: 'high' },
        { issue: 201, atMs: 9 * HOUR },
      ],
    });
  });

  it('conductor durations', () => {
    const c = only({ conductor: { backlog: 3, firstIssue: 1, heartbeatRequeue: '30m', heartbeatInterval: '1m' } }).conductor;
    expect(c).toMatchObject({ backlog: 3, firstIssue: 1, heartbeatRequeueMs: 30 * MIN, heartbeatIntervalMs: MIN });
  });

  it.each([
    ['static', { strategy: 'static', name: 'dev-e-dotnet-worker' }],
    [{ strategy: 'static' }, { strategy: 'static', name: 'dev-e-dotnet-worker' }],
    [{ strategy: 'static', name: 'shared' }, { strategy: 'static', name: 'shared' }],
    ['pod-name', { strategy: 'pod-name' }],
    [{ strategy: 'pod-name' }, { strategy: 'pod-name' }],
    ['statefulset', { strategy: 'statefulset' }],
    [{ strategy: 'template', template: '{deployment}-{ordinal}' }, { strategy: 'template', template: '{deployment}-{ordinal}' }],
  ])('consumerId %j', (input, expected) => {
    expect(only({ deployment: { consumerId: input } }).deployment.consumerId).toEqual(expected);
  });

  it.each([
    ['rig', { strategy: 'rig', idempotent: false, blockMs: 5_000 }],
    ['new-only', { strategy: 'new-only', idempotent: false, blockMs: 5_000 }],
    [{ strategy: 'ack-first', idempotent: true, block: '2s' }, { strategy: 'ack-first', idempotent: 'lock', blockMs: 2_000 }],
    [{ strategy: 'rig', idempotent: 'pr-exists', block: 0 }, { strategy: 'rig', idempotent: 'pr-exists', blockMs: 0 }],
    [
      'autoclaim',
      { strategy: 'autoclaim', idempotent: false, blockMs: 5_000, minIdleMs: 30 * MIN, intervalMs: MIN, count: 10, heartbeatMs: 0, gcIdleConsumersMs: 0 },
    ],
    [
      { strategy: 'autoclaim', minIdle: '2h', interval: '30s', count: 5, heartbeat: '5m', gcIdleConsumers: '6h', idempotent: 'lock' },
      { strategy: 'autoclaim', idempotent: 'lock', blockMs: 5_000, minIdleMs: 2 * HOUR, intervalMs: 30_000, count: 5, heartbeatMs: 5 * MIN, gcIdleConsumersMs: 6 * HOUR },
    ],
  ])('consumer %j', (input, expected) => {
    expect(only({ consumer: input }).consumer).toEqual(expected);
  });

  it('consumer module resolves against baseDir to an absolute path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pelsim-scenario-'));
    writeFileSync(join(dir, 'my-consumer.ts'), 'export {};\n');
    const v = first(qualifyScenario({ name: 'x', consumer: { module: './my-consumer.ts', idempotent: false } }, undefined, dir).variants);
    expect(v.consumer).toEqual({ strategy: 'module', module: join(dir, 'my-consumer.ts'), idempotent: false, blockMs: 5_000 });
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    [12, { kind: 'constant', value: 12 }],
    [{ constant: 5 }, { kind: 'constant', value: 5 }],
    [{ lognormal: { median: 10, p95: 30 } }, { kind: 'lognormal', median: 10, p95: 30 }],
    [{ exponential: { mean: 4 } }, { kind: 'exponential', mean: 4 }],
    [{ uniform: { min: 1, max: 3 } }, { kind: 'uniform', min: 1, max: 3 }],
    [{ normal: { mean: 20, stddev: 5 } }, { kind: 'normal', mean: 20, stddev: 5 }],
    [{ empirical: { values: [1, 2] } }, { kind: 'empirical', values: [1, 2] }],
    [{ empirical: { values: [1, 2], weights: [3, 1] } }, { kind: 'empirical', values: [1, 2], weights: [3, 1] }],
  ])('distribution %j', (input, expected) => {
    const work = only({ work: { review: input, operatorClose: input, minutes: { low: input } } }).work;
    expect(work.reviewMinutes).toEqual(expected);
    expect(work.operatorCloseMinutes).toEqual(expected);
    expect(work.minutes.low).toEqual(expected);
  });

  it('faults: rates, explicit times (sorted, optionally per pod), rolling updates, scale, backoff', () => {
    const f = only({
      faults: {
        containerRestart: { perDay: 1 },
        podReplacement: { at: ['3h', { at: '2h', pod: 1 }] },
        reconnect: { perDay: 4, at: [90] },
        rollingUpdate: { at: ['16:00', '09:30'] },
        scale: [{ at: '4h', replicas: 3 }, { at: '1h', replicas: 0 }],
        crashLoopBackoff: { initial: '10s', max: '5m' },
        reconnectDelay: '2s',
      },
    }).faults;
    expect(f).toEqual({
      containerRestart: { perPodPerDay: 1, at: [] },
      podReplacement: { perPodPerDay: 0, at: [{ atMs: 2 * HOUR, pod: 1 }, { atMs: 3 * HOUR }] },
      reconnect: { perPodPerDay: 4, at: [{ atMs: 90 * MIN }] },
      rollingUpdates: [9.5 * HOUR, 16 * HOUR],
      scale: [{ atMs: HOUR, replicas: 0 }, { atMs: 4 * HOUR, replicas: 3 }],
      crashLoopBackoff: { initialMs: 10_000, maxMs: 5 * MIN },
      reconnectDelayMs: 2_000,
    });
  });

  it('every duration is an integer number of milliseconds', () => {
    const v = only({ duration: 1 / 7, deployment: { podStart: 0.123 }, faults: { reconnectDelay: '1.0001s' } });
    for (const ms of [v.durationMs, v.deployment.podStartMs, v.faults.reconnectDelayMs]) expect(Number.isInteger(ms)).toBe(true);
  });

  it('a source is resolved to an absolute path', () => {
    expect(qualifyScenario({ name: 'x' }, 'scenarios/x.yaml', '/tmp').source).toMatch(/^\/.*scenarios\/x\.yaml$/);
  });
});
