/**
 * In-memory addresses: while a server is open, `net.connect`/`net.createConnection`/`tls.connect`
 * to its host and port return an in-memory socket served by it, so unmodified ioredis and
 * node-redis clients (and libraries that build their own from a URL) reach the simulated server.
 * Connections to any other host go to the real functions untouched. The functions are replaced
 * while at least one server is open and restored when the last one closes.
 *
 * What lives at module level is process-wide by nature (the `node:net` functions are): the table
 * of open servers by port, the saved real functions, and the next port to hand out. Servers open at
 * once, in simulations awaited together, share none of it: each has its own port, never reused, so a
 * connection reaches only the server it named; the real functions come back only when the table
 * is empty. What a server's own connections see (their local ports) is counted per server, so a
 * simulation's sockets are numbered the same whatever else runs in the process
 * (test/world/interleaved.test.ts runs simulations at once against each run alone).
 */
import { createRequire, syncBuiltinESMExports } from 'node:module';
import type * as DnsModule from 'node:dns';
import type * as NetModule from 'node:net';
import type * as TlsModule from 'node:tls';
import type { SimRedisServer } from '../server.js';
import { MemorySocket } from './memory-socket.js';
import { RespConnection } from './resp-connection.js';

/** The host every simulated server is reached at. `.invalid` never resolves in real DNS. */
export const PELSIM_HOST = 'pelsim.invalid';
/**
 * What {@link PELSIM_HOST} resolves to while a server is open (clients such as node-redis 5 look
 * the host up). An address of TEST-NET-1, which is never routed, and which is served in memory too.
 */
export const PELSIM_ADDRESS = '192.0.2.1';
const FIRST_PORT = 6379;

// The CommonJS module objects: what `require('net')` in client libraries sees.
const require = createRequire(import.meta.url);
const net = require('node:net') as typeof NetModule;
const tls = require('node:tls') as typeof TlsModule;
const dns = require('node:dns') as typeof DnsModule;

const endpoints = new Map<number, InMemoryEndpoint>();
let saved:
  | {
      connect: typeof net.connect;
      createConnection: typeof net.createConnection;
      tlsConnect: typeof tls.connect;
      lookup: typeof dns.lookup;
      promisesLookup: typeof dns.promises.lookup;
    }
  | undefined;
let nextPort = FIRST_PORT;
/** A client's side of its first connection to a server; each further connection to it counts up. */
const FIRST_LOCAL_PORT = 50000;
/** The local port of a socket refused at once (no server there): it never connects. */
const REFUSED_LOCAL_PORT = 0;

/** One open server's address. */
export class InMemoryEndpoint {
  /**
   * Port of this server on {@link PELSIM_HOST}: 6379 for the first server of the process, then
   * 6380, ... Never reused, so a client left reconnecting to a disposed server cannot reach a
   * later one and mix their data.
   */
  readonly port: number;
  private readonly connections = new Map<MemorySocket, RespConnection>();
  private nextLocalPort = FIRST_LOCAL_PORT;
  private open = true;
  /**
   * Set once a real client connected: client libraries react on nextTick and stream events (a
   * close, a reconnect), so the engine lets those settle at the end of every instant from then on.
   */
  private releaseSettling: (() => void) | undefined;

  constructor(private readonly server: SimRedisServer) {
    this.port = nextPort++;
    endpoints.set(this.port, this);
    installRoutes();
  }

  /** `redis://pelsim.invalid:<port>`. */
  get url(): string {
    return `redis://${PELSIM_HOST}:${this.port}`;
  }

  /** @internal A new connection to this server. */
  connect(tlsRequested: boolean): MemorySocket {
    const socket = new MemorySocket(PELSIM_HOST, this.port, this.nextLocalPort++, tlsRequested);
    if (!this.open) {
      process.nextTick(() => socket.destroy(refused(this.port)));
      return socket;
    }
    this.releaseSettling ??= this.server.sim.settleBetweenInstants('real-client connections');
    const connection = new RespConnection(this.server, socket, this.server.realConnectionOptions());
    this.connections.set(socket, connection);
    socket.once('close', () => this.connections.delete(socket));
    socket.open(connection, tlsRequested);
    return socket;
  }

  /**
   * Frees the address. Connections still open are frozen, not closed: the simulation they belong
   * to is over, and a closed socket would send each client into a reconnect loop against an
   * address that no longer answers.
   */
  close(): void {
    if (!this.open) return;
    this.open = false;
    this.releaseSettling?.();
    endpoints.delete(this.port);
    for (const connection of this.connections.values()) connection.freeze();
    this.connections.clear();
    if (endpoints.size === 0) removeRoutes();
  }

  /** @internal See {@link SimRedisServer.dropRealConnections}. */
  drop(tag: string, how: 'close' | 'freeze'): void {
    for (const [socket, connection] of [...this.connections]) {
      if (connection.tag !== tag) continue;
      if (how === 'close') {
        socket.destroy();
      } else {
        connection.freeze();
        this.connections.delete(socket);
      }
    }
  }
}

function refused(port: number): Error {
  return Object.assign(new Error(`connect ECONNREFUSED ${PELSIM_HOST}:${port} (no pelsim server is open there)`), {
    code: 'ECONNREFUSED',
  });
}

/** Host and port from the argument shapes of net.connect / tls.connect. */
function target(args: readonly unknown[]): { host: string | undefined; port: number; listener?: () => void } | undefined {
  const [first, second, third] = args;
  if (typeof first === 'object' && first !== null) {
    const options = first as { host?: string; port?: number | string; path?: string };
    if (options.path !== undefined) return undefined;
    return {
      host: options.host,
      port: Number(options.port ?? 6379),
      listener: typeof second === 'function' ? (second as () => void) : undefined,
    };
  }
  if (typeof first === 'number' || (typeof first === 'string' && /^[0-9]+$/.test(first))) {
    return {
      host: typeof second === 'string' ? second : undefined,
      port: Number(first),
      listener: [second, third].find((a): a is () => void => typeof a === 'function'),
    };
  }
  return undefined;
}

function route(args: readonly unknown[], tlsRequested: boolean): MemorySocket | undefined {
  const t = target(args);
  const host = t?.host?.toLowerCase();
  if (t === undefined || (host !== PELSIM_HOST && host !== PELSIM_ADDRESS)) return undefined;
  const endpoint = endpoints.get(t.port);
  let socket: MemorySocket;
  if (endpoint) socket = endpoint.connect(tlsRequested);
  else {
    socket = new MemorySocket(PELSIM_HOST, t.port, REFUSED_LOCAL_PORT, tlsRequested);
    process.nextTick(() => socket.destroy(refused(t.port)));
  }
  if (t.listener) socket.once(tlsRequested ? 'secureConnect' : 'connect', t.listener);
  return socket;
}

function installRoutes(): void {
  if (saved) return;
  saved = {
    connect: net.connect,
    createConnection: net.createConnection,
    tlsConnect: tls.connect,
    lookup: dns.lookup,
    promisesLookup: dns.promises.lookup,
  };
  const real = saved;
  const netConnect = (...args: unknown[]): NetModule.Socket =>
    (route(args, false) as unknown as NetModule.Socket | undefined) ??
    (real.createConnection as (...a: unknown[]) => NetModule.Socket)(...args);
  net.connect = netConnect as typeof net.connect;
  net.createConnection = netConnect as typeof net.createConnection;
  tls.connect = ((...args: unknown[]) =>
    (route(args, true) as unknown as TlsModule.TLSSocket | undefined) ??
    (real.tlsConnect as (...a: unknown[]) => TlsModule.TLSSocket)(...args)) as typeof tls.connect;
  dns.lookup = ((hostname: string, ...rest: unknown[]) => {
    const callback = rest.at(-1) as (err: Error | null, address: unknown, family?: number) => void;
    if (typeof hostname !== 'string' || hostname.toLowerCase() !== PELSIM_HOST || typeof callback !== 'function') {
      return (real.lookup as (...a: unknown[]) => void)(hostname, ...rest);
    }
    const options = rest.length > 1 ? rest[0] : undefined;
    const all = typeof options === 'object' && options !== null && (options as { all?: boolean }).all === true;
    process.nextTick(() =>
      all ? callback(null, [{ address: PELSIM_ADDRESS, family: 4 }]) : callback(null, PELSIM_ADDRESS, 4),
    );
  }) as typeof dns.lookup;
  dns.promises.lookup = (async (hostname: string, options?: unknown) => {
    if (typeof hostname !== 'string' || hostname.toLowerCase() !== PELSIM_HOST) {
      return (real.promisesLookup as (...a: unknown[]) => Promise<unknown>)(hostname, options);
    }
    const all = typeof options === 'object' && options !== null && (options as { all?: boolean }).all === true;
    return all ? [{ address: PELSIM_ADDRESS, family: 4 }] : { address: PELSIM_ADDRESS, family: 4 };
  }) as typeof dns.promises.lookup;
  // Keep `import { connect } from 'node:net'` in ES modules in step with the CommonJS object.
  syncBuiltinESMExports();
}

function removeRoutes(): void {
  if (!saved) return;
  net.connect = saved.connect;
  net.createConnection = saved.createConnection;
  tls.connect = saved.tlsConnect;
  dns.lookup = saved.lookup;
  dns.promises.lookup = saved.promisesLookup;
  saved = undefined;
  syncBuiltinESMExports();
}
