/**
 * Validated run settings → {@link QualifiedVariant}: defaults applied, durations in integer virtual
 * milliseconds, shorthands expanded. Runs after variants are merged, so defaults that depend on
 * other fields (the static consumer name on the deployment name) see the variant's values.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Distribution } from '../engine/index.js';
import { DEFAULT_REDIS_VERSION } from '../redis/model/profile.js';
import { versionNamed } from './versions.js';
import { DEFAULTS } from './defaults.js';
import { lognormalMinutes, toDistribution, type DistributionInput } from './distributions.js';
import { durationMs } from './durations.js';
import { describeValue, type Issue, type PathSegment } from './errors.js';
import type { RunSettings } from './schema.js';
import type {
  CleanupSpec,
  Complexity,
  ConductorSpec,
  ConsumerIdStrategy,
  ConsumerSpec,
  DeploymentSpec,
  FaultSchedule,
  FaultsSpec,
  IdempotencyGuard,
  QualifiedVariant,
  WorkSpec,
} from './types.js';

type Duration = string | number;

/** Milliseconds of a duration the schema already accepted. */
function ms(value: Duration | undefined, fallback: Duration): number {
  const result = durationMs(value ?? fallback);
  // The schema uses the same parser; disagreement is a bug here, not a user error.
  if (result === undefined) throw new Error(`duration ${describeValue(value)} passed validation but does not parse`);
  return result;
}

/**
 * Qualifies one run. Problems the schema cannot see (a consumer module that does not exist) are
 * appended to `issues`, with paths relative to the run.
 */
export function qualifyRun(run: RunSettings, baseDir: string, issues: Issue[]): QualifiedVariant {
  const until = run.until === 'backlog-empty';
  const deployment = qualifyDeployment(run.deployment ?? {});
  return {
    name: run.name,
    seed: run.seed ?? DEFAULTS.seed,
    durationMs: until ? ms(run.maxDuration, DEFAULTS.maxDuration) : ms(run.duration, DEFAULTS.duration),
    untilBacklogEmpty: until,
    stream: run.stream ?? DEFAULTS.stream,
    group: run.group ?? DEFAULTS.group,
    redis: { latencyMs: run.redis?.latencyMs ?? DEFAULTS.redisLatencyMs, version: versionNamed(run.redis?.version ?? DEFAULT_REDIS_VERSION) },
    conductor: qualifyConductor(run.conductor ?? {}),
    deployment,
    consumer: qualifyConsumer(run.consumer ?? 'rig', baseDir, issues),
    work: qualifyWork(run.work ?? {}, issues),
    faults: qualifyFaults(run.faults ?? {}),
    cleanup: run.cleanup === undefined || run.cleanup === 'none' ? null : qualifyCleanup(run.cleanup),
  };
}

function qualifyCleanup(c: Exclude<NonNullable<RunSettings['cleanup']>, 'none'>): CleanupSpec {
  return { everyMs: ms(c.every, DEFAULTS.cleanup.every), idleOverMs: ms(c.idleOver, 0), withPending: c.withPending ?? false };
}

function qualifyConductor(c: NonNullable<RunSettings['conductor']>): ConductorSpec {
  const d = DEFAULTS.conductor;
  let arrivals: ConductorSpec['arrivals'] = { kind: 'none' };
  if (typeof c.arrivals === 'object' && c.arrivals.poisson) arrivals = { kind: 'poisson', perHour: c.arrivals.poisson.perHour };
  if (typeof c.arrivals === 'object' && c.arrivals.timeline) {
    const events = c.arrivals.timeline.map((e) => ({
      issue: e.issue,
      atMs: ms(e.at, 0),
      ...(e.title === undefined ? {} : { title: e.title }),
      ...(e.complexity === undefined ? {} : { complexity: e.complexity }),
    }));
    arrivals = { kind: 'timeline', events: byTime(events) };
  }
  // Weights given explicitly mean "only these classes"; defaults apply only when none are given.
  const weights: Record<Complexity, number> =
    c.complexity === undefined
      ? { ...d.complexity }
      : { low: c.complexity.low ?? 0, medium: c.complexity.medium ?? 0, high: c.complexity.high ?? 0 };
  return {
    backlog: c.backlog ?? d.backlog,
    firstIssue: c.firstIssue ?? d.firstIssue,
    arrivals,
    complexityWeights: weights,
    heartbeatRequeueMs: ms(c.heartbeatRequeue, d.heartbeatRequeue),
    heartbeatIntervalMs: ms(c.heartbeatInterval, d.heartbeatInterval),
  };
}

function qualifyDeployment(dep: NonNullable<RunSettings['deployment']>): DeploymentSpec {
  const d = DEFAULTS.deployment;
  const name = dep.name ?? d.name;
  const staticName = `${name}${d.workerSuffix}`;
  let consumerId: ConsumerIdStrategy;
  const id = dep.consumerId ?? 'static';
  if (id === 'static') consumerId = { strategy: 'static', name: staticName };
  else if (id === 'pod-name' || id === 'statefulset') consumerId = { strategy: id };
  else if (id.strategy === 'static') consumerId = { strategy: 'static', name: id.name ?? staticName };
  else if (id.strategy === 'template') consumerId = { strategy: 'template', template: id.template };
  else consumerId = { strategy: id.strategy };
  const rollout = dep.rollout ?? {};
  return {
    name,
    replicas: dep.replicas ?? d.replicas,
    consumerId,
    rollout: {
      maxSurge: rollout.maxSurge ?? d.maxSurge,
      maxUnavailable: rollout.maxUnavailable ?? d.maxUnavailable,
      readinessMs: ms(rollout.readiness, d.readiness),
      terminationGraceMs: ms(rollout.terminationGrace, d.terminationGrace),
    },
    podStartMs: ms(dep.podStart, d.podStart),
  };
}

function guard(value: boolean | 'lock' | 'pr-exists' | undefined): IdempotencyGuard | false {
  if (value === true) return 'lock';
  return value === undefined ? false : value;
}

type ConsumerInput = Exclude<NonNullable<RunSettings['consumer']>, string>;

function qualifyConsumer(c: NonNullable<RunSettings['consumer']>, baseDir: string, issues: Issue[]): ConsumerSpec {
  const d = DEFAULTS.consumer;
  const spec: ConsumerInput = typeof c !== 'string' ? c : c === 'autoclaim' ? { strategy: c } : { strategy: c };
  const common = { idempotent: guard(spec.idempotent), blockMs: ms(spec.block, d.block) };
  if ('module' in spec) {
    const path = resolve(baseDir, spec.module);
    if (!isFile(path)) {
      issues.push({ segments: ['consumer', 'module'], expected: `an existing file (looked for ${path})`, found: describeValue(spec.module) });
    }
    return { strategy: 'module', module: path, ...common };
  }
  if (spec.strategy !== 'autoclaim') return { strategy: spec.strategy, ...common };
  return {
    strategy: 'autoclaim',
    ...common,
    minIdleMs: ms(spec.minIdle, d.minIdle),
    intervalMs: ms(spec.interval, d.interval),
    count: spec.count ?? d.count,
    heartbeatMs: ms(spec.heartbeat, 0),
    gcIdleConsumersMs: ms(spec.gcIdleConsumers, 0),
  };
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

function qualifyWork(w: NonNullable<RunSettings['work']>, issues: Issue[]): WorkSpec {
  const d = DEFAULTS.work;
  const dist = (input: DistributionInput | undefined, fallback: { median: number; p95: number }, at: PathSegment[]): Distribution =>
    input === undefined ? lognormalMinutes(fallback.median, fallback.p95) : toDistribution(input, at, issues);
  const m = w.minutes ?? {};
  return {
    minutes: {
      low: dist(m.low, d.minutes.low, ['work', 'minutes', 'low']),
      medium: dist(m.medium, d.minutes.medium, ['work', 'minutes', 'medium']),
      high: dist(m.high, d.minutes.high, ['work', 'minutes', 'high']),
    },
    reviewMinutes: dist(w.review, d.review, ['work', 'review']),
    operatorCloseMinutes: dist(w.operatorClose, d.operatorClose, ['work', 'operatorClose']),
  };
}

type FaultInput = NonNullable<NonNullable<RunSettings['faults']>['containerRestart']>;

function schedule(f: FaultInput | undefined): FaultSchedule {
  const at = (f?.at ?? []).map((t) =>
    typeof t === 'object' ? { atMs: ms(t.at, 0), ...(t.pod === undefined ? {} : { pod: t.pod }) } : { atMs: ms(t, 0) },
  );
  return { perPodPerDay: f?.perDay ?? 0, at: byTime(at) };
}

function qualifyFaults(f: NonNullable<RunSettings['faults']>): FaultsSpec {
  const initialMs = ms(f.crashLoopBackoff?.initial, 0);
  // With no explicit cap, Kubernetes' own cap applies (never below the initial delay).
  const defaultMax = initialMs === 0 ? 0 : Math.max(initialMs, ms(DEFAULTS.faults.crashLoopMax, 0));
  return {
    containerRestart: schedule(f.containerRestart),
    podReplacement: schedule(f.podReplacement),
    reconnect: schedule(f.reconnect),
    rollingUpdates: (f.rollingUpdate?.at ?? []).map((t) => ms(t, 0)).sort((a, b) => a - b),
    scale: byTime((f.scale ?? []).map((s) => ({ atMs: ms(s.at, 0), replicas: s.replicas }))),
    crashLoopBackoff: {
      initialMs,
      maxMs: f.crashLoopBackoff?.max === undefined ? defaultMax : ms(f.crashLoopBackoff.max, 0),
    },
    reconnectDelayMs: ms(f.reconnectDelay, 0),
  };
}

/** Times may be written in any order; the world wants them chronological (stable for ties). */
function byTime<T extends { readonly atMs: number }>(items: T[]): T[] {
  return items.slice().sort((a, b) => a.atMs - b.atMs);
}
