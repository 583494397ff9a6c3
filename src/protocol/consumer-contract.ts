/**
 * What the world hands a consumer and what the consumer may ask of it: the context of one container
 * and the coding agent. The world implements it, consumers use it; it lives below both.
 */
import type { IssueMessage } from './issue-message.js';

/**
 * How one piece of agent work ended: merged; closed by the operator; a conflicting second merge;
 * `skipped` by a guard because someone else holds the issue (leave the entry to them); or
 * `already-done` because a guard saw the issue merged (acknowledge it).
 */
export type WorkOutcome = 'merged' | 'closed' | 'conflict' | 'skipped' | 'already-done';

/** Called every `everyMs` while the agent implements, e.g. to re-claim the entry so it stays fresh. */
export interface WorkHooks {
  readonly everyMs: number;
  beat(): Promise<void>;
}

/** The coding agent a consumer hands issues to. */
export interface Agent {
  /**
   * Works an issue end to end in virtual time: branch, implementation, PR, review, merge.
   * Resolves with how it ended. A crash of the pod mid-work loses it (the promise never settles).
   */
  work(message: IssueMessage, hooks?: WorkHooks): Promise<WorkOutcome>;
  /** True if some PR (open or merged) already exists for the issue: the "PR already exists?" guard. */
  prExists(issue: number): Promise<boolean>;
  /** True once a PR for the issue has merged. */
  isMerged(issue: number): Promise<boolean>;
}

/**
 * Everything a consumer loop gets, for a given client type. Consumer code talks to Redis only
 * through `redis`, an ioredis-shaped client, so the same loop runs against a real server.
 */
export interface ConsumerContextOf<Client> {
  /** This container's connection: pelsim's client in simulation, a real ioredis `Redis` in production. */
  readonly redis: Client;
  readonly stream: string;
  readonly group: string;
  /** The consumer name this pod uses (from its CONSUMER_ID). */
  readonly consumerId: string;
  /** The pod name (HOSTNAME). */
  readonly podName: string;
  /** BLOCK argument for reads, in ms. */
  readonly blockMs: number;
  /**
   * The address of the Redis server, e.g. `redis://pelsim.invalid:6379` (always set by pelsim; also
   * in `env.REDIS_URL`): a consumer written for production builds its own client from it
   * (`new Redis(ctx.url)`, `createClient({ url: ctx.url })`). Optional so contexts built by hand in
   * production code need not carry it.
   */
  readonly url?: string;
  /** The container's environment: CONSUMER_ID, HOSTNAME, STREAM, GROUP, REDIS_URL. */
  readonly env: Readonly<Record<string, string>>;
  readonly agent: Agent;
  /** Sleeps (virtual time in pelsim, real time in production). */
  sleep(ms: number): Promise<void>;
  /** Milliseconds: virtual since the start of the run in pelsim, the wall clock in production. */
  now(): number;
  /** A line for the trace/debug log. */
  log(message: string): void;
  /** True once the pod got SIGTERM: finish what you are doing, take nothing new. */
  readonly terminating: boolean;
}
