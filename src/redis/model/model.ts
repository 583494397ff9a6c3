/**
 * {@link StreamModel}: the in-process Redis 7.0 Streams model the simulator's server layer drives.
 */
import { serveBlockedStream } from './commands/xread.js';
import { repeatBlockedGroupRead, serveBlockedGroup } from './commands/xreadgroup.js';
import { checkCommand, dispatch } from './dispatch.js';
import { Keyspace, type OtherTypeLookup } from './keyspace.js';
import { DEFAULT_REDIS_VERSION, profileFor, type RedisVersion, type SemanticsProfile } from './profile.js';
import { estimateStreamMemory, keyOverhead } from './memory.js';
import type { StreamNodeLimits } from './stream.js';
import type { BlockedRead, ExecOptions, ExecResult, ServeOutcome } from './types.js';

/** Options of {@link StreamModel}. */
export interface StreamModelOptions {
  /** Whose semantics to follow. Default {@link DEFAULT_REDIS_VERSION}. */
  readonly version?: RedisVersion;
}

/**
 * A keyspace of stream keys that answers stream commands exactly as Redis 7.0 does (replies shaped
 * as ioredis returns them, errors with Redis's texts).
 *
 * It is synchronous and has no clock: every call takes `now`, the current (virtual) time in
 * integer milliseconds, which stands for Redis's `mstime()` (XADD `*` IDs, delivery times, idle
 * times, seen-times).
 *
 * Blocking is split with the server layer: {@link execute} returns `{kind: 'block'}` for a `>` read
 * with BLOCK that cannot be served; after every command the server drains {@link takeReadyKeys} and
 * offers each ready key, in order, to the reads blocked on it (oldest first) via
 * {@link serveBlocked}; timeouts, MULTI (where BLOCK replies nil at once) and FIFO bookkeeping are
 * the server's.
 *
 * Replies share entry field arrays with the model's storage: treat every reply as read-only.
 */
export class StreamModel {
  private readonly ks: Keyspace;

  /** The version rules this model follows. */
  readonly profile: SemanticsProfile;

  constructor(options: StreamModelOptions = {}) {
    this.profile = profileFor(options.version ?? DEFAULT_REDIS_VERSION);
    this.ks = new Keyspace(this.profile);
  }

  /**
   * Tells the model which keys hold values of other types (the server layer's other keyspace), so
   * stream commands meet WRONGTYPE where Redis's do: after the arguments Redis parses first.
   */
  setOtherTypeLookup(lookup: OtherTypeLookup | null): void {
    this.ks.otherType = lookup;
  }

  /**
   * Checks a command as Redis does when it arrives, before running or queueing it (MULTI): name,
   * arity, and XGROUP/XINFO subcommand and its arity.
   * @throws RedisReplyError with Redis's exact message.
   */
  static check(argv: readonly string[]): void {
    checkCommand(argv);
  }

  /**
   * Executes one command. `argv[0]` is the command name (any case).
   * @throws RedisReplyError with Redis's exact message for error replies.
   */
  execute(argv: readonly string[], now: number, options: ExecOptions = {}): ExecResult {
    return dispatch(this.ks, argv, now, options);
  }

  /**
   * Keys signaled as ready since the last call (by XADD, key creation, key deletion, flush and
   * XGROUP DESTROY), deduplicated, in first-signal order. Returns a shared frozen empty array when
   * there are none.
   */
  takeReadyKeys(): string[] {
    return this.ks.drainReady();
  }

  /**
   * Offers ready `key` to one blocked read. An XREAD is served when the stream's last generated ID
   * is above the read's ID for that key (a missing key keeps it blocked). An XREADGROUP follows
   * Redis 7.0's rules: key gone → `UNBLOCKED` error;
   * group gone → `NOGROUP` error; the stream's last generated ID above the group's last-delivered
   * ID → served (up to the read's COUNT, 1000 without one; consumer created or refreshed; reply
   * `[[key, entries]]`); otherwise still blocked.
   */
  serveBlocked(read: BlockedRead, key: string, now: number): ServeOutcome {
    return read.kind === 'group' ? serveBlockedGroup(this.ks, read, key, now) : serveBlockedStream(this.ks, read, key, now);
  }

  /**
   * A blocked read timed out and its client sends the very same command again. True when that
   * command would block again: what running it does on the way is applied (7.2+: the consumer
   * created or its seen-time refreshed), exactly as {@link execute} would. False when it would not
   * (entries to deliver, a key or group gone, an XREAD): nothing is changed, and the caller
   * executes the command in full.
   */
  repeatBlocked(read: BlockedRead, now: number): boolean {
    return read.kind === 'group' && repeatBlockedGroupRead(this.ks, read, now);
  }

  /** True when `key` holds a stream. */
  hasKey(key: string): boolean {
    return this.ks.has(key);
  }

  /** Deletes `key` (DEL/UNLINK); signals it ready when it existed. Returns whether it existed. */
  deleteKey(key: string): boolean {
    return this.ks.delete(key);
  }

  /**
   * RENAME of a stream key onto `to` (which the caller has emptied of any other value). Signals
   * both keys. Returns false when `from` holds no stream.
   */
  renameKey(from: string, to: string): boolean {
    return this.ks.rename(from, to);
  }

  /** The live node limits (`stream-node-max-entries` / `-bytes`); change them in place. */
  get nodeLimits(): StreamNodeLimits {
    return this.ks.nodeLimits;
  }

  /**
   * MEMORY USAGE of a stream key: a plausible estimate in bytes (see `memory.ts`), key included;
   * `samples` nodes are measured (0: all). Null when `key` holds no stream.
   */
  memoryUsage(key: string, samples = 5): number | null {
    const s = this.ks.get(key);
    return s === undefined ? null : estimateStreamMemory(s, samples) + keyOverhead(key);
  }

  /** What MEMORY USAGE adds for a key's own name and dictionary entry. */
  keyOverhead(key: string): number {
    return keyOverhead(key);
  }

  /** Deletes every key (FLUSHALL/FLUSHDB), signaling each as ready. */
  flush(): void {
    this.ks.clear();
  }

  /** All keys, in creation order. */
  keys(): string[] {
    return this.ks.keys();
  }
}
