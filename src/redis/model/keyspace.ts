/**
 * The model's keyspace (stream keys only) and its "ready keys" signal list, which mirrors Redis's
 * `signalKeyAsReady`: the server layer drains it after every command and offers each key to the
 * reads blocked on it.
 *
 * Keys of other types live in the server layer; it tells the keyspace about them through
 * {@link OtherTypeLookup}, so that a command meets WRONGTYPE exactly where Redis's
 * `lookupKey…` + `checkType` would, after the arguments it parses first.
 */
import { profileFor, DEFAULT_REDIS_VERSION, type SemanticsProfile } from './profile.js';
import { Stream, defaultNodeLimits, type StreamNodeLimits } from './stream.js';
import { RedisReplyError } from './types.js';

/** Answers whether `key` holds a value of another type than stream (a string, hash, …). */
export type OtherTypeLookup = (key: string) => boolean;

/** Redis's reply for a command meeting a key of another type. */
export const ERR_WRONGTYPE = 'WRONGTYPE Operation against a key holding the wrong kind of value';

const NO_KEYS: string[] = Object.freeze([]) as unknown as string[];

/** Stream keys by name, plus the keys signaled as ready since the last drain. */
export class Keyspace {
  /** The version rules every command consults. */
  constructor(readonly profile: SemanticsProfile = profileFor(DEFAULT_REDIS_VERSION)) {}

  private readonly streams = new Map<string, Stream>();
  /** Node limits shared by every stream here (CONFIG SET changes them in place). */
  readonly nodeLimits: StreamNodeLimits = defaultNodeLimits();
  private ready: string[] = [];
  /** Built only when many keys are pending; a linear scan is cheaper for the usual one or two. */
  private readySet: Set<string> | null = null;

  /** Keys of other types, when the server layer has any. */
  otherType: OtherTypeLookup | null = null;

  /**
   * A command's lookup of `key`: the stream there, or undefined when the key does not exist.
   * @throws RedisReplyError WRONGTYPE when the key holds another type.
   */
  get(key: string): Stream | undefined {
    const s = this.streams.get(key);
    if (s === undefined && this.otherType !== null && this.otherType(key)) {
      throw new RedisReplyError(ERR_WRONGTYPE);
    }
    return s;
  }

  /** The stream at `key`, or undefined, whatever else the key may hold (serving blocked reads). */
  peek(key: string): Stream | undefined {
    return this.streams.get(key);
  }

  /** Creates an empty stream at `key` (which must not exist) and signals it ready, like `dbAdd`. */
  create(key: string): Stream {
    const s = new Stream(this.nodeLimits);
    this.streams.set(key, s);
    this.signal(key);
    return s;
  }

  /** Deletes `key`; signals it ready when it existed. */
  delete(key: string): boolean {
    if (!this.streams.delete(key)) return false;
    this.signal(key);
    return true;
  }

  /**
   * RENAME of a stream: `to` (if any) is deleted, the stream moves, and both keys are signaled
   * (readers blocked on `from` see a deleted key; readers blocked on `to` see the moved stream).
   * Returns false when `from` holds no stream.
   */
  rename(from: string, to: string): boolean {
    const s = this.streams.get(from);
    if (s === undefined) return false;
    if (from === to) return true;
    this.streams.delete(to);
    this.streams.set(to, s);
    this.signal(to);
    this.streams.delete(from);
    this.signal(from);
    return true;
  }

  /** Deletes every key, signaling each. */
  clear(): void {
    for (const key of this.streams.keys()) this.signal(key);
    this.streams.clear();
  }

  has(key: string): boolean {
    return this.streams.has(key);
  }

  /** Keys in creation order. */
  keys(): string[] {
    return [...this.streams.keys()];
  }

  /** Marks `key` ready (deduplicated until the next drain). */
  signal(key: string): void {
    const ready = this.ready;
    if (this.readySet !== null) {
      if (this.readySet.has(key)) return;
      this.readySet.add(key);
    } else {
      for (let i = 0; i < ready.length; i++) if (ready[i] === key) return;
      if (ready.length >= 16) this.readySet = new Set([...ready, key]);
    }
    ready.push(key);
  }

  /**
   * Returns and forgets the keys signaled since the last call, in first-signal order. When none were,
   * returns a shared frozen empty array (saves an allocation per command; do not mutate it).
   */
  drainReady(): string[] {
    if (this.ready.length === 0) return NO_KEYS;
    const out = this.ready;
    this.ready = [];
    this.readySet = null;
    return out;
  }
}
