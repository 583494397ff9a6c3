/**
 * The qualified scenario: what the world simulates, with every default applied and every duration
 * converted to integer virtual milliseconds. Produced by the loader from a scenario file (YAML or
 * JSON); the world never sees the raw file.
 */
import type { Distribution } from '../engine/index.js';
import type { RedisVersion } from '../redis/model/profile.js';

/** Issue complexity classes; each has its own work-duration distribution. */
export type Complexity = 'low' | 'medium' | 'high';

/** A fault that fires at explicit times or at a Poisson rate. */
export interface FaultSchedule {
  /** Mean occurrences per pod per day (0 = never). */
  readonly perPodPerDay: number;
  /** Explicit occurrences: absolute virtual ms, and optionally which pod (replica ordinal). */
  readonly at: readonly { readonly atMs: number; readonly pod?: number }[];
}

/** How a pod's consumer name is chosen. */
export type ConsumerIdStrategy =
  | { readonly strategy: 'static'; readonly name: string }
  | { readonly strategy: 'pod-name' }
  | { readonly strategy: 'statefulset' }
  /** `{deployment}`, `{ordinal}`, `{pod}`, `{hash}`, `{suffix}` are substituted. */
  | { readonly strategy: 'template'; readonly template: string };

/** Built-in consumer loops, or a user module exporting the same function shape. */
export type ConsumerSpec =
  | {
      readonly strategy: 'rig' | 'new-only' | 'ack-first';
      readonly idempotent: IdempotencyGuard | false;
      readonly blockMs: number;
    }
  | {
      readonly strategy: 'autoclaim';
      readonly idempotent: IdempotencyGuard | false;
      readonly blockMs: number;
      readonly minIdleMs: number;
      readonly intervalMs: number;
      readonly count: number;
      /** Re-claim own in-flight entries this often to keep them fresh; 0 = off. */
      readonly heartbeatMs: number;
      /** Delete consumers with 0 pending that were idle this long; 0 = off. */
      readonly gcIdleConsumersMs: number;
    }
  | {
      readonly strategy: 'module';
      /** Absolute path, resolved against the scenario file's folder. */
      readonly module: string;
      readonly idempotent: IdempotencyGuard | false;
      readonly blockMs: number;
    };

/** Per-issue guard against duplicate work. */
export type IdempotencyGuard = 'lock' | 'pr-exists';

export interface ConductorSpec {
  /** Issues queued at time 0. */
  readonly backlog: number;
  /** Number of the first issue (the story starts at #201). */
  readonly firstIssue: number;
  readonly arrivals:
    | { readonly kind: 'none' }
    | { readonly kind: 'poisson'; readonly perHour: number }
    | { readonly kind: 'timeline'; readonly events: readonly { readonly issue: number; readonly atMs: number; readonly title?: string; readonly complexity?: Complexity }[] };
  /** Relative weights of complexity classes for generated issues. */
  readonly complexityWeights: Readonly<Record<Complexity, number>>;
  /** Re-dispatch an issue whose agent has not reported for this long; 0 = no watchdog. */
  readonly heartbeatRequeueMs: number;
  /** How often a working agent reports progress to the conductor. */
  readonly heartbeatIntervalMs: number;
}

export interface DeploymentSpec {
  readonly name: string;
  readonly replicas: number;
  readonly consumerId: ConsumerIdStrategy;
  readonly rollout: {
    readonly maxSurge: number;
    readonly maxUnavailable: number;
    readonly readinessMs: number;
    readonly terminationGraceMs: number;
  };
  /** Delay before a replacement pod starts (scheduling + image pull). */
  readonly podStartMs: number;
}

export interface WorkSpec {
  /** Work duration per complexity, in minutes (converted by the world). */
  readonly minutes: Readonly<Record<Complexity, Distribution>>;
  /** Time from PR opened to review done, minutes. */
  readonly reviewMinutes: Distribution;
  /** Delay before an operator closes a duplicate PR, minutes. */
  readonly operatorCloseMinutes: Distribution;
}

export interface FaultsSpec {
  readonly containerRestart: FaultSchedule;
  readonly podReplacement: FaultSchedule;
  readonly reconnect: FaultSchedule;
  /** Rolling updates of the whole deployment, at explicit times. */
  readonly rollingUpdates: readonly number[];
  /** Scale events: at a time, set replicas. */
  readonly scale: readonly { readonly atMs: number; readonly replicas: number }[];
  /** CrashLoopBackOff: first restart delay, doubling up to the cap. */
  readonly crashLoopBackoff: { readonly initialMs: number; readonly maxMs: number };
  /** How long a dropped Redis connection stays down before the client reconnects. */
  readonly reconnectDelayMs: number;
}

/** The consumer-cleanup job: what it deletes and how often it looks. */
export interface CleanupSpec {
  readonly everyMs: number;
  /** Deletes only consumers whose `idle` is longer than this (0: any). */
  readonly idleOverMs: number;
  /** Deletes consumers holding pending entries too, destroying those entries. */
  readonly withPending: boolean;
}

/** One variant, fully qualified. */
export interface QualifiedVariant {
  readonly name: string;
  readonly seed: number;
  /** Run length; with `untilBacklogEmpty` the run ends earlier when all issues are merged. */
  readonly durationMs: number;
  readonly untilBacklogEmpty: boolean;
  readonly stream: string;
  readonly group: string;
  readonly redis: {
    readonly latencyMs: number;
    /** Whose semantics the model follows: Redis 7.0, 7.2, 7.4 or Valkey 8.0. */
    readonly version: RedisVersion;
  };
  readonly conductor: ConductorSpec;
  readonly deployment: DeploymentSpec;
  readonly consumer: ConsumerSpec;
  readonly work: WorkSpec;
  readonly faults: FaultsSpec;
  /** The consumer-cleanup job, or null when the scenario runs none. */
  readonly cleanup: CleanupSpec | null;
}

/** A loaded scenario: its name, where it came from, and the variants to compare. */
export interface QualifiedScenario {
  readonly name: string;
  readonly description: string;
  /** Absolute path of the file, or '<inline>' for an object passed in code. */
  readonly source: string;
  readonly seed: number;
  readonly variants: readonly QualifiedVariant[];
}
