import { EventEmitter } from 'node:events';
import type { Wait } from '../engine/index.js';
import { flattenArgs, type RedisArg } from './args.js';
import type { BlockedReader } from './blocked-readers.js';
import type { Reply } from './model/types.js';
import type { SimRedisServer } from './server.js';

import * as read from './replies.js';
import type { AutoClaimReply, ReadGroupReply, StreamEntry } from './replies.js';

export type { AutoClaimReply, ReadGroupReply, StreamEntry } from './replies.js';

/** Connection state, named as ioredis names it. */
export type ConnectionStatus = 'ready' | 'reconnecting' | 'end';

/** Sees every command a client sends and what came back; for observers such as a trace. */
export type CommandObserver = (argv: readonly string[], reply: Reply) => void;

/** Options of {@link SimRedisServer.connect}. */
export interface ConnectOptions {
  /** Called with each successful reply, before the caller sees it. */
  readonly observe?: CommandObserver;
}

/** What a real client's connection is labelled with when it opens (see `SimRedisOptions.realConnections`). */
export interface RealConnectionOptions extends ConnectOptions {
  /** A label to find the connection again, e.g. to drop every connection of one pod. */
  readonly tag?: string;
}

/**
 * One connection to a {@link SimRedisServer}, shaped like an ioredis client: lowercase command
 * methods returning promises of ioredis's reply shapes, plus `call(command, ...args)`.
 *
 * Inside a simulation, awaiting a command suspends the calling process in virtual time; a blocked
 * XREADGROUP holds one pending promise until an XADD wakes it or its BLOCK timeout fires.
 */
export class SimRedisClient extends EventEmitter {
  private state: ConnectionStatus = 'ready';
  /** Commands sent while the connection is down, resent in order when it is back (ioredis's offline queue). */
  private offline: { argv: readonly string[]; wait: Wait<Reply> }[] = [];

  /** @internal Use {@link SimRedisServer.connect}. */
  constructor(
    private readonly server: SimRedisServer,
    /** Identifies this connection on its server. */
    readonly connectionId: number,
    private readonly options: ConnectOptions = {},
  ) {
    super();
  }

  /** `ready` while open, `reconnecting` while a dropped connection is down, `end` once closed. */
  get status(): ConnectionStatus {
    return this.state;
  }

  /** Sends any command, e.g. `call('XPENDING', 'issues', 'g')`; rejects for unsupported ones. */
  call(command: string, ...args: RedisArg[]): Promise<Reply> {
    const argv = [command, ...flattenArgs(args)];
    if (this.state === 'end') return Promise.reject(new Error('Connection is closed.'));
    let promise: Promise<Reply>;
    if (this.state === 'reconnecting') {
      const queued = { argv, wait: this.server.sim.createWait<Reply>(() => this.forget(queued)) };
      this.offline.push(queued);
      promise = queued.wait.promise;
    } else {
      promise = this.server.dispatch(this.connectionId, argv);
    }
    const observe = this.options.observe;
    if (observe) void promise.then((reply) => observe(argv, reply), () => undefined);
    return promise;
  }

  /**
   * Simulates a lost connection, as ioredis sees it: blocked reads leave the server and, like
   * every command sent meanwhile, are sent again once {@link SimRedisClient.reconnect} runs.
   */
  drop(): void {
    if (this.state !== 'ready') return;
    this.state = 'reconnecting';
    this.offline = [...this.server.suspendConnection(this.connectionId), ...this.offline];
    this.emit('reconnecting');
  }

  /** Ends a {@link SimRedisClient.drop}: emits `ready` (as ioredis does), then resends queued commands. */
  reconnect(): void {
    if (this.state !== 'reconnecting') return;
    this.state = 'ready';
    this.emit('ready');
    const queued = this.offline;
    this.offline = [];
    for (const { argv, wait } of queued) {
      if (wait.pending) void this.server.dispatch(this.connectionId, argv, wait);
    }
  }

  /** Closes the connection politely; pending blocked reads fail with `Connection is closed.`. */
  async quit(): Promise<'OK'> {
    this.close();
    return 'OK';
  }

  /** Drops the connection at once, as a network failure would. */
  disconnect(): void {
    this.close();
  }

  /** Re-opens a closed connection (a reconnect keeps nothing of the old session). */
  async connect(): Promise<void> {
    if (this.state === 'ready') return;
    if (this.state === 'reconnecting') return this.reconnect();
    this.server.reopenSession(this.connectionId);
    this.state = 'ready';
    this.emit('ready');
  }

  xadd(key: RedisArg, ...args: RedisArg[]): Promise<string | null> {
    return this.call('xadd', key, ...args).then(read.textOrNull);
  }
  xlen(key: RedisArg): Promise<number> {
    return this.call('xlen', key).then(read.integer);
  }
  xrange(key: RedisArg, start: RedisArg, end: RedisArg, ...args: RedisArg[]): Promise<[string, string[]][]> {
    return this.call('xrange', key, start, end, ...args).then(read.rangeEntries);
  }
  xrevrange(key: RedisArg, end: RedisArg, start: RedisArg, ...args: RedisArg[]): Promise<[string, string[]][]> {
    return this.call('xrevrange', key, end, start, ...args).then(read.rangeEntries);
  }
  xdel(key: RedisArg, ...ids: RedisArg[]): Promise<number> {
    return this.call('xdel', key, ...ids).then(read.integer);
  }
  xtrim(key: RedisArg, ...args: RedisArg[]): Promise<number> {
    return this.call('xtrim', key, ...args).then(read.integer);
  }
  xgroup(subcommand: RedisArg, ...args: RedisArg[]): Promise<string | number> {
    return this.call('xgroup', subcommand, ...args).then(read.textOrInteger);
  }
  xreadgroup(...args: RedisArg[]): Promise<ReadGroupReply> {
    return this.call('xreadgroup', ...args).then(read.readGroup);
  }
  /**
   * A blocked read that is sent again each time it times out empty, without a turn of the caller
   * per poll: sends `XREADGROUP <next()>`; when the reply is a timeout's nil, `next()` is asked
   * again in the event that would have resumed the caller, and what it returns is sent at once
   * (`undefined`: stop, the caller gets the nil). Commands, replies, their instants and their
   * order are those of
   *
   *     for (let args = next(); args; args = next()) { const r = await xreadgroup(...args); if (r) return r; }
   *
   * so `next` must decide exactly as the caller's loop would (reading only state, never waiting).
   * Returning the same array as last time skips re-flattening it. pelsim's built-in consumers use
   * it: an idle pod's `BLOCK 5000` polls then cost an engine event each instead of a process turn.
   * A consumer written for real Redis writes the loop itself.
   */
  xreadgroupPolling(next: () => readonly RedisArg[] | undefined): Promise<ReadGroupReply> {
    let args = next();
    if (args === undefined) return Promise.resolve(null);
    if (this.state !== 'ready') return this.xreadgroup(...args);
    let argv: readonly string[] = ['xreadgroup', ...flattenArgs(args)];
    const wait = this.server.sim.createWait<Reply>(undefined, argv);
    const observe = this.options.observe;
    let reader: BlockedReader | undefined;
    wait.renewWith((pending, value, failed) => {
      // Only a timed-out read on an open connection is sent again; anything else goes to the caller.
      if (failed || value !== null || this.state !== 'ready') return false;
      const again = next();
      if (again === undefined) return false;
      if (observe) observe(argv, null);
      if (again !== args) {
        args = again;
        argv = ['xreadgroup', ...flattenArgs(again)];
      }
      pending.reopen(argv);
      reader = this.server.resend(this.connectionId, argv, pending, reader);
      return true;
    });
    reader = this.server.send(this.connectionId, argv, wait);
    if (observe) void wait.promise.then((reply) => observe(argv, reply), () => undefined);
    return wait.promise.then(read.readGroup);
  }
  xack(key: RedisArg, group: RedisArg, ...ids: RedisArg[]): Promise<number> {
    return this.call('xack', key, group, ...ids).then(read.integer);
  }
  xpending(key: RedisArg, group: RedisArg, ...args: RedisArg[]): Promise<Reply[]> {
    return this.call('xpending', key, group, ...args).then(read.array);
  }
  xclaim(key: RedisArg, group: RedisArg, consumer: RedisArg, minIdle: RedisArg, ...args: RedisArg[]): Promise<StreamEntry[] | string[]> {
    return this.call('xclaim', key, group, consumer, minIdle, ...args).then(read.claimed);
  }
  xautoclaim(key: RedisArg, group: RedisArg, consumer: RedisArg, minIdle: RedisArg, start: RedisArg, ...args: RedisArg[]): Promise<AutoClaimReply> {
    return this.call('xautoclaim', key, group, consumer, minIdle, start, ...args).then(read.autoClaim);
  }
  xinfo(subcommand: RedisArg, ...args: RedisArg[]): Promise<Reply> {
    return this.call('xinfo', subcommand, ...args);
  }

  get(key: RedisArg): Promise<string | null> {
    return this.call('get', key).then(read.textOrNull);
  }
  set(key: RedisArg, value: RedisArg, ...args: RedisArg[]): Promise<string | null> {
    return this.call('set', key, value, ...args).then(read.textOrNull);
  }
  del(...keys: RedisArg[]): Promise<number> {
    return this.call('del', ...keys).then(read.integer);
  }
  exists(...keys: RedisArg[]): Promise<number> {
    return this.call('exists', ...keys).then(read.integer);
  }
  incr(key: RedisArg): Promise<number> {
    return this.call('incr', key).then(read.integer);
  }
  incrby(key: RedisArg, increment: RedisArg): Promise<number> {
    return this.call('incrby', key, increment).then(read.integer);
  }
  expire(key: RedisArg, seconds: RedisArg): Promise<number> {
    return this.call('expire', key, seconds).then(read.integer);
  }
  pexpire(key: RedisArg, ms: RedisArg): Promise<number> {
    return this.call('pexpire', key, ms).then(read.integer);
  }
  ttl(key: RedisArg): Promise<number> {
    return this.call('ttl', key).then(read.integer);
  }
  pttl(key: RedisArg): Promise<number> {
    return this.call('pttl', key).then(read.integer);
  }
  hset(key: RedisArg, ...args: RedisArg[]): Promise<number> {
    return this.call('hset', key, ...args).then(read.integer);
  }
  hget(key: RedisArg, field: RedisArg): Promise<string | null> {
    return this.call('hget', key, field).then(read.textOrNull);
  }
  hdel(key: RedisArg, ...fields: RedisArg[]): Promise<number> {
    return this.call('hdel', key, ...fields).then(read.integer);
  }
  /** Like ioredis: the hash as an object (`call('hgetall')` returns the flat array). */
  async hgetall(key: RedisArg): Promise<Record<string, string>> {
    const flat = read.strings(await this.call('hgetall', key));
    const out: Record<string, string> = {};
    for (let i = 0; i + 1 < flat.length; i += 2) {
      const [field, value] = [flat[i], flat[i + 1]];
      if (field !== undefined && value !== undefined) out[field] = value;
    }
    return out;
  }
  type(key: RedisArg): Promise<string> {
    return this.call('type', key).then(read.text);
  }
  keys(pattern: RedisArg): Promise<string[]> {
    return this.call('keys', pattern).then(read.strings);
  }
  flushall(): Promise<'OK'> {
    return this.call('flushall').then(read.ok);
  }
  ping(): Promise<string> {
    return this.call('ping').then(read.text);
  }

  private close(): void {
    if (this.state === 'end') return;
    this.state = 'end';
    this.server.closeConnection(this.connectionId);
    for (const { wait } of this.offline.splice(0)) wait.reject(new Error('Connection is closed.'));
    this.emit('end');
  }

  private forget(queued: { argv: readonly string[]; wait: Wait<Reply> }): void {
    const index = this.offline.indexOf(queued);
    if (index >= 0) this.offline.splice(index, 1);
  }
}
