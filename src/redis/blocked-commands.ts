import type { Simulation } from '../engine/index.js';
import { BlockedReaders, type BlockResult, type BlockedReader } from './blocked-readers.js';
import { toClientReply } from './client-reply.js';
import type { StreamModel } from './model/index.js';
import { toPlainReply } from './resp/values.js';

/**
 * The server's blocked commands: each parked on its keys until one is ready or its timeout fires,
 * served oldest first when a command makes keys ready, and settled only once the command that
 * served them has sent its own reply (the writer hears back before the readers it woke).
 */
export class BlockedCommands {
  private readonly readers = new BlockedReaders();
  private serving = false;
  /** Blocked commands served by the command that ran last, settled once its own reply is on its way. */
  private readonly pendingSettles: (() => void)[] = [];
  private releasing = false;

  constructor(
    private readonly sim: Simulation,
    private readonly streams: StreamModel,
    private readonly latency: number,
  ) {}

  /** Number of commands blocked now. */
  get size(): number {
    return this.readers.size;
  }

  /** The commands a connection has blocked, oldest first. */
  ofConnection(connectionId: number): readonly BlockedReader[] {
    return this.readers.ofConnection(connectionId);
  }

  /** Queues a reader behind every reader of its keys, with its timeout. */
  park(reader: BlockedReader): void {
    this.readers.add(reader);
    if (reader.blocking.timeoutMs > 0) {
      reader.timeout = this.sim.schedule(reader.blocking.timeoutMs, this.onTimeout, reader);
    }
  }

  /** Withdraws a blocked command without settling it. */
  withdraw(reader: BlockedReader): void {
    this.readers.remove(reader);
    reader.timeout?.cancel();
    reader.timeout = undefined;
  }

  /**
   * Offers every key made ready since the last call to the clients blocked on it, oldest first,
   * until no key is ready (a served client may run queued commands that make more keys ready).
   */
  serveReadyKeys(): void {
    if (this.serving) return;
    this.serving = true;
    try {
      for (let keys = this.streams.takeReadyKeys(); keys.length > 0; keys = this.streams.takeReadyKeys()) {
        const now = this.sim.now;
        for (const key of keys) {
          for (const reader of this.readers.on(key)) {
            const outcome = reader.blocking.serve(key, now);
            if (outcome.kind === 'still-blocked') continue;
            if (outcome.kind === 'blocked-again') {
              // Re-executed and blocked again (7.2+): behind the others, with its original timeout.
              this.readers.requeue(reader);
              continue;
            }
            this.withdraw(reader);
            const result: BlockResult = outcome.kind === 'served' ? { value: outcome.reply } : { error: outcome.error };
            this.pendingSettles.push(() => reader.settle(result));
          }
        }
      }
    } finally {
      this.serving = false;
    }
  }

  /** Settles the blocked commands the last commands served. */
  releaseSettles(): void {
    if (this.releasing || this.pendingSettles.length === 0) return;
    this.releasing = true;
    try {
      // A settle may run queued commands that serve more readers: they join the end of the list.
      for (let i = 0; i < this.pendingSettles.length; i++) (this.pendingSettles[i] as () => void)();
    } finally {
      this.pendingSettles.length = 0;
      this.releasing = false;
    }
  }

  private readonly onTimeout = (reader: BlockedReader): void => {
    reader.timeout = undefined;
    this.withdraw(reader);
    const wait = reader.wait;
    if (wait !== undefined && this.latency === 0) {
      // The direct client's poll: its renewal may send the read again within this very event.
      wait.resolveRenewing(toClientReply(toPlainReply(reader.blocking.timeoutReply)));
    } else {
      reader.settle({ value: reader.blocking.timeoutReply });
    }
    this.releaseSettles();
  };
}
