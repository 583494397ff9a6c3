/**
 * The server's end of one in-memory connection: parses requests, runs them in order through the
 * server, and writes the replies back in virtual time.
 *
 * Ordering follows Redis: commands of one connection run one after another; a command that blocks
 * (XREADGROUP ... BLOCK) holds back every command sent after it on the same connection, which run
 * only once it is served or times out; replies leave in the order the commands came.
 *
 * Every batch of replies travels through an engine wait owned by the process that sent the
 * commands, so a process awaiting a real client's reply is suspended in virtual time exactly like
 * one awaiting the direct client, and the reply reaches the connection (never "the current
 * process"). A command that blocks keeps that wait's owner for the replies that follow it.
 *
 * Pub/sub messages are written in order with the replies, as Redis appends them to the same output
 * buffer: one published by this connection's own command lands among that batch's replies; one
 * published elsewhere goes out at once. While the connection is subscribed, a pending wait owned by
 * the process that subscribed stands ready to carry the next message, so that process counts as
 * waiting on the connection (not on something foreign) and its handlers run in its turn.
 */
import type { Process, Wait } from '../../engine/index.js';
import type { BlockResult, BlockedReader } from '../blocked-readers.js';
import type { CommandObserver, RealConnectionOptions } from '../client.js';
import { toClientReply } from '../client-reply.js';
import type { Session } from '../commands/index.js';
import { RedisReplyError } from '../model/types.js';
import { encodeError, encodeReply } from '../resp/encoder.js';
import { ProtocolError, RequestParser } from '../resp/parser.js';
import { toPlainReply, type RespValue } from '../resp/values.js';
import { PubSubHub } from '../pubsub.js';
import type { SimRedisServer } from '../server.js';
import type { MemorySocket, ServerSide } from './memory-socket.js';

interface OutputSlot {
  data: string | undefined;
}

/** Serves one {@link MemorySocket} from a {@link SimRedisServer}. */
export class RespConnection implements ServerSide {
  private readonly parser = new RequestParser();
  private readonly session: Session;
  private readonly inbox: string[][] = [];
  private inboxHead = 0;
  private blocked: { reader: BlockedReader; wait: Wait<string> } | undefined;
  private readonly slots: OutputSlot[] = [];
  private protocolError: ProtocolError | undefined;
  /** Replies being gathered by {@link drain}; a push made meanwhile joins them, in order. */
  private draft: string | undefined;
  /** Pushes made by the command running now, held until its reply is written (7.2+). */
  private heldPushes = '';
  /** The wait the next pub/sub message travels on, while the connection is subscribed. */
  private listener: Wait<string> | undefined;
  /** A listener being withdrawn on purpose: its cancel hook must not freeze the connection. */
  private retiring: Wait<string> | undefined;
  private gone = false;
  /** The label given when the connection opened (see `SimRedisOptions.realConnections`). */
  readonly tag: string | undefined;
  private readonly observe: CommandObserver | undefined;

  constructor(
    private readonly server: SimRedisServer,
    private readonly socket: MemorySocket,
    options: RealConnectionOptions | undefined,
  ) {
    this.session = server.openSession();
    this.session.push = this.pushed;
    this.tag = options?.tag;
    this.observe = options?.observe;
  }

  /**
   * The owner of the client was killed: the server forgets the connection (its blocked commands
   * are withdrawn) and the client hears nothing more, as from a peer that vanished.
   */
  freeze(): void {
    this.closed();
    this.slots.length = 0;
  }

  /** Bytes from the client, in the writing process's turn. */
  receive(chunk: Buffer): void {
    if (this.gone || this.protocolError) return;
    this.parser.push(chunk);
    try {
      for (let argv = this.parser.next(); argv !== undefined; argv = this.parser.next()) this.inbox.push(argv);
    } catch (error) {
      if (!(error instanceof ProtocolError)) throw error;
      this.protocolError = error;
    }
    if (this.blocked) return;
    const sim = this.server.sim;
    const output = this.drain(null);
    if (output !== '') this.send(output, sim.createWait<string>(this.abort));
    this.armListener(sim.currentProcess);
    this.server.releaseSettles();
  }

  /** The client closed its end. */
  closed(): void {
    if (this.gone) return;
    this.gone = true;
    if (this.blocked) this.server.unblock(this.blocked.reader);
    this.blocked = undefined;
    this.retireListener();
    this.server.closeSession(this.session);
  }

  /**
   * Runs queued commands until one blocks or none is left; returns their encoded replies. `owner`
   * is the process replies after a block belong to (null: the calling process).
   */
  private drain(owner: Process | null | undefined): string {
    this.draft = '';
    try {
      return this.runInbox(owner);
    } finally {
      this.draft = undefined;
    }
  }

  private runInbox(owner: Process | null | undefined): string {
    const session = this.session;
    while (this.inboxHead < this.inbox.length && !session.closing) {
      const argv = this.inbox[this.inboxHead++] as string[];
      try {
        const outcome = this.server.execute(session, argv);
        if (outcome.kind === 'reply') {
          this.draft += encodeReply(outcome.value, session.protocol) + this.takeHeldPushes();
          this.observed(argv, outcome.value);
          continue;
        }
        // Replies so far leave now; the blocked one and all after it wait for the block to end.
        if (this.draft !== '') this.send(this.draft as string, this.newWait(owner));
        this.draft = '';
        const wait = this.newWait<string>(owner);
        const reader = this.server.block(session.id, argv, outcome.blocking, this.unblocked);
        this.blocked = { reader, wait };
        this.compactInbox();
        return '';
      } catch (error) {
        this.draft += encodeError(error instanceof Error ? error : new RedisReplyError(String(error))) + this.takeHeldPushes();
      }
    }
    this.compactInbox();
    if (this.protocolError && !session.closing) {
      this.draft += encodeError(this.protocolError);
      session.closing = true;
    }
    return this.draft as string;
  }

  /** A pub/sub message for this connection (see the class comment). */
  private readonly pushed = (frame: RespValue): void => {
    if (this.gone) return;
    const data = encodeReply(frame, this.session.protocol);
    if (this.draft !== undefined) {
      if (this.server.streams.profile.ownPushesAfterReply) this.heldPushes += data;
      else this.draft += data;
      return;
    }
    const listener = this.listener;
    this.listener = undefined;
    const owner = listener?.owner ?? null;
    const wait = listener?.pending && (owner === null || owner.alive) ? listener : this.newListener(null);
    this.send(data, wait);
    this.armListener(owner);
  };

  private takeHeldPushes(): string {
    const held = this.heldPushes;
    if (held !== '') this.heldPushes = '';
    return held;
  }

  /**
   * Keeps one listener pending while the connection is subscribed, owned by `owner` (the process
   * that last spoke on it; nobody once that process has ended); none when it is not subscribed.
   */
  private armListener(owner: Process | null): void {
    const subscribed = !this.gone && PubSubHub.count(this.session) > 0;
    const live = owner !== null && owner.alive ? owner : null;
    if (this.listener !== undefined && (!subscribed || this.listener.owner !== live)) this.retireListener();
    if (subscribed && this.listener === undefined) this.listener = this.newListener(live);
  }

  private newListener(owner: Process | null): Wait<string> {
    const wait: Wait<string> = this.server.sim.createWaitFor<string>(owner, () => {
      // Its process was killed: like any reply of that process, nothing can follow in order.
      if (wait !== this.retiring) this.abort();
    });
    return wait;
  }

  private retireListener(): void {
    const listener = this.listener;
    if (listener === undefined) return;
    this.listener = undefined;
    this.retiring = listener;
    this.server.sim.withdraw(listener as Wait<unknown>);
    this.retiring = undefined;
  }

  /** A wait for replies: owned by the calling process, or by `owner` after a block. */
  private newWait<T>(owner: Process | null | undefined): Wait<T> {
    const sim = this.server.sim;
    return owner === null || owner === undefined ? sim.createWait<T>(this.abort) : sim.createWaitFor<T>(owner, this.abort);
  }

  private readonly unblocked = (result: BlockResult): void => {
    const blocked = this.blocked;
    if (!blocked || this.gone) return;
    this.blocked = undefined;
    let out = 'error' in result ? encodeError(result.error) : encodeReply(result.value, this.session.protocol);
    if (!('error' in result)) this.observed(blocked.reader.argv, result.value);
    // The commands queued behind the block run now, for the process that was blocked.
    out += this.drain(blocked.wait.owner ?? undefined);
    this.send(out, blocked.wait);
    this.armListener(blocked.wait.owner);
  };

  private observed(argv: readonly string[], value: RespValue): void {
    this.observe?.(argv, toClientReply(toPlainReply(value)));
  }

  private send(data: string, wait: Wait<string>): void {
    const slot: OutputSlot = { data: undefined };
    this.slots.push(slot);
    wait.resolve(data, this.server.sim.now + this.server.latency);
    void wait.promise.then((settled) => {
      if (this.gone && this.slots.length === 0) return;
      slot.data = settled;
      this.flush();
    });
  }

  /** Writes every reply whose turn has come, in command order. */
  private flush(): void {
    const slots = this.slots;
    let n = 0;
    while (n < slots.length && (slots[n] as OutputSlot).data !== undefined) {
      this.socket.deliver(Buffer.from((slots[n] as OutputSlot).data as string, 'latin1'));
      n++;
    }
    if (n > 0) slots.splice(0, n);
    if (slots.length === 0 && this.session.closing && !this.blocked) this.hangUp();
  }

  private compactInbox(): void {
    if (this.inboxHead === this.inbox.length) {
      this.inbox.length = 0;
      this.inboxHead = 0;
    }
  }

  private hangUp(): void {
    this.closed();
    this.socket.hangUp();
  }

  /**
   * The process that owns pending replies was killed: its replies can never be delivered in order,
   * and nothing in it will run again, so the connection is frozen (see {@link freeze}).
   */
  private readonly abort = (): void => {
    if (!this.gone) this.freeze();
  };
}
