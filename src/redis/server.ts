import { Simulation, type Wait } from '../engine/index.js';
import { BlockedCommands } from './blocked-commands.js';
import type { BlockResult, BlockedReader } from './blocked-readers.js';
import { SimRedisClient, type ConnectOptions, type RealConnectionOptions } from './client.js';
import {
  createCommandTable,
  executeInSession,
  type CommandContext,
  type CommandTable,
  type Outcome,
  type ServerView,
  type Session,
} from './commands/index.js';
import { KeyValueStore } from './kv-store.js';
import { PubSubHub } from './pubsub.js';
import { StreamModel, type RedisVersion } from './model/index.js';
import { RedisReplyError, type Reply } from './model/types.js';
import { toClientReply } from './client-reply.js';
import { bytesToText } from './bytes.js';
import { toPlainReply } from './resp/values.js';
import { Scripting } from './scripting/index.js';
import { InMemoryEndpoint } from './transport/endpoint.js';
import type { SimRedisOptions } from './server-options.js';

export type { SimRedisOptions } from './server-options.js';

/**
 * A simulated Redis server: the stream model, a keyspace for other values, blocked clients, and a
 * virtual clock. Connect the direct client with {@link SimRedisServer.connect}, or real clients
 * (ioredis, node-redis) with {@link SimRedisServer.url}; they all share its data.
 */
export class SimRedisServer {
  /** @internal */ readonly sim: Simulation;
  private readonly standalone: boolean;
  /** @internal */ readonly latency: number;
  private readonly blocked: BlockedCommands;
  readonly streams: StreamModel;
  /** SPOP and SRANDMEMBER draw from the simulation's seeded stream for them, created on first use. */
  readonly values = new KeyValueStore(() => this.sim.rng('redis:random-members'));
  /** The commands this server answers; modules that add commands register them here. */
  readonly commands: CommandTable = createCommandTable();
  /** @internal ServerView: pub/sub channels, patterns and their subscribers. */
  readonly pubsub = new PubSubHub();
  /** Created on first use: the Lua state costs a few hundred microseconds. */
  private scriptingState: Scripting | undefined;
  private readonly sessionsById = new Map<number, Session>();
  private readonly watchers = new Map<string, Set<Session>>();
  private readonly logLine: (line: string) => void;
  /** @internal */ readonly realConnectionOptions: () => RealConnectionOptions | undefined;
  private readonly logged = new Set<string>();
  private nextConnectionId = 1;
  private endpoint: InMemoryEndpoint | undefined;

  constructor(options: SimRedisOptions = {}) {
    if (options.simulation && options.startTime !== undefined) {
      throw new RangeError('startTime applies to a standalone server; a simulation brings its own clock');
    }
    const latency = options.latencyMs ?? 0;
    if (!Number.isInteger(latency) || latency < 0) {
      throw new RangeError(`latencyMs must be a whole number of milliseconds >= 0, got ${latency}`);
    }
    this.latency = latency;
    this.streams = new StreamModel({ version: options.version });
    this.standalone = options.simulation === undefined;
    this.sim = options.simulation ?? new Simulation({ startTime: options.startTime ?? 0, nodeClock: 'real' });
    this.blocked = new BlockedCommands(this.sim, this.streams, latency);
    this.logLine = options.log ?? ((line) => process.stderr.write(`${line}\n`));
    this.realConnectionOptions = options.realConnections ?? (() => undefined);
    this.streams.setOtherTypeLookup((key) => this.values.has(key, this.sim.now));
  }

  /** Current virtual time in ms. */
  now(): number {
    return this.sim.now;
  }

  /**
   * The address real clients connect to, e.g. `redis://s1.pelsim.invalid:6379`: while this server
   * is open, `net`/`tls` connections to that host are served in memory by this server (other hosts
   * connect as usual). `.invalid` never resolves, so a client used after {@link dispose} fails loudly.
   */
  get url(): string {
    this.endpoint ??= new InMemoryEndpoint(this);
    return this.endpoint.url;
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

  /** Opens a new connection (the direct, ioredis-shaped client) to this server. */
  connect(options: ConnectOptions = {}): SimRedisClient {
    return new SimRedisClient(this, this.openSession().id, options);
  }

  /**
   * Releases what the server holds outside itself (ioredis-mock's module-level keyspace, the
   * in-memory address). Call it when a simulation is finished with the server; it must not be
   * used afterwards. Real clients still connected hear nothing more (quit them first to end them
   * cleanly).
   */
  dispose(): void {
    this.endpoint?.close();
    this.values.dispose();
  }

  /**
   * Ends the real-client connections tagged `tag`. `'close'`: as a network failure, the client sees
   * the socket close (and reconnects if it is configured to). `'freeze'`: as when the process that
   * owns the client is killed: the server forgets the connection, the client hears nothing more.
   */
  dropRealConnections(tag: string, how: 'close' | 'freeze'): void {
    this.endpoint?.drop(tag, how);
  }

  /** Number of clients currently blocked in a command. */
  get blockedClients(): number {
    return this.blocked.size;
  }

  /** @internal ServerView: the Lua scripts and functions loaded on this server. */
  get scripting(): Scripting {
    return (this.scriptingState ??= new Scripting(this.streams.profile));
  }

  /** @internal ServerView */
  sessions(): Iterable<Session> {
    return this.sessionsById.values();
  }

  /** @internal ServerView: one stderr line per distinct message. */
  log(line: string): void {
    if (this.logged.has(line)) return;
    this.logged.add(line);
    this.logLine(line);
  }

  /** @internal ServerView */
  get watching(): boolean {
    return this.watchers.size > 0;
  }

  /** @internal ServerView: WATCHers of `key` see their transaction fail. */
  touch(key: string): void {
    const sessions = this.watchers.get(key);
    if (!sessions) return;
    for (const session of sessions) {
      if (session.watched?.has(key)) session.watchDirty = true;
    }
    this.watchers.delete(key);
  }

  /** @internal ServerView */
  touchAll(): void {
    for (const key of [...this.watchers.keys()]) this.touch(key);
  }

  /** @internal A new connection's state. */
  openSession(): Session {
    const session: Session = {
      id: this.nextConnectionId++,
      protocol: 2,
      name: null,
      libName: null,
      libVersion: null,
      db: 0,
      transaction: null,
      watched: null,
      watchDirty: false,
      closing: false,
      createdAt: this.sim.now,
      subscriptions: null,
      push: null,
    };
    this.sessionsById.set(session.id, session);
    return session;
  }

  /** @internal The connection is gone: its blocked commands are withdrawn and its state forgotten. */
  closeSession(session: Session): void {
    for (const reader of this.blocked.ofConnection(session.id)) this.blocked.withdraw(reader);
    this.pubsub.forget(session);
    this.sessionsById.delete(session.id);
  }

  /**
   * @internal Runs one command for a session, synchronously, then serves the clients blocked on
   * the keys it made ready. Error replies are thrown as RedisReplyError. The served clients'
   * replies are released by {@link releaseSettles}, which the caller invokes once it has sent its
   * own reply: the writer hears back before the readers it woke, as with a real server.
   */
  execute(session: Session, argv: readonly string[]): Outcome {
    const ctx: CommandContext = { session, now: this.sim.now, server: this, atomic: false };
    const hadWatch = session.watched;
    try {
      return executeInSession(this.commands, ctx, argv);
    } finally {
      if (session.watched !== hadWatch || (session.watched && session.watched.size > 0)) this.trackWatches(session);
      this.blocked.serveReadyKeys();
    }
  }

  /**
   * @internal Parks a connection's command until a key it waits on is ready or its timeout fires;
   * `settle` is called once with the outcome. Returns the reader, to withdraw with {@link unblock}.
   */
  block(
    connectionId: number,
    argv: readonly string[],
    blocking: BlockedReader['blocking'],
    settle: (result: BlockResult) => void,
    wait?: Wait<Reply>,
  ): BlockedReader {
    const session = this.sessionsById.get(connectionId);
    const reader: BlockedReader = { argv, blocking, connectionId, session, settle, wait, timeout: undefined, withdraw: undefined };
    this.blocked.park(reader);
    return reader;
  }

  /** @internal Withdraws a blocked command without settling it. */
  unblock(reader: BlockedReader): void {
    this.blocked.withdraw(reader);
  }

  /**
   * @internal The direct client's path: executes one command and delivers the reply in virtual
   * time through a wait of the calling process. `resend` is the pending reply of a command sent
   * again after a reconnect.
   */
  dispatch(connectionId: number, argv: readonly string[], resend?: Wait<Reply>): Promise<Reply> {
    const wait = resend ?? this.sim.createWait<Reply>(undefined, argv);
    this.send(connectionId, argv, wait);
    return wait.promise;
  }

  /**
   * @internal Executes `argv` for a connection and delivers its reply through `wait`, which must
   * be pending: a new one ({@link dispatch}) or one re-opened to send the command again in place
   * (the direct client's repeated poll, see `Wait.renewWith`).
   */
  send(connectionId: number, argv: readonly string[], wait: Wait<Reply>): BlockedReader | undefined {
    let reader: BlockedReader | undefined;
    wait.onCancelled(() => {
      if (reader) this.unblock(reader);
    });
    if (wait.cancelled) return undefined; // the calling process is dead: nothing it asks for happens
    const session = this.sessionsById.get(connectionId);
    // Outside sim.run() nothing moves the clock, so a reply due later would never come: answer now.
    const latency = this.sim.running ? this.latency : 0;
    const replyAt = this.sim.now + latency;
    if (session === undefined) {
      wait.reject(new Error('Connection is closed.'), replyAt);
      return undefined;
    }
    try {
      const outcome = this.execute(session, argv);
      if (outcome.kind === 'reply') {
        wait.resolve(toClientReply(toPlainReply(outcome.value)), replyAt);
      } else {
        reader = this.block(
          connectionId,
          argv,
          outcome.blocking,
          (result) => {
            const at = this.sim.now + (this.sim.running ? this.latency : 0);
            if ('error' in result) wait.reject(result.error, at);
            else wait.resolve(toClientReply(toPlainReply(result.value)), at);
          },
          wait,
        );
      }
    } catch (error) {
      wait.reject(error instanceof RedisReplyError ? clientError(error) : error instanceof Error ? error : new RedisReplyError(String(error)), replyAt);
    }
    this.releaseSettles();
    return reader;
  }

  /**
   * @internal {@link send} for a read whose BLOCK timed out (`previous`, settled with the timeout
   * reply) and that its client sends again unchanged, in the same wait: the poll of an idle
   * consumer. When the command would block again it is not run through the command table: the
   * model applies what running it does (`Blocking.repeat`), WATCH and ready keys are handled as
   * after any command, and the same reader joins the back of its keys' queues with a new timeout,
   * as a re-sent command would. Anything else takes the full path.
   */
  resend(connectionId: number, argv: readonly string[], wait: Wait<Reply>, previous: BlockedReader | undefined): BlockedReader | undefined {
    if (previous === undefined || previous.argv !== argv || previous.connectionId !== connectionId || previous.wait !== wait) {
      return this.send(connectionId, argv, wait);
    }
    const session = this.sessionsById.get(connectionId);
    const blocking = previous.blocking;
    if (
      wait.cancelled || session === undefined || session !== previous.session || session.transaction !== null ||
      session.subscriptions !== null || blocking.repeat === undefined || previous.timeout !== undefined ||
      !blocking.repeat(this.sim.now)
    ) {
      return this.send(connectionId, argv, wait);
    }
    wait.onCancelled((previous.withdraw ??= () => this.unblock(previous)));
    // What executing the write does after running it (CommandTable.run, execute's finally).
    if (this.watching) for (const key of blocking.keys) this.touch(key);
    if (session.watched !== null && session.watched.size > 0) this.trackWatches(session);
    this.blocked.serveReadyKeys();
    this.blocked.park(previous);
    this.blocked.releaseSettles();
    return previous;
  }

  /** @internal Drops a closing direct connection's blocked reads with ioredis's error. */
  closeConnection(connectionId: number): void {
    for (const reader of this.blocked.ofConnection(connectionId)) {
      this.unblock(reader);
      reader.wait?.reject(new Error('Connection is closed.'));
    }
    const session = this.sessionsById.get(connectionId);
    if (session) this.closeSession(session);
  }

  /**
   * @internal A direct connection was lost: its blocked reads leave the server (a reconnected
   * client sends them again) and are returned, oldest first, still pending.
   */
  suspendConnection(connectionId: number): { argv: readonly string[]; wait: Wait<Reply> }[] {
    const out: { argv: readonly string[]; wait: Wait<Reply> }[] = [];
    for (const reader of this.blocked.ofConnection(connectionId)) {
      this.unblock(reader);
      if (reader.wait) out.push({ argv: reader.argv, wait: reader.wait });
    }
    return out;
  }

  /** @internal Re-opens a closed direct connection under the same id, with a fresh state. */
  reopenSession(connectionId: number): void {
    if (this.sessionsById.has(connectionId)) return;
    const session = this.openSession();
    this.sessionsById.delete(session.id);
    this.sessionsById.set(connectionId, { ...session, id: connectionId });
  }

  private trackWatches(session: Session): void {
    for (const key of session.watched ?? []) {
      let set = this.watchers.get(key);
      if (!set) this.watchers.set(key, (set = new Set()));
      set.add(session);
    }
  }

  /** @internal Settles the blocked commands the last commands served (see {@link execute}). */
  releaseSettles(): void {
    this.blocked.releaseSettles();
  }
}

/** Creates a simulated Redis server. See {@link SimRedisOptions}. */
export function createSimRedis(options: SimRedisOptions = {}): SimRedisServer {
  return new SimRedisServer(options);
}

/**
 * The server is the view its command modules work on. Checked here rather than with `implements`,
 * because the published declarations strip the @internal members that view uses.
 */
const asView = (server: SimRedisServer): ServerView => server;
void asView;

/** A reply error as the direct client's caller reads it: its bytes decoded as text, like ioredis. */
function clientError(error: RedisReplyError): RedisReplyError {
  const text = bytesToText(error.message);
  return text === error.message ? error : new RedisReplyError(text);
}
