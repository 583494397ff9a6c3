import { createRequire } from 'node:module';
import type RedisMockClass from 'ioredis-mock';
import type { Rng } from '../engine/index.js';
import { LP_EMPTY_BYTES, lpValueBytes } from './model/listpack.js';
import { allocatorSize } from './model/memory.js';
import type { Reply } from './model/types.js';
import { UnsupportedCommandError } from './unsupported.js';
import { OWN_COMMANDS, runOwnCommand, setExpiryEffect, type ExpiryEffect } from './kv-expiry.js';

/**
 * Non-stream commands (strings, hashes, lists, sets, sorted sets, expiry) served by ioredis-mock,
 * with key expiry following the virtual clock.
 *
 * ioredis-mock reads the wall clock when it sets or checks an expiry, and SPOP/SRANDMEMBER draw from
 * the unseeded global random source. So ioredis-mock never sees either: this store keeps each key's
 * expiry (virtual ms) itself, drops expired keys before every command at the `now` it is given, and
 * answers the expiry commands and SPOP/SRANDMEMBER itself (kv-expiry.ts), drawing from a seeded
 * stream. SET/SETEX/PSETEX/GETSET/MSET reach ioredis-mock without their expiry part.
 */

/** Commands delegated to ioredis-mock; anything else is rejected as unsupported. */
const DELEGATED = new Set([
  // strings and counters
  'get', 'set', 'setnx', 'setex', 'psetex', 'getset', 'getdel', 'mget', 'mset', 'msetnx', 'append', 'strlen',
  'incr', 'incrby', 'incrbyfloat', 'decr', 'decrby', 'getrange', 'setrange',
  // hashes
  'hset', 'hsetnx', 'hget', 'hmset', 'hmget', 'hgetall', 'hdel', 'hexists', 'hincrby', 'hincrbyfloat',
  'hkeys', 'hvals', 'hlen', 'hstrlen',
  // lists (non-blocking)
  'lpush', 'rpush', 'lpushx', 'rpushx', 'lpop', 'rpop', 'llen', 'lrange', 'lindex', 'lset', 'lrem', 'ltrim', 'linsert',
  // sets (SPOP and SRANDMEMBER are this store's own, seeded)
  'sadd', 'srem', 'smembers', 'sismember', 'scard', 'spop', 'srandmember', 'sunion', 'sinter', 'sdiff',
  // sorted sets
  'zadd', 'zrem', 'zscore', 'zincrby', 'zcard', 'zcount', 'zrange', 'zrevrange', 'zrangebyscore', 'zrevrangebyscore',
  'zrank', 'zrevrank', 'zpopmin', 'zpopmax',
  // expiry (virtual time)
  'expire', 'pexpire', 'expireat', 'pexpireat', 'ttl', 'pttl', 'persist',
  // connection
  'ping', 'echo',
]);

/** Commands whose every argument is a key (the others: only the first argument is). */
const ALL_ARGS_ARE_KEYS = new Set(['mget', 'sunion', 'sinter', 'sdiff']);

/** The parts of an ioredis-mock instance this store uses (its typings describe only the ioredis API). */
interface MockInstance {
  readonly data: {
    has(key: string): boolean;
    get(key: string): unknown;
    delete(key: string): void;
    keys(): string[];
    clear(): void;
  };
  readonly expires: { clear(): void };
  disconnect(): void;
  pipeline(): MockPipeline;
}

/** The store's view of one keyspace, for the commands it answers itself. */
export interface ValueSpace {
  has(key: string): boolean;
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
  /** Expiry of `key` in virtual ms, or undefined when it has none. */
  readonly deadlines: Map<string, number>;
  /** The seeded random source of SPOP and SRANDMEMBER. */
  readonly random: Rng;
}

/**
 * An ioredis-mock pipeline. Each command method hands the raw command function (already bound to
 * the mock) to `_addTransaction`; replacing that on one instance runs the command synchronously.
 */
interface MockPipeline {
  _addTransaction: (emulator: (...args: string[]) => unknown, name: string, args: string[]) => void;
}

/**
 * ioredis-mock, loaded on the first non-stream command: loading it costs about half of a sweep
 * worker's start-up, and most simulations never touch a non-stream key. It is CommonJS, so a
 * synchronous `require` gives the same class a static import does.
 */
let redisMock: typeof RedisMockClass | undefined;
function loadRedisMock(): typeof RedisMockClass {
  redisMock ??= createRequire(import.meta.url)('ioredis-mock') as typeof RedisMockClass;
  return redisMock;
}

/**
 * ioredis-mock itself keeps every host's data in a module-level map forever (it offers no way to
 * drop one), so a sweep of thousands of servers would leak. Disposed stores give their (emptied)
 * host back for the next store to reuse. The pool is process-wide because that map is, and safe
 * for stores alive at once (servers of simulations awaited together): a host belongs to one live
 * store at a time (taken from the pool or new, synchronously, on the store's first non-stream
 * command); it returns only after its data and expiries are cleared and its instance disconnected
 * (which drops its watch and pub/sub listeners), so a reused host starts empty; and a host's name
 * never reaches a reply. Which host a store gets may differ with what else runs; what it answers
 * does not (test/redis/process-state.test.ts, test/world/interleaved.test.ts).
 */
let instances = 0;
const freeHosts: string[] = [];

/** One keyspace of non-stream values, private to one simulated server. */
export class KeyValueStore {
  private created: { mock: MockInstance; host: string } | undefined;
  private syncRunner: ((command: string, args: readonly string[]) => unknown) | undefined;
  /** Expiry of each expiring key, in virtual ms; ioredis-mock never holds an expiry. */
  private readonly deadlines = new Map<string, number>();
  private randomSource: Rng | undefined;

  /** `random` is called once, on the first SPOP or SRANDMEMBER, for the seeded stream they draw from. */
  constructor(private readonly random: () => Rng) {}

  /** Created on first use: most simulations never touch a non-stream key. */
  private get mock(): MockInstance {
    if (!this.created) {
      // ioredis-mock shares data between instances with the same host:port/db; make ours private.
      const host = freeHosts.pop() ?? `pelsim-${process.pid}-${instances++}`;
      const RedisMock = loadRedisMock();
      this.created = { host, mock: new RedisMock({ host, lazyConnect: false }) as unknown as MockInstance };
    }
    return this.created.mock;
  }

  /** Empties the store and releases its ioredis-mock keyspace; the store must not be used again. */
  dispose(): void {
    if (!this.created) return;
    const { mock, host } = this.created;
    this.created = undefined;
    this.syncRunner = undefined;
    this.deadlines.clear();
    mock.data.clear();
    mock.expires.clear();
    mock.disconnect();
    freeHosts.push(host);
  }

  /** The commands (lowercase) served by this store. */
  static commands(): readonly string[] {
    return [...DELEGATED];
  }

  /** True if `command` (lowercase) is served by this store. */
  static handles(command: string): boolean {
    return DELEGATED.has(command);
  }

  /** The keys of `args` for `command`, for type-conflict checks against stream keys. */
  static keysOf(command: string, args: readonly string[]): readonly string[] {
    if (command === 'ping' || command === 'echo') return [];
    if (command === 'mset' || command === 'msetnx') return args.filter((_, i) => i % 2 === 0);
    if (ALL_ARGS_ARE_KEYS.has(command)) return args;
    return args.slice(0, 1);
  }

  /**
   * Runs `command` at virtual time `now` and returns its reply synchronously (for scripts, whose
   * `redis.call` cannot wait). Throws {@link UnsupportedCommandError} or the command's error.
   */
  executeSync(command: string, args: readonly string[], now: number): Reply {
    if (!DELEGATED.has(command)) throw new UnsupportedCommandError(command.toUpperCase());
    const own = this.runOwn(command, args, now);
    if (own !== undefined) return own.reply;
    const run = (this.syncRunner ??= this.createSyncRunner());
    const effect = setExpiryEffect(command, args, (key) => this.mock.data.has(key), now);
    const reply = toCallReply(run(effect.command, effect.args));
    this.settle(command, args, effect);
    return reply;
  }

  /** Drops keys expired at `now`, then answers `command` if it is one this store serves itself. */
  private runOwn(command: string, args: readonly string[], now: number): { reply: Reply } | undefined {
    this.expireUpTo(now);
    if (!OWN_COMMANDS.has(command)) return undefined;
    const mock = this.mock;
    const space: ValueSpace = {
      has: (key) => mock.data.has(key),
      get: (key) => mock.data.get(key),
      set: (key, value) => (mock.data as unknown as { set(key: string, value: unknown): void }).set(key, value),
      delete: (key) => {
        mock.data.delete(key);
        this.deadlines.delete(key);
      },
      deadlines: this.deadlines,
      random: (this.randomSource ??= this.random()),
    };
    return { reply: runOwnCommand(command, args, space, now) };
  }

  /** After a delegated command: applies its expiry effect and forgets expiries of keys it removed. */
  private settle(command: string, args: readonly string[], effect: ExpiryEffect): void {
    for (const [key, deadline] of effect.deadlines) {
      if (deadline === null) this.deadlines.delete(key);
      else this.deadlines.set(key, deadline);
    }
    for (const key of KeyValueStore.keysOf(command, args)) if (!this.mock.data.has(key)) this.deadlines.delete(key);
    this.expireUpTo(effect.now);
  }

  /** Removes every key whose expiry is at or before `now`. */
  private expireUpTo(now: number): void {
    if (this.deadlines.size === 0 || !this.created) return;
    for (const [key, deadline] of this.deadlines) {
      if (deadline > now) continue;
      this.deadlines.delete(key);
      this.created.mock.data.delete(key);
    }
  }

  private createSyncRunner(): (command: string, args: readonly string[]) => unknown {
    const pipeline = this.mock.pipeline();
    let result: unknown;
    pipeline._addTransaction = (emulator, _name, args) => {
      result = emulator(...args);
    };
    const methods = pipeline as unknown as Record<string, ((...args: string[]) => unknown) | undefined>;
    return (command, args) => {
      const method = methods[command];
      if (typeof method !== 'function') throw new UnsupportedCommandError(command.toUpperCase());
      result = undefined;
      method.apply(pipeline, args as string[]);
      return result;
    };
  }

  /** True if `key` holds a live (not expired) value at `now`. */
  has(key: string, now: number): boolean {
    if (!this.created) return false;
    this.expireUpTo(now);
    return this.mock.data.has(key);
  }

  /** Deletes `key`; true if it existed at `now`. */
  delete(key: string, now: number): boolean {
    if (!this.created) return false;
    this.expireUpTo(now);
    if (!this.mock.data.has(key)) return false;
    this.mock.data.delete(key);
    this.deadlines.delete(key);
    return true;
  }

  /** Live keys at `now`. */
  keys(now: number): string[] {
    if (!this.created) return [];
    this.expireUpTo(now);
    return this.mock.data.keys();
  }

  /** Redis TYPE name of `key` at `now`, or 'none'. */
  type(key: string, now: number): string {
    if (!this.created) return 'none';
    this.expireUpTo(now);
    if (!this.mock.data.has(key)) return 'none';
    const value: unknown = this.mock.data.get(key);
    // ioredis-mock keeps a sorted set as a Map of members and a hash as a plain object.
    if (value instanceof Map) return 'zset';
    if (value instanceof Set) return 'set';
    if (Array.isArray(value)) return 'list';
    if (typeof value === 'string' || Buffer.isBuffer(value)) return 'string';
    return 'hash';
  }

  /** RENAME of a value key that exists at `now` onto `to` (replacing any value there); keeps its expiry. */
  rename(from: string, to: string, now: number): void {
    this.expireUpTo(now);
    const run = (this.syncRunner ??= this.createSyncRunner());
    run('rename', [from, to]);
    const deadline = this.deadlines.get(from);
    this.deadlines.delete(from);
    if (deadline === undefined) this.deadlines.delete(to);
    else this.deadlines.set(to, deadline);
  }

  /**
   * MEMORY USAGE of the value at `key` without the key itself, or null. A plausible estimate: a
   * string as Redis stores it (an embedded string up to 44 bytes), a collection as one listpack of
   * its elements (Redis's encoding while collections are small).
   */
  memoryUsage(key: string, now: number): number | null {
    if (!this.has(key, now)) return null;
    const value: unknown = this.mock.data.get(key);
    const ROBJ = 16;
    if (typeof value === 'string' || Buffer.isBuffer(value)) {
      const len = typeof value === 'string' ? value.length : value.length;
      return len <= 44 ? allocatorSize(ROBJ + 3 + len + 1) : ROBJ + allocatorSize(3 + len + 1);
    }
    let elements: string[] = [];
    if (value instanceof Map) {
      elements = [...(value as Map<string, { score: number }>)].flatMap(([member, entry]) => [member, String(entry.score)]);
    } else if (value instanceof Set || Array.isArray(value)) {
      elements = [...(value as Iterable<unknown>)].map(String);
    } else if (value !== null && typeof value === 'object') {
      elements = Object.entries(value).flat().map(String);
    }
    let bytes = LP_EMPTY_BYTES;
    for (const element of elements) bytes += lpValueBytes(element);
    return ROBJ + allocatorSize(bytes);
  }

    /** Removes every key. */
  flush(): void {
    this.deadlines.clear();
    if (!this.created) return;
    this.mock.data.clear();
    this.mock.expires.clear();
  }
}

/** ioredis-mock returns some replies pre-transformed (hgetall as an object); `call` returns them raw. */
function toCallReply(value: unknown): Reply {
  if (value === undefined) return null;
  if (value instanceof Map) return [...value].flat() as Reply;
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && !Buffer.isBuffer(value)) {
    return Object.entries(value as Record<string, string>).flat();
  }
  return value as Reply;
}
