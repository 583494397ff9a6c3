import type { RedisVersion } from '../redis/model/index.js';
import type { TraceEvent } from '../world/trace.js';

/**
 * How one issue came to be worked twice: a history read under a consumer name another pod shares,
 * a claim of work still in progress, a conductor re-dispatch after a missed heartbeat, or a retry
 * after the first work's pod stopped (its PR was already open).
 */
export type DuplicateMechanism = 'history-read-shared-name' | 'claim-of-live-work' | 'conductor-redispatch' | 'retry-after-crash';

/** The headline numbers of one variant's run. */
export interface Metrics {
  /** Unique issues the conductor dispatched. */
  readonly issuesDispatched: number;
  /** Unique issues merged. */
  readonly issuesCompleted: number;
  /** Unique issues merged per hour of the run. */
  readonly issuesPerHour: number;
  /** PRs beyond the first for an issue. */
  readonly duplicatePRs: number;
  /** Deliveries of an issue while another pod was working on it, or after it merged. */
  readonly duplicateDeliveries: number;
  /** Branches that got a suffix because a branch for the issue existed. */
  readonly branchCollisions: number;
  /** Reviews assigned while another PR for the same issue was open. */
  readonly conflictingReviews: number;
  /** Duplicate PRs closed by hand. */
  readonly operatorCloses: number;
  /** Second merges of one issue, refused as conflicts. */
  readonly mergeConflicts: number;
  /** Not merged, still pending at the end, but only under consumer names no existing pod uses. */
  readonly strandedIssues: number;
  /** Not merged and pending nowhere: nobody will ever work them again. */
  readonly lostIssues: number;
  /** Not merged but queued, pending under a live consumer, or being worked at the end. */
  readonly inFlightIssues: number;
  /**
   * Part of the in-flight issues: pending under a live consumer that nobody is working on, e.g.
   * a new-only consumer's crashed entries. They wait for a history read or a claim that may never come.
   */
  readonly idlePendingIssues: number;
  /** Agent time spent on work that was lost in a crash, closed as a duplicate or conflicted. */
  readonly wastedAgentHours: number;
  /**
   * Minutes from first dispatch to merge, median, over every dispatched issue: the Kaplan–Meier
   * estimate, with issues unmerged at the end counted as censored (they took at least that long).
   * Null when fewer than half the issues merged as far as the estimate reaches: the median is
   * beyond {@link latencyHorizonMinutes}.
   */
  readonly latencyP50Minutes: number | null;
  /** The same for the 95th percentile; null when the estimate never reaches 95 % merged. */
  readonly latencyP95Minutes: number | null;
  /**
   * Mean minutes from dispatch to merge restricted to {@link latencyHorizonMinutes} (the area under
   * the Kaplan–Meier curve): a lower bound on the mean while issues remain unmerged.
   */
  readonly latencyMeanMinutes: number | null;
  /** The longest an issue was observed, to its merge or to the end of the run: where the estimate ends (null: no issue). */
  readonly latencyHorizonMinutes: number | null;
  /** Largest PEL seen by the monitor (sampled every 5 virtual minutes, and at the end). */
  readonly maxPelLength: number;
  /** Consumers the group lists at the end: the leak. */
  readonly consumersAtEnd: number;
  /** Consumers the cleanup job deleted with XGROUP DELCONSUMER (a name may be deleted, re-created and deleted again). */
  readonly consumersDeleted: number;
  /**
   * Pending entries those deletions destroyed: removed from the PEL unacknowledged, so nobody can
   * read, claim or acknowledge them again. An issue whose work was still running can still merge.
   */
  readonly pendingDestroyed: number;
  /** Container crashes, injected faults included; each is followed by a restart after CrashLoopBackOff. */
  readonly containerRestarts: number;
  /** Container crashes caused by the consumer code (it threw); {@link VariantResult.crashes} has them by reason. */
  readonly consumerCrashes: number;
  readonly podReplacements: number;
  readonly reconnects: number;
  readonly conductorRequeues: number;
  /** Duplicate PRs by mechanism. */
  readonly duplicatesByMechanism: Readonly<Record<DuplicateMechanism, number>>;
}

/** Hourly series; index i covers [i h, (i+1) h). */
export interface Series {
  readonly hour: readonly number[];
  /** Issues merged during the hour. */
  readonly completed: readonly number[];
  /** Works in progress at the end of the hour. */
  readonly inFlight: readonly number[];
  /** Largest PEL length sampled during the hour. */
  readonly pelLength: readonly number[];
  readonly livePods: readonly number[];
  readonly consumers: readonly number[];
  /** Stranded pending entries at the end of the hour. */
  readonly stranded: readonly number[];
  /** Duplicate PRs opened during the hour. */
  readonly duplicatePRs: readonly number[];
}

/** A duplicate PR with the chain of events that caused it. */
export interface DuplicateReport {
  readonly issue: number;
  readonly pr: number;
  readonly at: number;
  readonly mechanism: DuplicateMechanism;
  readonly chain: string;
}

/** Container crashes that share one reason. */
export interface CrashReason {
  /** What the consumer threw, with its class (`TypeError: x is not a function`, `NOGROUP No such key …`), or the injected fault. */
  readonly reason: string;
  /** `consumer`: the consumer code threw; `fault`: the scenario injected the crash (`faults.containerRestart`). */
  readonly origin: 'consumer' | 'fault';
  readonly crashes: number;
  /** Restarts that followed these crashes (a crash near the end of the run may have none yet). */
  readonly restarts: number;
  /** The first crash with this reason: the pod and virtual ms. */
  readonly first: { readonly pod: string; readonly at: number };
}

/**
 * A run whose consumer did not work: every container start crashed in consumer code (`crash-loop`),
 * or issues waited and none was merged nor being worked at the end (`no-progress`). `pelsim run`
 * exits 1 with {@link summary}; `pelsim check`, `assertScenario` and the vitest matchers fail unless
 * crashes are allowed.
 */
export interface ConsumerFailure {
  readonly kind: 'crash-loop' | 'no-progress';
  /** One line: what happened, with the first crash's reason, pod, virtual time and module. */
  readonly summary: string;
  /** The first crash of consumer code, when there was one. */
  readonly firstCrash?: { readonly reason: string; readonly pod: string; readonly at: number };
  /** The consumer module (relative to the working directory) or built-in strategy. */
  readonly consumer?: string;
}

/** One variant's results as written to results.json. */
export interface VariantResult {
  readonly name: string;
  readonly seed: number;
  /** Whose semantics the simulated server followed: `7.0`, `7.2`, `7.4` or `valkey-8.0`. */
  readonly redisVersion: RedisVersion;
  readonly durationHours: number;
  readonly metrics: Metrics;
  readonly series: Series;
  readonly duplicates: readonly DuplicateReport[];
  /** Container crashes by reason, in order of first occurrence. */
  readonly crashes: readonly CrashReason[];
  /** Why the consumer did not work, or null when it did; see {@link ConsumerFailure}. */
  readonly consumerFailure: ConsumerFailure | null;
  /** Reconciliation: dispatched = completed + inFlight + stranded + lost. */
  readonly reconciles: boolean;
}

/** An unfinished issue (stranded or lost) with the chain of events that left it so. */
export interface IssueReport {
  readonly issue: number;
  /** One line a person can read, e.g. `issue #205: delivered to … ; pod … was replaced at 03:10; …`. */
  readonly chain: string;
}

/** How long one merged issue took: from its first dispatch to its first merge. */
export interface IssueLatency {
  readonly issue: number;
  /** Virtual ms of the first dispatch. */
  readonly dispatchedAt: number;
  /** Virtual ms of the first merge that was not a conflict. */
  readonly mergedAt: number;
  readonly minutes: number;
}

/** Everything pelsim concludes from one variant's run; see `analyze`. */
export interface RunAnalysis {
  /** What results.json holds for the variant: metrics, series, duplicate chains, reconciliation. */
  readonly result: VariantResult;
  /** Stranded issues (pending only under names no pod uses), in dispatch order, with cause chains. */
  readonly stranded: readonly IssueReport[];
  /** Lost issues (pending nowhere, never merged), in dispatch order, with cause chains. */
  readonly lost: readonly IssueReport[];
  /** Unmerged issues still queued, pending under a live consumer or being worked at the end. */
  readonly inFlight: readonly number[];
  /** Latency of every merged issue, in merge order. */
  readonly latencies: readonly IssueLatency[];
}

/** The results of a scenario run, as written to results.json. */
export interface ScenarioResults {
  readonly scenario: string;
  readonly description: string;
  readonly seed: number;
  readonly variants: readonly VariantResult[];
}

/** A trace event tagged with its variant: one line of events.jsonl. */
export type TaggedEvent = TraceEvent & { readonly variant: string };
