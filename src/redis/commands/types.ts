/**
 * The contract of the command table: a connection's state, what a command sees while it runs, and
 * what it returns. Everything here is synchronous, so the same commands serve RESP connections,
 * the direct client, MULTI/EXEC and scripts (`redis.call`).
 */
import type { KeyValueStore } from '../kv-store.js';
import type { PubSubHub } from '../pubsub.js';
import type { ServeOutcome, StreamModel } from '../model/index.js';
import type { Protocol } from '../resp/encoder.js';
import type { Scripting } from '../scripting/index.js';
import type { RespValue } from '../resp/values.js';

/** Per-connection state, as Redis keeps it in its `client` struct. */
export interface Session {
  /** CLIENT ID: unique per server, increasing. */
  readonly id: number;
  /** RESP version chosen with HELLO (2 until then). */
  protocol: Protocol;
  /** CLIENT SETNAME / HELLO SETNAME; null when unnamed. */
  name: string | null;
  /** CLIENT SETINFO LIB-NAME / LIB-VER. */
  libName: string | null;
  libVersion: string | null;
  /** SELECTed database; pelsim models database 0 only. */
  db: number;
  /** Commands queued since MULTI, or null outside a transaction. */
  transaction: { readonly queued: string[][]; aborted: boolean } | null;
  /** WATCHed keys, and whether one of them was modified since. */
  watched: Set<string> | null;
  watchDirty: boolean;
  /** QUIT was received: close the connection once the reply is written. */
  closing: boolean;
  /** Virtual time of connection, for CLIENT LIST `age`. */
  readonly createdAt: number;
  /** Channels and patterns subscribed to (SUBSCRIBE, PSUBSCRIBE), or null when none ever was. */
  subscriptions: Subscriptions | null;
  /**
   * Writes a push (a pub/sub message) to the connection in order with its replies; null on a
   * connection that cannot hear them (the direct client).
   */
  push: ((frame: RespValue) => void) | null;
}

/** A connection's pub/sub subscriptions, in the order they were made. */
export interface Subscriptions {
  readonly channels: Set<string>;
  readonly patterns: Set<string>;
}

/** What a command may reach of the server while it runs. */
export interface ServerView {
  /** Stream keys and their groups. */
  readonly streams: StreamModel;
  /** Non-stream values (strings, hashes, lists, sets, sorted sets). */
  readonly values: KeyValueStore;
  /** Open sessions, oldest first (CLIENT LIST, INFO clients). */
  sessions(): Iterable<Session>;
  /** The Lua scripts and functions loaded on this server. */
  readonly scripting: Scripting;
  /** Connections currently blocked in a command. */
  readonly blockedClients: number;
  /** Channels, patterns and their subscribers (PUBLISH, PUBSUB). */
  readonly pubsub: PubSubHub;
  /** Writes one line to pelsim's log (e.g. an unknown command); never to the client. */
  log(line: string): void;
  /** True while some session WATCHes a key: until then a write need not list its keys for {@link touch}. */
  readonly watching: boolean;
  /** Marks `key` modified for WATCH (every write command does this for its keys). */
  touch(key: string): void;
  /** Marks every key modified (FLUSHALL). */
  touchAll(): void;
}

/** Everything a command sees while it runs. */
export interface CommandContext {
  readonly session: Session;
  /** Virtual time in ms (Redis's `mstime()`). */
  readonly now: number;
  readonly server: ServerView;
  /**
   * True inside EXEC or a script: a blocking command must answer at once (XREADGROUP BLOCK with
   * nothing to read replies nil), as Redis does.
   */
  readonly atomic: boolean;
  /** True for a command a Lua script sends (`redis.call`): some commands refuse options there. */
  readonly fromScript?: boolean;
}

/** A command that must wait: the server parks the connection until a key is ready or time runs out. */
export interface Blocking {
  /** Keys whose readiness may serve it, in argument order. */
  readonly keys: readonly string[];
  /** BLOCK argument in ms; 0 waits forever. */
  readonly timeoutMs: number;
  /** Offers ready `key`; `still-blocked` keeps waiting. */
  serve(key: string, now: number): ServeOutcome;
  /** The reply when the timeout fires (nil for XREADGROUP). */
  readonly timeoutReply: RespValue;
  /**
   * The command timed out and its client sends it again unchanged on the same connection: true
   * when it would block again, with the effects of running it applied (the caller then blocks it
   * again with this same Blocking); false when it must run in full. Absent: always run in full.
   */
  readonly repeat?: (now: number) => boolean;
}

/** What running a command produced. Error replies are thrown as `RedisReplyError`. */
export type Outcome =
  | { readonly kind: 'reply'; readonly value: RespValue }
  | { readonly kind: 'block'; readonly blocking: Blocking };

/** Command flags the dispatcher acts on. */
export interface CommandFlags {
  /** Modifies its keys: WATCHers of those keys see the transaction fail. */
  readonly write?: boolean;
  /** Not allowed inside MULTI (MULTI, WATCH) */
  readonly noMulti?: boolean;
  /** Runs even inside MULTI instead of being queued (EXEC, DISCARD, QUIT, RESET). */
  readonly transactionControl?: boolean;
  /** Not allowed from scripts (blocking and connection commands). */
  readonly noScript?: boolean;
  /**
   * Allowed on a RESP2 connection in subscribed mode ((P)(UN)SUBSCRIBE, PING, QUIT, RESET); every
   * other command is refused there with Redis's error.
   */
  readonly subscribedMode?: boolean;
}

/** One command of the table. */
export interface CommandSpec {
  /** Lowercase name. */
  readonly name: string;
  /** Redis arity: n means exactly n arguments (name included), -n at least n. */
  readonly arity: number;
  readonly flags?: CommandFlags;
  /** The keys it touches, for WATCH, WRONGTYPE checks and COMMAND INFO. Default: none. */
  readonly keys?: (argv: readonly string[]) => readonly string[];
  /** Runs the command. `argv[0]` is the name as sent. */
  readonly run: (ctx: CommandContext, argv: readonly string[]) => Outcome;
  /**
   * Further checks Redis makes when the command arrives, after its arity (a container's
   * subcommand and its arity): they apply inside MULTI too, where a failure aborts the transaction.
   */
  readonly check?: (argv: readonly string[]) => void;
}

/** A plain reply outcome. */
export function reply(value: RespValue): Outcome {
  return { kind: 'reply', value };
}
