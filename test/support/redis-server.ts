/**
 * Starts a throwaway real `redis-server` for differential tests and benchmarks.
 *
 * Each server listens on a free loopback port with persistence off (`--save '' --appendonly no`),
 * so tests never touch a developer's own Redis or leave files behind.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';

/** A running redis-server started by {@link startRedisServer}. */
export interface RedisServerHandle {
  readonly port: number;
  /** Stops the server and waits for the process to exit. */
  stop(): Promise<void>;
}

const BINARY = process.env.REDIS_SERVER_BIN ?? 'redis-server';

let available: boolean | undefined;

/** True when a `redis-server` binary can be run (checked once per process). */
export function redisServerAvailable(): boolean {
  if (available === undefined) {
    const probe = spawnSync(BINARY, ['--version'], { stdio: 'ignore' });
    available = probe.error === undefined && probe.status === 0;
  }
  return available;
}

/**
 * For a differential test file: returns true when it must be skipped because redis-server is
 * missing, after printing one line saying so. With `CI=true` a missing server is an error instead,
 * so CI can never pass by skipping.
 */
export function skipWithoutRedisServer(what: string): boolean {
  if (redisServerAvailable()) return false;
  const why = `${what}: redis-server is not on PATH (install it, or set REDIS_SERVER_BIN)`;
  if (process.env.CI === 'true') throw new Error(`${why}; differential tests are mandatory when CI=true`);
  console.warn(`skipped ${why}`);
  return true;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Resolves once `PING` on the port answers `+PONG`. */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    let data = '';
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      data += chunk.toString();
      if (data.includes('\r\n')) done(data.startsWith('+PONG'));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function tryStart(): Promise<RedisServerHandle | null> {
  const port = await freePort();
  const child = spawn(
    BINARY,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let failed = false;
  child.once('exit', () => {
    failed = true;
  });
  child.once('error', () => {
    failed = true;
  });
  for (let attempt = 0; attempt < 100 && !failed; attempt++) {
    if (await ping(port)) {
      return {
        port,
        async stop() {
          child.kill('SIGTERM');
          await exited(child);
        },
      };
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  await exited(child);
  return null;
}

/** Starts a redis-server on a free port; retries a few times if the port was taken meanwhile. */
export async function startRedisServer(): Promise<RedisServerHandle> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const handle = await tryStart();
    if (handle !== null) return handle;
  }
  throw new Error(`could not start ${BINARY}`);
}
