/**
 * A Redis Streams consumer written for production with ioredis, and tested with pelsim unchanged.
 *
 * - Consumer name = pod name (unique per pod), so a history read never returns a sibling's work.
 * - On start and after every reconnect it drains its own history (`0`), then reads `>` one at a time.
 * - While an agent works an issue (implementation, review, merge), a heartbeat re-claims the entry
 *   (`XCLAIM … JUSTID`, min-idle 0) every 2 minutes, so its idle time stays low and nobody's
 *   XAUTOCLAIM takes live work.
 * - Every minute it XAUTOCLAIMs one entry idle for 10 minutes: the work of replaced pods.
 * - It acknowledges an issue only after its PR merged.
 *
 * It imports only types from ioredis and pelsim: its `ctx.redis` is a `StreamClient`, the structural
 * subset of a Redis client that both ioredis's `Redis` and pelsim's simulated client satisfy, so
 * production hands it `new Redis(url)` (see `startConsumer`) and pelsim its simulated client.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { Agent, IssueMessage, StreamConsumer, StreamConsumerContext, StreamEntryReply } from 'pelsim';

/** Entries idle this long belong to a dead consumer (our own heartbeat keeps live ones fresh). */
export const MIN_IDLE_MS = 10 * 60_000;
const HEARTBEAT_MS = 2 * 60_000;
const SWEEP_EVERY_MS = 60_000;

/** The consumer loop: pelsim loads it from a scenario (`consumer: { module: ./consumer.ts }`). */
const consumer: StreamConsumer = async (ctx) => {
  const { redis, stream, group, consumerId } = ctx;
  let readHistory = true;
  redis.on('ready', () => {
    readHistory = true;
  });

  const work = async (entry: StreamEntryReply): Promise<void> => {
    const message = parseIssue(entry);
    if (message === null) {
      await redis.xack(stream, group, entry[0]);
      return;
    }
    let done = false;
    // Runs beside the agent for the whole work (implementation, review, merge): a closed
    // connection (the container died) just ends it.
    const heartbeat = async (): Promise<void> => {
      for (;;) {
        await ctx.sleep(HEARTBEAT_MS);
        if (done) return;
        await redis.xclaim(stream, group, consumerId, 0, entry[0], 'JUSTID');
      }
    };
    heartbeat().catch(() => undefined);
    let outcome;
    try {
      outcome = await ctx.agent.work(message);
    } finally {
      done = true;
    }
    if (outcome !== 'skipped') await redis.xack(stream, group, entry[0]);
  };

  let nextSweep = ctx.now();
  while (!ctx.terminating) {
    if (readHistory) {
      readHistory = false;
      const history = await redis.xreadgroup('GROUP', group, consumerId, 'STREAMS', stream, '0');
      for (const entry of entriesOf(history)) await work(entry);
      continue;
    }
    if (ctx.now() >= nextSweep) {
      nextSweep = ctx.now() + SWEEP_EVERY_MS;
      // COUNT 1: an entry claimed but left waiting behind another would go idle again and be
      // claimed by a third pod (`pelsim hunt` found exactly that with COUNT 10).
      const [, claimed] = (await redis.xautoclaim(stream, group, consumerId, MIN_IDLE_MS, '0-0', 'COUNT', 1)) as [string, StreamEntryReply[]];
      for (const entry of claimed) await work(entry);
      continue;
    }
    const block = Math.max(1, Math.min(ctx.blockMs, nextSweep - ctx.now()));
    const reply = await redis.xreadgroup('GROUP', group, consumerId, 'COUNT', 1, 'BLOCK', block, 'STREAMS', stream, '>');
    for (const entry of entriesOf(reply)) await work(entry);
  }
};
export default consumer;

/** How production starts it: on a real ioredis connection, in real time, until `signal` aborts. */
export interface ProductionOptions {
  readonly stream: string;
  readonly group: string;
  /** The pod name (HOSTNAME). */
  readonly consumerId: string;
  readonly agent: Agent;
  readonly blockMs?: number;
  readonly signal?: AbortSignal;
}

/** Runs the consumer on `redis`, an ioredis connection: a `Redis` is a `StreamClient`, so this compiles as is. */
export function startConsumer(redis: Redis, options: ProductionOptions): Promise<void> {
  let terminating = options.signal?.aborted ?? false;
  options.signal?.addEventListener('abort', () => {
    terminating = true;
  });
  const { stream, group, consumerId, agent } = options;
  const ctx: StreamConsumerContext = {
    redis,
    stream,
    group,
    consumerId,
    podName: consumerId,
    blockMs: options.blockMs ?? 5_000,
    env: { CONSUMER_ID: consumerId, HOSTNAME: consumerId, STREAM: stream, GROUP: group },
    agent,
    // Unref'd: a heartbeat still sleeping when the consumer stops does not keep the process alive.
    sleep: (ms) => delay(ms, undefined, { ref: false }),
    now: () => Date.now(),
    log: (line) => console.log(`[${consumerId}] ${line}`),
    get terminating() {
      return terminating;
    },
  };
  return consumer(ctx);
}

/** The `[id, fields]` entries of an XREADGROUP reply (none when it timed out). */
function entriesOf(reply: unknown[] | null): StreamEntryReply[] {
  if (reply === null) return [];
  return (reply as [string, StreamEntryReply[]][]).flatMap(([, entries]) => entries);
}

/** An ISSUE_ASSIGNED entry (`type`, `issue`, `title`, `complexity` fields), or null for anything else. */
export function parseIssue([entryId, fields]: StreamEntryReply): IssueMessage | null {
  if (fields === null) return null;
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const [name, value] = [fields[i], fields[i + 1]];
    if (name !== undefined && value !== undefined) map.set(name, value);
  }
  const issue = Number(map.get('issue'));
  if (map.get('type') !== 'ISSUE_ASSIGNED' || !Number.isInteger(issue)) return null;
  return { entryId, issue, title: map.get('title') ?? '', complexity: map.get('complexity') ?? 'medium' };
}
