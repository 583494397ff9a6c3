/**
 * Defaults of the file format, in one place so the docs (`schema.ts` descriptions) and the loader
 * can be checked against each other. They describe the story's rig: one pod, a static consumer
 * name, the `rig` consumer, agent work of about an hour.
 */
import type { Complexity } from './types.js';

export const DEFAULTS = {
  seed: 1,
  duration: '7d',
  maxDuration: '30d',
  stream: 'issues',
  group: 'dev-e-dotnet',
  redisLatencyMs: 0,
  variantName: 'default',
  conductor: {
    backlog: 0,
    firstIssue: 201,
    complexity: { low: 0.5, medium: 0.35, high: 0.15 } satisfies Record<Complexity, number>,
    heartbeatRequeue: 0,
    heartbeatInterval: '5m',
  },
  deployment: {
    name: 'dev-e-dotnet',
    replicas: 1,
    /** The static consumer name is `<deployment>-worker`, as in the story's HelmRelease. */
    workerSuffix: '-worker',
    maxSurge: 1,
    maxUnavailable: 0,
    readiness: '30s',
    terminationGrace: '30s',
    podStart: '20s',
  },
  consumer: {
    block: '5s',
    minIdle: '30m',
    interval: '1m',
    count: 10,
  },
  work: {
    minutes: {
      low: { median: 30, p95: 60 },
      medium: { median: 50, p95: 100 },
      high: { median: 90, p95: 180 },
    } satisfies Record<Complexity, { median: number; p95: number }>,
    review: { median: 5, p95: 15 },
    operatorClose: { median: 30, p95: 120 },
  },
  cleanup: {
    every: '10m',
  },
  faults: {
    /** Kubernetes caps CrashLoopBackOff at five minutes; used once an initial delay is given. */
    crashLoopMax: '5m',
  },
} as const;
