/**
 * Raw RESP conversations on several connections, run the same way against a real redis-server and
 * against a pelsim server reached through its in-memory URL, so per-connection ordering, blocking,
 * transactions and connection commands can be compared reply by reply.
 */
import { connect, type Socket } from 'node:net';
import { createSimRedis, type SimRedisServer } from '../../src/redis/index.js';
import type { RedisVersion } from '../../src/redis/model/index.js';
import { encodeCommand, ReplyReader, type Tagged } from './resp-reader.js';

/** One side of a comparison. */
export interface Conversation {
  /** Sends commands on connection `name` (opened on first use), pipelined in one write. */
  send(name: string, ...argvs: string[][]): Promise<void>;
  /** The next `n` replies on connection `name`. */
  take(name: string, n: number): Promise<Tagged[]>;
  /** The next `n` replies on connection `name`, as the bytes that came (latin1). */
  takeRaw(name: string, n: number): Promise<string[]>;
  /** Replies that arrived on `name` and were not taken yet (after letting pending I/O settle). */
  pending(name: string): Promise<number>;
  /** Lets `ms` of server time pass (wall clock for the real server, virtual for pelsim). */
  elapse(ms: number): Promise<void>;
  close(): Promise<void>;
}

abstract class Base implements Conversation {
  private readonly connections = new Map<string, { socket: Socket; reader: ReplyReader }>();
  protected abstract open(): Socket;
  abstract elapse(ms: number): Promise<void>;
  protected abstract settle(): Promise<void>;

  private async connection(name: string): Promise<{ socket: Socket; reader: ReplyReader }> {
    let c = this.connections.get(name);
    if (!c) {
      const socket = this.open();
      c = { socket, reader: new ReplyReader(socket) };
      this.connections.set(name, c);
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('error', reject);
      });
    }
    return c;
  }

  async send(name: string, ...argvs: string[][]): Promise<void> {
    const c = await this.connection(name);
    c.socket.write(Buffer.from(argvs.map(encodeCommand).join(''), 'latin1'));
  }

  async take(name: string, n: number): Promise<Tagged[]> {
    return (await this.connection(name)).reader.take(n);
  }

  async takeRaw(name: string, n: number): Promise<string[]> {
    return (await this.connection(name)).reader.takeRaw(n);
  }

  async pending(name: string): Promise<number> {
    await this.settle();
    return (await this.connection(name)).reader.available;
  }

  async close(): Promise<void> {
    for (const { socket } of this.connections.values()) socket.destroy();
    this.connections.clear();
  }
}

/** A conversation with a real redis-server on `port`. */
export class RealConversation extends Base {
  constructor(private readonly port: number) {
    super();
  }
  protected open(): Socket {
    return connect({ host: '127.0.0.1', port: this.port });
  }
  async elapse(ms: number): Promise<void> {
    await new Promise((r) => setTimeout(r, ms + 50));
  }
  protected async settle(): Promise<void> {
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A conversation with a standalone pelsim server through `net.connect` to its URL. */
export class PelsimConversation extends Base {
  readonly server: SimRedisServer;
  /** `version`: the profile matching the real server the conversation is compared with. */
  constructor(version?: RedisVersion) {
    super();
    this.server = createSimRedis({ version });
  }
  protected open(): Socket {
    const url = new URL(this.server.url);
    return connect({ host: url.hostname, port: Number(url.port) });
  }
  async elapse(ms: number): Promise<void> {
    await this.server.advanceBy(ms);
    await this.settle();
  }
  protected async settle(): Promise<void> {
    for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
  }
  override async close(): Promise<void> {
    await super.close();
    this.server.dispose();
  }
}
