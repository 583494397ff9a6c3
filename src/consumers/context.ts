import type { ConsumerContextOf } from '../protocol/consumer-contract.js';
import type { SimRedisClient } from '../redis/index.js';

export type { Agent, ConsumerContextOf, WorkHooks, WorkOutcome } from '../protocol/consumer-contract.js';

/** The context pelsim's world passes: the connection is the simulated client. */
export type ConsumerContext = ConsumerContextOf<SimRedisClient>;

/** A consumer loop: runs for the life of one container; returning ends the container cleanly. */
export type ConsumerLoop = (ctx: ConsumerContext) => Promise<void>;

/** The `[id, fields]` entries of an XREADGROUP reply for one stream (empty when none). */
export function entriesOf(
  reply: readonly (readonly [string, readonly (readonly [string, readonly string[] | null])[]])[] | null,
): (readonly [string, readonly string[] | null])[] {
  if (!reply) return [];
  return reply.flatMap(([, entries]) => entries);
}
