import { Simulation, type Wait } from '../engine/index.js';
import { BlockedReaders, type BlockedReader } from './blocked-readers.js';
import { SimRedisClient, type ConnectOptions } from './client.js';
import { globToRegExp } from './glob.js';
import { toClientReply } from './client-reply.js';
import { KeyValueStore } from './kv-store.js';
import { StreamModel } from './model/index.js';
import { RedisReplyError, type Reply } from './model/types.js';
import { Scripting } from './scripting/index.js';
import { UnsupportedCommandError } from './unsupported.js';

/** Options of {@link createSimRedis}. */
export interface SimRedisOptions {
  /**
   * The simulation whose clock drives this server. Without one the server keeps its own virtual
   * clock, moved only by {@link SimRedisServer.advanceBy}.
   */
  readonly simulation?: Simulation;
  /** Start of the server's own clock in ms (standalone only). Default 0. */
  readonly startTime?: number;
  /** Virtual ms between a command and its reply. Default 0: replies arrive in the same instant. */
  readonly latencyMs?: number;
}

/** Commands served by the stream model. */
const STREAM_COMMANDS = new Set([
  'xadd', 'xlen', 'xrange', 'xrevrange', 'xdel', 'xtrim', 'xgroup', 'xread', 'xreadgroup', 'xack', 'xpending', 'xclaim',
  'xautoclaim', 'xinfo', 'xsetid',
]);

const WRONGTYPE = 'WRONGTYPE Operation against a key holding the wrong kind of value';

/**
 * A simulated Redis server: the stream model, a keyspace for other values, blocked clients, and a
 * virtual clock. Connect clients with {@link SimRedisServer.connect}; they share its data.
 */
export class SimRedisServer {
  private readonly sim: Simulation;
  private readonly standalone: boolean;
  private readonly latency: number;
  private readonly streams = new StreamModel();
  private readonly values = new KeyValueStore();
  private readonly blocked = new BlockedReaders();
  /** Created on first use: the Lua state costs a few hundred microseconds. */
  private scriptingState: Scripting | undefined;
  private nextConnectionId = 0;

  constructor(options: SimRedisOptions = {}) {
    if (options.simulation && options.startTime !== undefined) {
      throw new RangeError('startTime applies to a standalone server; a simulation brings its own clock');
    }
    const latency = options.latencyMs ?? 0;
    if (!Number.isInteger(latency) || latency < 0) {
      throw new RangeError(`latencyMs must be a whole number of milliseconds >= 0, got ${latency}`);
    }
    this.latency = latency;
    this.standalone = options.simulation === undefined;
    this.sim = options.simulation ?? new Simulation({ startTime: options.startTime ?? 0 });
    this.streams.setOtherTypeLookup((key) => this.values.has(key, this.sim.now));
  }

  /** Current virtual time in ms. */
  now(): number {
    return this.sim.now;
  }

  /**
   * Moves a standalone server's clock forward by `ms`, firing BLOCK timeouts in order. Inside a
   * simulation the engine moves the clock instead.
   */
  async advanceBy(ms: number): Promise<void> {
    if (!this.standalone) {
      throw new Error('advanceBy() is for a standalone server; inside a simulation the engine moves the clock');
    }
    if (!Number.isInteger(ms) || ms < 0) throw new RangeError(`advanceBy needs a whole number of ms >= 0, got ${ms}`);
    await this.sim.run({ until: this.sim.now + ms });
  }

  /** Opens a new connection (an ioredis-shaped client) to this server. */
  connect(options: ConnectOptions = {}): SimRedisClient {
    return new SimRedisClient(this, this.nextConnectionId++, options);
  }

  /**
   * Releases what the server holds outside itself (ioredis-mock's module-level keyspace). Call it
   * when a simulation is finished with the server; it must not be used afterwards.
   */
  dispose(): void {
    this.values.dispose();
  }

  /** Number of clients currently blocked in XREADGROUP. */
  get blockedClients(): number {
    return this.blocked.size;
  }

  /** @internal A pending reply owned by the calling process; `onCancel` runs if it is killed. */
  createReplyWait(onCancel?: () => void): Wait<Reply> {
    return this.sim.createWait<Reply>(onCancel);
  }

  /**
   * @internal Executes one command for a connection; the reply is delivered in virtual time.
   * `resend` is the pending reply of a command sent again after a reconnect.
   */
  dispatch(connectionId: number, argv: readonly string[], resend?: Wait<Reply>): Promise<Reply> {
    let reader: BlockedReader | undefined;
    const wait =
      resend ??
      this.sim.createWait<Reply>(() => {
        if (reader) this.unblock(reader);
      });
    if (resend) resend.onCancelled(() => reader && this.unblock(reader));
    if (wait.cancelled) return wait.promise; // the calling process is dead: nothing it asks for happens
    const now = this.sim.now;
    const replyAt = now + this.latency;
    const command = argv[0]?.toLowerCase() ?? '';
    const args = argv.slice(1);
    try {
      if (STREAM_COMMANDS.has(command)) {
        const result = this.streams.execute(argv, now);
        if (result.kind === 'reply') {
          wait.resolve(toClientReply(result.reply), replyAt);
        } else {
          reader = { argv, read: result.read, wait, connectionId, timeout: undefined };
          this.blocked.add(reader);
          if (result.read.timeoutMs > 0) {
            reader.timeout = this.sim.schedule(result.read.timeoutMs, this.onBlockTimeout, reader);
          }
        }
        this.serveReadyKeys();
      } else if (Scripting.handles(command)) {
        // A script runs to completion in this call, so it is atomic in virtual time; readers
        // blocked on keys it wrote are served after it, as after EXEC.
        try {
          wait.resolve(this.scripting.execute(argv, (inner) => this.executeFromScript(inner, now)), replyAt);
        } finally {
          this.serveReadyKeys();
        }
      } else if (KeyValueStore.handles(command)) {
        this.executeValueCommand(command, args, wait, now);
      } else {
        wait.resolve(this.executeKeyspaceCommand(command, args, now), replyAt);
      }
    } catch (error) {
      wait.reject(error instanceof Error ? error : new Error(String(error)), replyAt);
    }
    return wait.promise;
  }

  /** @internal Drops a closing connection's blocked reads with ioredis's error. */
  closeConnection(connectionId: number): void {
    for (const reader of this.blocked.ofConnection(connectionId)) {
      this.unblock(reader);
      reader.wait.reject(new Error('Connection is closed.'));
    }
  }

  /**
   * @internal A connection was lost: its blocked reads leave the server (a reconnected client
   * sends them again) and are returned, oldest first, still pending.
   */
  suspendConnection(connectionId: number): { argv: readonly string[]; wait: Wait<Reply> }[] {
    return this.blocked.ofConnection(connectionId).map((reader) => {
      this.unblock(reader);
      return { argv: reader.argv, wait: reader.wait };
    });
  }

  private get scripting(): Scripting {
    return (this.scriptingState ??= new Scripting());
  }

  /** One `redis.call` from a script: synchronous, at the script's instant. */
  private executeFromScript(argv: readonly string[], now: number): Reply {
    const command = argv[0]?.toLowerCase() ?? '';
    const args = argv.slice(1);
    if (STREAM_COMMANDS.has(command)) {
      const result = this.streams.execute(argv, now);
      // Scripts cannot send BLOCK (refused before this), and only BLOCK makes a read block.
      if (result.kind !== 'reply') throw new Error(`pelsim bug: ${command.toUpperCase()} blocked inside a script`);
      return result.reply;
    }
    if (KeyValueStore.handles(command)) {
      for (const key of KeyValueStore.keysOf(command, args)) {
        if (this.streams.hasKey(key)) throw new RedisReplyError(WRONGTYPE);
      }
      try {
        return this.values.executeSync(command, args, now);
      } catch (error) {
        if (error instanceof UnsupportedCommandError || error instanceof RedisReplyError) throw error;
        throw new RedisReplyError(error instanceof Error ? error.message : String(error));
      }
    }
    return this.executeKeyspaceCommand(command, args, now);
  }

  private executeValueCommand(command: string, args: readonly string[], wait: Wait<Reply>, now: number): void {
    for (const key of KeyValueStore.keysOf(command, args)) {
      if (this.streams.hasKey(key)) throw new RedisReplyError(WRONGTYPE);
    }
    // The effect happens now; the reply comes back through native promises, so hold the clock
    // until it does (a few microtasks, no virtual time).
    const release = this.sim.hold(`redis ${command.toUpperCase()}`);
    this.values.execute(command, args, now).then(
      (reply) => {
        release();
        wait.resolve(reply, now + this.latency);
      },
      (error: unknown) => {
        release();
        const message = error instanceof Error ? error.message : String(error);
        wait.reject(error instanceof UnsupportedCommandError ? error : new RedisReplyError(message), now + this.latency);
      },
    );
  }

  /** Commands that span both keyspaces. */
  private executeKeyspaceCommand(command: string, args: readonly string[], now: number): Reply {
    switch (command) {
      case 'del':
      case 'unlink': {
        if (args.length === 0) throw arity(command);
        let removed = 0;
        for (const key of args) {
          if (this.streams.deleteKey(key) || this.values.delete(key, now)) removed++;
        }
        this.serveReadyKeys();
        return removed;
      }
      case 'exists': {
        if (args.length === 0) throw arity(command);
        return args.filter((key) => this.streams.hasKey(key) || this.values.has(key, now)).length;
      }
      case 'type': {
        if (args.length !== 1) throw arity(command);
        return this.streams.hasKey(args[0]) ? 'stream' : this.values.type(args[0], now);
      }
      case 'keys': {
        if (args.length !== 1) throw arity(command);
        const pattern = globToRegExp(args[0]);
        return [...this.streams.keys(), ...this.values.keys(now)].filter((k) => pattern.test(k)).sort();
      }
      case 'flushall':
      case 'flushdb':
        this.streams.flush();
        this.values.flush();
        this.serveReadyKeys();
        return 'OK';
      case 'time': {
        const seconds = Math.floor(now / 1000);
        return [String(seconds), String((now - seconds * 1000) * 1000)];
      }
      default:
        throw new UnsupportedCommandError(command.toUpperCase() || '(empty command)');
    }
  }

  /** Offers every key signalled since the last call to the clients blocked on it, oldest first. */
  private serveReadyKeys(): void {
    const now = this.sim.now;
    for (const key of this.streams.takeReadyKeys()) {
      for (const reader of this.blocked.on(key)) {
        if (!reader.wait.pending) continue;
        const outcome = this.streams.serveBlocked(reader.read, key, now);
        if (outcome.kind === 'still-blocked') continue;
        this.unblock(reader);
        if (outcome.kind === 'served') reader.wait.resolve(toClientReply(outcome.reply), now + this.latency);
        else reader.wait.reject(outcome.error, now + this.latency);
      }
    }
  }

  private readonly onBlockTimeout = (reader: BlockedReader): void => {
    reader.timeout = undefined;
    this.unblock(reader);
    reader.wait.resolve(null, this.sim.now + this.latency);
  };

  private unblock(reader: BlockedReader): void {
    this.blocked.remove(reader);
    reader.timeout?.cancel();
    reader.timeout = undefined;
  }
}

/** Creates a simulated Redis server. See {@link SimRedisOptions}. */
export function createSimRedis(options: SimRedisOptions = {}): SimRedisServer {
  return new SimRedisServer(options);
}

function arity(command: string): RedisReplyError {
  return new RedisReplyError(`ERR wrong number of arguments for '${command}' command`);
}
