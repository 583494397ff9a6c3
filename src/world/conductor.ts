import { sampler, type Rng, type Simulation } from '../engine/index.js';
import type { SimRedisClient } from '../redis/index.js';
import type { Complexity, ConductorSpec } from '../scenario/types.js';
import { issueFields } from '../protocol/issue-message.js';
import { present } from '../errors.js';
import type { Trace } from './trace.js';

const COMPLEXITIES: readonly Complexity[] = ['low', 'medium', 'high'];

/** Titles in the spirit of the story, so branches and reports read naturally. */
const TITLE_WORDS = [
  'unit test coverage gap', 'missing validation on event schema', 'flaky retry in dispatcher', 'null handling in parser',
  'slow query on assignments', 'logging noise in worker', 'config reload race', 'pagination off by one',
  'timeout on webhook', 'stale cache after deploy',
];

/**
 * The conductor: appends ISSUE_ASSIGNED entries to the stream (a backlog at start, then arrivals),
 * and optionally re-dispatches issues whose agent went silent. It talks to Redis only through its
 * client.
 */
export class Conductor {
  private readonly lastHeartbeat = new Map<number, number>();
  private readonly dispatchedAt = new Map<number, number>();
  private readonly titles = new Map<number, { title: string; complexity: Complexity }>();
  private nextIssue: number;
  private arrivalsDone = false;

  constructor(
    private readonly sim: Simulation,
    private readonly redis: SimRedisClient,
    private readonly spec: ConductorSpec,
    private readonly stream: string,
    private readonly trace: Trace,
    private readonly rng: (purpose: string) => Rng,
    /** True once some PR for the issue merged (the conductor hears of merges by webhook). */
    private readonly isMerged: (issue: number) => boolean,
  ) {
    this.nextIssue = spec.firstIssue;
  }

  /** Issues dispatched so far (unique numbers), in order. */
  get issues(): readonly number[] {
    return [...this.dispatchedAt.keys()];
  }

  /** True when no more issues will arrive. */
  get finishedArriving(): boolean {
    return this.arrivalsDone;
  }

  /** Virtual time an issue was first dispatched. */
  firstDispatch(issue: number): number | undefined {
    return this.dispatchedAt.get(issue);
  }

  /** An agent reports progress on an issue. */
  heartbeat(issue: number): void {
    this.lastHeartbeat.set(issue, this.sim.now);
  }

  /** The conductor's main process: backlog, then arrivals. */
  readonly run = async (): Promise<void> => {
    for (let i = 0; i < this.spec.backlog; i++) await this.dispatch(this.nextIssue++);
    const arrivals = this.spec.arrivals;
    if (arrivals.kind === 'poisson' && arrivals.perHour > 0) {
      const gap = sampler({ kind: 'exponential', mean: 3_600_000 / arrivals.perHour }, this.rng('arrivals'));
      for (;;) {
        await this.sim.sleep(Math.max(1, Math.round(gap())));
        await this.dispatch(this.nextIssue++);
      }
    }
    if (arrivals.kind === 'timeline') {
      const events = [...arrivals.events].sort((a, b) => a.atMs - b.atMs);
      for (const event of events) {
        if (event.atMs > this.sim.now) await this.sim.sleep(event.atMs - this.sim.now);
        if (event.title !== undefined || event.complexity !== undefined) {
          this.titles.set(event.issue, {
            title: event.title ?? this.titleFor(event.issue),
            complexity: event.complexity ?? this.complexityFor(event.issue),
          });
        }
        await this.dispatch(event.issue);
      }
    }
    this.arrivalsDone = true;
  };

  /** The heartbeat watchdog: every minute, re-dispatch issues silent for longer than the limit. */
  readonly watchdog = async (): Promise<void> => {
    const limit = this.spec.heartbeatRequeueMs;
    if (limit <= 0) return;
    for (;;) {
      await this.sim.sleep(60_000);
      for (const [issue, last] of this.lastHeartbeat) {
        if (this.isMerged(issue)) {
          this.lastHeartbeat.delete(issue);
          continue;
        }
        const silent = this.sim.now - last;
        if (silent < limit) continue;
        // Re-queued as unassigned: it waits for a fresh heartbeat before it can be re-queued again.
        this.lastHeartbeat.delete(issue);
        this.trace.record({ kind: 'requeue', at: this.sim.now, issue, silentMinutes: Math.round(silent / 60_000) });
        await this.dispatch(issue, true);
      }
    }
  };

  private async dispatch(issue: number, redispatch = false): Promise<void> {
    const { title, complexity } = this.describe(issue);
    const entryId = (await this.redis.xadd(this.stream, '*', ...issueFields(issue, title, complexity))) as string;
    if (!this.dispatchedAt.has(issue)) this.dispatchedAt.set(issue, this.sim.now);
    this.trace.record({ kind: 'dispatch', at: this.sim.now, issue, entryId, title, complexity, redispatch });
  }

  private describe(issue: number): { title: string; complexity: Complexity } {
    let known = this.titles.get(issue);
    if (!known) {
      known = { title: this.titleFor(issue), complexity: this.complexityFor(issue) };
      this.titles.set(issue, known);
    }
    return known;
  }

  private titleFor(issue: number): string {
    return present(TITLE_WORDS[issue % TITLE_WORDS.length], `issue numbers are non-negative integers, got ${issue}`);
  }

  /** Drawn per issue number from its own stream, so every variant sees the same issues. */
  private complexityFor(issue: number): Complexity {
    const weights = this.spec.complexityWeights;
    const total = COMPLEXITIES.reduce((sum, c) => sum + weights[c], 0);
    let target = this.rng(`complexity:${issue}`)() * total;
    for (const c of COMPLEXITIES) {
      target -= weights[c];
      if (target < 0) return c;
    }
    return 'medium';
  }
}
