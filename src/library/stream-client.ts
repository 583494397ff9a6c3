/**
 * `StreamClient`: the part of a Redis client a stream consumer uses, as a structural interface that
 * both a real ioredis `Redis` and pelsim's simulated client satisfy. Type a consumer's connection
 * with it and the same module runs in production (`new Redis(url)`) and under pelsim, unchanged.
 *
 * Replies are typed as ioredis types them (`unknown[]` for stream replies); cast them to
 * {@link ReadGroupReply}, {@link AutoClaimReply} or {@link StreamEntry} lists as you would with ioredis.
 */
import type { ConsumerContextOf } from '../protocol/consumer-contract.js';

/** A string or number argument (Buffers are accepted by both clients but not needed here). */
type Arg = string | number;

/**
 * The Redis commands a consumer-group consumer needs, with ioredis's signatures. A real ioredis
 * `Redis` is assignable to it (checked by the type tests), and so is pelsim's `SimRedisClient`.
 */
export interface StreamClient {
  /** `ready`, `reconnecting`, `end`, … (ioredis has more states; compare with strings). */
  readonly status: string;
  /** `XREADGROUP GROUP <group> <consumer> [COUNT n] [BLOCK ms] STREAMS <key> <id>`; null when nothing arrived. */
  xreadgroup(...args: [groupToken: 'GROUP', group: string, consumer: string, ...rest: Arg[]]): Promise<unknown[] | null>;
  /** `XACK key group id…`: how many entries left the PEL. */
  xack(...args: [key: string, group: string, ...ids: Arg[]]): Promise<number>;
  /** `XADD key [options] * field value…`: the new entry's ID. */
  xadd(...args: [key: string, ...args: Arg[]]): Promise<string | null>;
  /** `XAUTOCLAIM key group consumer min-idle start`: `[cursor, entries, deletedIds]`. */
  xautoclaim(key: string, group: string, consumer: string, minIdleTime: number, start: string): Promise<unknown[]>;
  xautoclaim(key: string, group: string, consumer: string, minIdleTime: number, start: string, countToken: 'COUNT', count: number): Promise<unknown[]>;
  xautoclaim(
    key: string, group: string, consumer: string, minIdleTime: number, start: string, countToken: 'COUNT', count: number, justid: 'JUSTID',
  ): Promise<unknown[]>;
  /** `XCLAIM key group consumer min-idle id…`: the claimed entries. */
  xclaim(...args: [key: string, group: string, consumer: string, minIdleTime: Arg, ...ids: Arg[]]): Promise<unknown[]>;
  /** `XCLAIM … JUSTID`: the claimed IDs only (does not bump the delivery count). */
  xclaim(...args: [key: string, group: string, consumer: string, minIdleTime: Arg, ...ids: Arg[], justid: 'JUSTID']): Promise<unknown[]>;
  /** `XPENDING key group` (summary) or `XPENDING key group start end count [consumer]` (entries). */
  xpending(key: string, group: string): Promise<unknown[]>;
  xpending(key: string, group: string, start: Arg, end: Arg, count: Arg): Promise<unknown[]>;
  xpending(key: string, group: string, start: Arg, end: Arg, count: Arg, consumer: string): Promise<unknown[]>;
  xpending(key: string, group: string, idleToken: 'IDLE', minIdleTime: Arg, start: Arg, end: Arg, count: Arg): Promise<unknown[]>;
  /** `XGROUP CREATE key group id [MKSTREAM]`, `XGROUP DELCONSUMER key group consumer`. */
  xgroup(subcommand: 'CREATE', key: string, group: string, id: Arg): Promise<unknown>;
  xgroup(subcommand: 'CREATE', key: string, group: string, id: Arg, mkstream: 'MKSTREAM'): Promise<unknown>;
  xgroup(subcommand: 'DELCONSUMER', key: string, group: string, consumer: string): Promise<unknown>;
  /** `XINFO CONSUMERS key group`, `XINFO GROUPS key`, `XINFO STREAM key`. */
  xinfo(subcommand: 'CONSUMERS', key: string, group: string): Promise<unknown>;
  xinfo(subcommand: 'GROUPS' | 'STREAM', key: string): Promise<unknown>;
  /** `XLEN key`. */
  xlen(key: string): Promise<number>;
  /** `GET key`. */
  get(key: string): Promise<string | null>;
  /** `SET key value`, or `SET key value PX ms NX` (a lock: null when someone holds it). */
  set(key: string, value: Arg): Promise<string | null>;
  set(key: string, value: Arg, millisecondsToken: 'PX', milliseconds: Arg, nx: 'NX'): Promise<string | null>;
  /** `DEL key…`. */
  del(...args: [...keys: string[]]): Promise<number>;
  /** Connection events: `ready` (also after a reconnect), `reconnecting`, `end`, `error`. */
  on(event: 'ready' | 'reconnecting' | 'end' | 'close' | 'error', listener: (...args: unknown[]) => void): unknown;
  /** Closes the connection. */
  quit(): Promise<unknown>;
}

/** One stream entry as both clients return it; fields are null for a deleted entry still pending. */
export type StreamEntryReply = [id: string, fields: string[] | null];

/** What a consumer receives: the simulator's context with the connection typed as a {@link StreamClient}. */
export type StreamConsumerContext = ConsumerContextOf<StreamClient>;

/** A consumer module's default export: runs for the life of one container. */
export type StreamConsumer = (ctx: StreamConsumerContext) => Promise<void>;

/**
 * Returns `consumer` unchanged, typed so that its `ctx.redis` is a {@link StreamClient}: the
 * module then compiles against production code (`new Redis()` fits) and loads in pelsim as
 * `consumer: { module: ./file.ts }`.
 */
export function defineConsumer(consumer: StreamConsumer): StreamConsumer {
  return consumer;
}
