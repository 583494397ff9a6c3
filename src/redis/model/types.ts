/**
 * The contract between the pure Redis Streams model (this folder) and the server/client layer
 * (`src/redis/server.ts`, `src/redis/client.ts`) that adds connections, blocking and virtual time.
 *
 * The model is synchronous and has no clock of its own: every call receives `now` (virtual ms).
 */
import type { StreamId } from './ids.js';

/**
 * A reply as Redis sends it, shaped as ioredis returns it from a real Redis 7.0 for
 * `redis.call(...)`. An integer beyond ±(2^53-1) is a bigint holding Redis's exact value (a 64-bit
 * counter); a client converts it as its own protocol parser would (see `src/redis/client-reply.ts`).
 */
export type Reply = string | number | bigint | null | Reply[];

/** An error reply. `message` is Redis's exact text, e.g. `NOGROUP No such key 'k' or ...`. */
export class RedisReplyError extends Error {
  override readonly name = 'ReplyError';
  constructor(message: string) {
    super(message);
  }
}

/**
 * A read that could not be served synchronously and asked to BLOCK: an XREADGROUP `>` read or an
 * XREAD. Opaque to the server layer except for `keys` and `timeoutMs`.
 */
export type BlockedRead = BlockedGroupRead | BlockedStreamRead;

/** Fields shared by every blocked read. */
interface BlockedReadBase {
  /** Stream keys the read waits on, in argument order. */
  readonly keys: readonly string[];
  /** BLOCK argument in ms; 0 means wait forever. */
  readonly timeoutMs: number;
  /**
   * Entries to serve at most: the COUNT argument, or when none was given 1000 (7.0) or 0, no limit
   * (7.2+, where the command is re-executed).
   */
  readonly count: number;
  /** The command to re-execute when woken (7.2+), with XREAD's `$` IDs replaced by what they meant. */
  readonly argv: readonly string[];
}

/** `XREADGROUP … BLOCK ms … >` waiting for entries above its group's last-delivered ID. */
export interface BlockedGroupRead extends BlockedReadBase {
  readonly kind: 'group';
  /** Consumer group name; looked up again by name when the read is served (it may be gone). */
  readonly group: string;
  /** Consumer name; looked up again when the read is served or re-executed. */
  readonly consumer: string;
  /** NOACK was given: serving creates no PEL records. */
  readonly noack: boolean;
  /** A BLOCK value is long enough for 7.2+'s deadline check to depend on the clock (see `blockTimeoutArg`). */
  readonly blockNeedsClock: boolean;
}

/** `XREAD … BLOCK ms STREAMS …` waiting for entries above a fixed ID per key (`$` already resolved). */
export interface BlockedStreamRead extends BlockedReadBase {
  readonly kind: 'stream';
  /** For each of `keys`, the ID the new entries must be above. */
  readonly after: readonly StreamId[];
}

/** Who sent a command, where that changes what it does. */
export interface ExecOptions {
  /**
   * Sent by a Lua script (`redis.call`): XREAD / XREADGROUP refuse BLOCK while parsing where the
   * profile's scripting dialect says so (`blockRefused`).
   */
  readonly fromScript?: boolean;
}

/** Result of executing one command. */
export type ExecResult =
  | { readonly kind: 'reply'; readonly reply: Reply }
  | { readonly kind: 'block'; readonly read: BlockedRead };

/**
 * Outcome of offering a ready key to one blocked read: served, failed, still blocked where it was
 * in the queue (7.0, or a key a read does not react to), or re-executed and blocked again, which
 * puts it behind the other readers of each of its keys (7.2+).
 */
export type ServeOutcome =
  | { readonly kind: 'served'; readonly reply: Reply }
  | { readonly kind: 'error'; readonly error: RedisReplyError }
  | { readonly kind: 'still-blocked' }
  | { readonly kind: 'blocked-again' };
