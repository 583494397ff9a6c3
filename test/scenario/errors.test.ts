import { describe, expect, it } from 'vitest';
import { ScenarioError, qualifyScenario } from '../../src/scenario/index.js';
import { first } from '../support/items.js';

const FILE = 'scenarios/x.yaml';
const DURATION = 'a duration like "45s", "90m", "1h30m", "36h", "7d", a time of day like "09:00", or a number of minutes';

function errorOf(input: Record<string, unknown>): ScenarioError {
  try {
    qualifyScenario(input, FILE);
  } catch (error) {
    if (error instanceof ScenarioError) return error;
    throw error;
  }
  throw new Error('expected a ScenarioError');
}

/** The message for `body` merged into a minimal valid scenario. */
const messageFor = (body: Record<string, unknown>): string => errorOf({ name: 'x', ...body }).message;

describe('ScenarioError', () => {
  it('carries file, path, expected and found', () => {
    const error = errorOf({ name: 'x', deployment: { replicas: -1 } });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ScenarioError');
    expect(error.message).toBe('scenarios/x.yaml: deployment.replicas: expected an integer from 0 to 10000, found -1');
    expect(error.file).toBe(FILE);
    expect(error.path).toBe('deployment.replicas');
    expect(error.expected).toBe('an integer from 0 to 10000');
    expect(error.found).toBe('-1');
    expect(error.problems).toHaveLength(1);
    expect(first(error.problems).segments).toEqual(['deployment', 'replicas']);
  });

  it('lists every problem, one per line', () => {
    const error = errorOf({ name: 'x', seed: 1.5, duration: '5x', deployment: { replicas: 1.5, consumerId: 'podname' } });
    expect(error.message.split('\n')).toEqual([
      'scenarios/x.yaml: seed: expected an integer from -(2^53 - 1) to 2^53 - 1, found 1.5',
      `scenarios/x.yaml: duration: expected ${DURATION}, found "5x"`,
      'scenarios/x.yaml: deployment.replicas: expected an integer from 0 to 10000, found 1.5',
      'scenarios/x.yaml: deployment.consumerId: expected one of static, pod-name, statefulset, found "podname"',
    ]);
    expect(error.problems.map((p) => p.path)).toEqual(['seed', 'duration', 'deployment.replicas', 'deployment.consumerId']);
  });

  it('names objects passed in code <inline>', () => {
    expect(() => qualifyScenario({ name: 'x', seed: 'one' })).toThrow('<inline>: seed: expected an integer from -(2^53 - 1) to 2^53 - 1, found "one"');
  });
});

describe('error messages', () => {
  it('top level not an object', () => {
    expect(() => qualifyScenario(['x'], FILE)).toThrow(/^scenarios\/x\.yaml: expected an object with at least a name, found \["x"\]$/);
  });

  it('missing name', () => {
    expect(errorOf({}).message).toBe('scenarios/x.yaml: name: expected a non-empty string, found nothing');
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['unknown top-level key', { durations: '1d' }, 'durations: expected a known key (name, description, sweep, $schema, variants, seed, duration, until, maxDuration, stream, group, redis, conductor, deployment, consumer, work, faults, cleanup), found unknown key "durations" (did you mean "duration"?)'],
    ['unknown nested key', { deployment: { replica: 2 } }, 'deployment.replica: expected a known key (name, replicas, consumerId, rollout, podStart), found unknown key "replica" (did you mean "replicas"?)'],
    ['unknown key with no close match', { redis: { host: 'x' } }, 'redis.host: expected a known key (latencyMs, version), found unknown key "host"'],
    ['option of another strategy', { consumer: { strategy: 'rig', minIdle: '5m' } }, 'consumer.minIdle: expected a known key (strategy, idempotent, block), found unknown key "minIdle"'],
    ['negative rate', { conductor: { arrivals: { poisson: { perHour: -1 } } } }, 'conductor.arrivals.poisson.perHour: expected a number from 0 to 10000, found -1'],
    ['negative fault rate', { faults: { reconnect: { perDay: -0.5 } } }, 'faults.reconnect.perDay: expected a number from 0 to 1440, found -0.5'],
    ['non-integer replicas', { deployment: { replicas: 1.5 } }, 'deployment.replicas: expected an integer from 0 to 10000, found 1.5'],
    ['replicas as a string', { deployment: { replicas: '2' } }, 'deployment.replicas: expected an integer from 0 to 10000, found "2"'],
    ['malformed duration', { duration: '5x' }, `duration: expected ${DURATION}, found "5x"`],
    ['negative duration', { deployment: { podStart: -1 } }, `deployment.podStart: expected ${DURATION}, found -1`],
    ['time of day out of range', { faults: { rollingUpdate: { at: ['09:75'] } } }, `faults.rollingUpdate.at[0]: expected ${DURATION}, found "09:75"`],
    ['zero run length', { duration: '0s' }, 'duration: expected a duration greater than zero, like "90m" or "7d", found "0s"'],
    ['duration and until', { duration: '1d', until: 'backlog-empty' }, 'duration: expected either duration or until: backlog-empty, not both, found "1d"'],
    ['maxDuration without until', { maxDuration: '1d' }, 'maxDuration: expected maxDuration only together with until: backlog-empty, found "1d"'],
    ['unknown until', { until: 'done' }, 'until: expected "backlog-empty", found "done"'],
    ['unknown consumer strategy', { consumer: 'autoclam' }, 'consumer: expected one of rig, new-only, ack-first, autoclaim, found "autoclam"'],
    ['unknown strategy in an object', { consumer: { strategy: 'autoclam' } }, 'consumer.strategy: expected one of rig, new-only, ack-first, autoclaim, found "autoclam"'],
    ['consumer of the wrong type', { consumer: 5 }, 'consumer: expected rig, new-only, ack-first, autoclaim, { strategy, ... } or { module: ./file.ts }, found 5'],
    ['bad option of the chosen strategy', { consumer: { strategy: 'autoclaim', count: 0 } }, 'consumer.count: expected an integer from 1 to 10000, found 0'],
    ['bad idempotency guard', { consumer: { strategy: 'rig', idempotent: 'yes' } }, 'consumer.idempotent: expected true, false, lock or pr-exists, found "yes"'],
    ['unknown consumerId strategy', { deployment: { consumerId: { strategy: 'hostname' } } }, 'deployment.consumerId.strategy: expected one of static, pod-name, statefulset, template, found "hostname"'],
    ['template without template', { deployment: { consumerId: { strategy: 'template' } } }, 'deployment.consumerId.template: expected a non-empty string, found nothing'],
    ['unknown template placeholder', { deployment: { consumerId: { strategy: 'template', template: '{deploy}-{ordinal}' } } }, 'deployment.consumerId.template: expected a template using only {deployment}, {ordinal}, {pod}, {hash}, {suffix}, found {deploy}'],
    ['deployment name', { deployment: { name: 'Dev_E' } }, 'deployment.name: expected a Kubernetes name (lowercase letters, digits and "-", at most 63 characters), found "Dev_E"'],
    ['rollout that cannot progress', { deployment: { rollout: { maxSurge: 0 } } }, 'deployment.rollout: expected maxSurge or maxUnavailable above 0 (a rollout must be able to progress), found both 0'],
    ['misspelt arrivals kind', { conductor: { arrivals: { poison: { perHour: 1 } } } }, 'conductor.arrivals.poison: expected a known key (poisson, timeline), found unknown key "poison" (did you mean "poisson"?)'],
    ['arrivals named but not given', { conductor: { arrivals: 'poisson' } }, 'conductor.arrivals: expected "none", { poisson: { perHour } } or { timeline: [{ issue, at }] }, found "poisson"'],
    ['two arrival kinds', { conductor: { arrivals: { poisson: { perHour: 1 }, timeline: [] } } }, 'conductor.arrivals: expected exactly one of poisson, timeline, found poisson and timeline'],
    ['duplicate timeline issue', { conductor: { arrivals: { timeline: [{ issue: 201, at: 0 }, { issue: 201, at: 5 }] } } }, 'conductor.arrivals.timeline[1].issue: expected an issue number not already in the timeline (timeline[0]), found 201'],
    ['bad timeline complexity', { conductor: { arrivals: { timeline: [{ issue: 201, at: 0, complexity: 'huge' }] } } }, 'conductor.arrivals.timeline[0].complexity: expected one of low, medium, high, found "huge"'],
    ['all complexity weights zero', { conductor: { complexity: { low: 0 } } }, 'conductor.complexity: expected at least one weight > 0, found all weights zero'],
    ['zero heartbeat interval', { conductor: { heartbeatInterval: 0 } }, 'conductor.heartbeatInterval: expected a duration greater than zero, like "90m" or "7d", found 0'],
    ['misspelt distribution', { work: { review: { lognormall: { median: 1, p95: 2 } } } }, 'work.review.lognormall: expected a known key (lognormal, exponential, uniform, normal, constant, empirical), found unknown key "lognormall" (did you mean "lognormal"?)'],
    ['distribution of the wrong type', { work: { review: 'slow' } }, 'work.review: expected a number of minutes or one of { lognormal: { median, p95 } }, { exponential: { mean } }, { uniform: { min, max } }, { normal: { mean, stddev } }, { constant: n }, { empirical: { values, weights? } }, found "slow"'],
    ['p95 below the median', { work: { minutes: { low: { lognormal: { median: 10, p95: 5 } } } } }, 'work.minutes.low.lognormal.p95: expected a number >= the median (10), found 5'],
    ['zero median', { work: { review: { lognormal: { median: 0, p95: 5 } } } }, 'work.review.lognormal.median: expected a number > 0 and <= 525600, found 0'],
    ['non-positive mean', { work: { review: { exponential: { mean: -2 } } } }, 'work.review.exponential.mean: expected a number > 0 and <= 525600, found -2'],
    ['uniform max below min', { work: { review: { uniform: { min: 5, max: 1 } } } }, 'work.review.uniform.max: expected a number >= min (5), found 1'],
    ['negative minutes', { work: { operatorClose: -5 } }, 'work.operatorClose: expected a number from 0 to 525600, found -5'],
    ['empty empirical', { work: { review: { empirical: { values: [] } } } }, 'work.review.empirical.values: expected a non-empty list of numbers, found []'],
    ['weights of the wrong length', { work: { review: { empirical: { values: [1, 2], weights: [1] } } } }, 'work.review.empirical.weights: expected one weight per value (2), found 1 weight'],
    ['fault time of the wrong type', { faults: { podReplacement: { at: [true] } } }, 'faults.podReplacement.at[0]: expected a time ("2h", "09:00", minutes) or { at, pod }, found true'],
    ['fault pod not an ordinal', { faults: { podReplacement: { at: [{ at: '1h', pod: -1 }] } } }, 'faults.podReplacement.at[0].pod: expected an integer from 0 to 10000, found -1'],
    ['scale without replicas', { faults: { scale: [{ at: '1h' }] } }, 'faults.scale[0].replicas: expected an integer from 0 to 10000, found nothing'],
    ['backoff cap below initial', { faults: { crashLoopBackoff: { initial: '5m', max: '10s' } } }, 'faults.crashLoopBackoff.max: expected a duration >= initial ("5m"), found "10s"'],
    ['unknown Redis version', { redis: { version: '6.2' } }, 'redis.version: expected one of "7.0", "7.2", "7.4", "valkey-8.0", found "6.2"'],
    ['Redis version as an unknown number', { redis: { version: 7.6 } }, 'redis.version: expected one of "7.0", "7.2", "7.4", "valkey-8.0", found 7.6'],
    ['Redis version in a variant', { variants: [{ name: 'a', redis: { version: 'valkey-7' } }] }, 'variants[0].redis.version: expected one of "7.0", "7.2", "7.4", "valkey-8.0", found "valkey-7"'],
    ['cleanup of every consumer, pending or not', { cleanup: { withPending: true } }, 'cleanup.idleOver: expected a duration above 0 with withPending: true (else every consumer, busy or not, is deleted on every run), found nothing'],
    ['cleanup withPending not a boolean', { cleanup: { idleOver: '1h', withPending: 'yes' } }, 'cleanup.withPending: expected true or false, found "yes"'],
    ['cleanup that runs continuously', { cleanup: { every: 0 } }, 'cleanup.every: expected a duration greater than zero, like "90m" or "7d", found 0'],
    ['cleanup neither none nor an object', { cleanup: 'off' }, 'cleanup: expected "none" or { every, idleOver, withPending }, found "off"'],
    ['latency not whole ms', { redis: { latencyMs: 0.5 } }, 'redis.latencyMs: expected an integer from 0 to 60000, found 0.5'],
    ['sweep not an object', { sweep: [1] }, 'sweep: expected an object, found [1]'],
    ['section not an object', { deployment: 3 }, 'deployment: expected an object, found 3'],
    ['empty stream name', { stream: '' }, 'stream: expected a non-empty string, found ""'],
  ])('%s', (_, body, expected) => {
    expect(messageFor(body)).toBe(`scenarios/x.yaml: ${expected}`);
  });

  it('a consumer module that does not exist names the path it looked for', () => {
    const error = errorOf({ name: 'x', consumer: { module: './nope.ts' } });
    expect(error.path).toBe('consumer.module');
    expect(error.message).toMatch(/^scenarios\/x\.yaml: consumer\.module: expected an existing file \(looked for \/.*\/scenarios\/nope\.ts\), found "\.\/nope\.ts"$/);
  });

  it('long values are shortened in messages', () => {
    const error = errorOf({ name: 'x', consumer: { strategy: 'rig', block: 'a'.repeat(200) } });
    expect(error.found.length).toBeLessThanOrEqual(60);
    expect(error.found.endsWith('…')).toBe(true);
  });
});
