/**
 * The client's end of an in-memory connection: a Duplex shaped enough like `net.Socket` (and
 * `tls.TLSSocket`) for ioredis and node-redis: `connecting`, the `connect`/`ready`/`secureConnect`
 * events, `setNoDelay`, `setKeepAlive`, `setTimeout`, `ref`/`unref`, addresses.
 *
 * Bytes the client writes go to the server side synchronously; the server pushes replies back
 * with {@link MemorySocket.deliver}. Nothing here touches the network or a real timer.
 */
import { Duplex } from 'node:stream';

/** What the server side of a connection receives. */
export interface ServerSide {
  /** Bytes the client wrote. */
  receive(chunk: Buffer): void;
  /** The client ended or destroyed the connection. */
  closed(): void;
}

/** The client end of an in-memory connection. */
export class MemorySocket extends Duplex {
  /** Like `net.Socket#connecting`: true until `connect` is emitted. */
  connecting = true;
  readonly remoteAddress: string;
  readonly remotePort: number;
  readonly remoteFamily = 'IPv4';
  readonly localAddress = '127.0.0.1';
  readonly localPort: number;
  /** TLS sockets report as authorized: the in-memory server presents no certificate to check. */
  readonly encrypted: boolean;
  readonly authorized: boolean;
  private server: ServerSide | undefined;
  private idleTimeout = 0;

  constructor(host: string, port: number, localPort: number, tls: boolean) {
    super({ allowHalfOpen: false });
    this.remoteAddress = host;
    this.remotePort = port;
    this.localPort = localPort;
    this.encrypted = tls;
    this.authorized = tls;
  }

  /** @internal Attaches the server side and announces the connection on the next tick, as net does. */
  open(server: ServerSide, tls: boolean): void {
    this.server = server;
    process.nextTick(() => {
      if (this.destroyed) return;
      this.connecting = false;
      this.emit('connect');
      if (tls) this.emit('secureConnect');
      this.emit('ready');
    });
  }

  /** @internal Server to client bytes. */
  deliver(data: Buffer): void {
    if (!this.destroyed && !this.readableEnded) this.push(data);
  }

  /** @internal The server closed the connection (QUIT, or the connection was dropped). */
  hangUp(): void {
    if (this.destroyed) return;
    this.push(null);
    this.end();
  }

  setNoDelay(): this {
    return this;
  }
  setKeepAlive(): this {
    return this;
  }
  /**
   * Records the idle timeout and its listener. An in-memory connection never idles out on its own:
   * replies come in virtual time, so a timeout measured on the wall clock would be meaningless.
   */
  setTimeout(ms: number, callback?: () => void): this {
    this.idleTimeout = ms;
    if (callback) {
      if (ms === 0) this.removeListener('timeout', callback);
      else this.once('timeout', callback);
    }
    return this;
  }
  /** The idle timeout last set with {@link setTimeout}, in ms. */
  get timeout(): number {
    return this.idleTimeout;
  }
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
  address(): { address: string; family: string; port: number } {
    return { address: this.localAddress, family: 'IPv4', port: this.localPort };
  }

  override _read(): void {
    // Replies are pushed by the server as they are produced.
  }

  override _write(chunk: Buffer | string, encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    const server = this.server;
    if (server === undefined) {
      callback(new Error('write before the in-memory connection was opened'));
      return;
    }
    try {
      server.receive(typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk);
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _writev(chunks: { chunk: Buffer | string; encoding: BufferEncoding }[], callback: (error?: Error | null) => void): void {
    const buffers = chunks.map(({ chunk, encoding }) => (typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk));
    this._write(Buffer.concat(buffers), 'latin1', callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.server?.closed();
    callback();
    // The server answers a closed write side by closing its own, as Redis does.
    process.nextTick(() => this.push(null));
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.server?.closed();
    this.server = undefined;
    callback(error);
  }
}
