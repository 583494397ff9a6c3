/**
 * Finds and starts throwaway real Redis/Valkey servers for differential tests and benchmarks.
 *
 * Servers are found, by the version they report (`--version`), among:
 * - `$REDIS_SERVER_BIN` (one binary, any version);
 * - `$PELSIM_REDIS_SERVERS/<name>` for the names in {@link SERVER_NAMES} (CI points this at
 *   `../shared/redis-servers`);
 * - the same names, and plain `redis-server`, on PATH.
 *
 * Each server listens on a free loopback port with persistence off (`--save '' --appendonly no`),
 * so tests never touch a developer's own Redis or leave files behind.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { connect, createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import { REDIS_VERSIONS, type RedisVersion } from '../../src/redis/model/profile.js';

/** A server binary and the model version profile it proves. */
export interface RedisServerBinary {
  readonly version: RedisVersion;
  readonly path: string;
  /** What `--version` said, e.g. `Valkey server v=8.0.1`. */
  readonly reported: string;
  /** The allocator it was built with (`malloc=` in `--version`): `jemalloc-5.3.0`, `libc`, ... */
  readonly allocator: string;
}

/** The binary names looked for, per version. */
export const SERVER_NAMES: Readonly<Record<RedisVersion, readonly string[]>> = {
  '7.0': ['redis-7.0-server', 'redis-server'],
  '7.2': ['redis-7.2-server', 'redis-server'],
  '7.4': ['redis-7.4-server', 'redis-server'],
  'valkey-8.0': ['valkey-8.0-server', 'valkey-server'],
};

/** A running server started by {@link startRedisServer}. */
export interface RedisServerHandle {
  readonly port: number;
  /** Stops the server and waits for the process to exit. */
  stop(): Promise<void>;
}

const DEFAULT_BINARY = process.env.REDIS_SERVER_BIN ?? 'redis-server';

/** Maps a `--version` line to the profile it proves, or null for versions pelsim has no profile for. */
export function versionOfReport(line: string): RedisVersion | null {
  const m = /^(Redis|Valkey) server v=(\d+)\.(\d+)\./.exec(line);
  if (m === null) return null;
  const name = m[1] === 'Valkey' ? `valkey-${m[2]}.${m[3]}` : `${m[2]}.${m[3]}`;
  return (REDIS_VERSIONS as readonly string[]).includes(name) ? (name as RedisVersion) : null;
}

function reportOf(binary: string): string | null {
  const probe = spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: 5_000 });
  if (probe.error !== undefined || probe.status !== 0) return null;
  return probe.stdout.trim();
}

function onPath(name: string, env: NodeJS.ProcessEnv): string | null {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return null;
}

/** Every binary worth asking for its version, in order of preference. */
function candidates(env: NodeJS.ProcessEnv): string[] {
  const out: string[] = [];
  if (env.REDIS_SERVER_BIN !== undefined && env.REDIS_SERVER_BIN !== '') out.push(env.REDIS_SERVER_BIN);
  const names = [...new Set(Object.values(SERVER_NAMES).flat())];
  const dir = env.PELSIM_REDIS_SERVERS;
  if (dir !== undefined && dir !== '') {
    for (const name of names) {
      const path = join(dir, name);
      try {
        accessSync(path, constants.X_OK);
        out.push(path);
      } catch {
        // not there
      }
    }
  }
  for (const name of names) {
    const path = onPath(name, env);
    if (path !== null) out.push(path);
  }
  return [...new Set(out)];
}

/** Servers found per version, and the versions nothing was found for. */
export interface ServerSearch {
  readonly found: readonly RedisServerBinary[];
  readonly missing: readonly RedisVersion[];
}

/** Looks for one server per version (first candidate reporting that version wins). */
export function findRedisServers(env: NodeJS.ProcessEnv = process.env): ServerSearch {
  const byVersion = new Map<RedisVersion, RedisServerBinary>();
  for (const path of candidates(env)) {
    const reported = reportOf(path);
    if (reported === null) continue;
    const version = versionOfReport(reported);
    if (version === null || byVersion.has(version)) continue;
    const allocator = /\bmalloc=(\S+)/.exec(reported)?.[1] ?? 'unknown';
    byVersion.set(version, { version, path, reported: reported.split(' sha=')[0] as string, allocator });
  }
  const found = REDIS_VERSIONS.filter((v) => byVersion.has(v)).map((v) => byVersion.get(v) as RedisServerBinary);
  return { found, missing: REDIS_VERSIONS.filter((v) => !byVersion.has(v)) };
}

/** The line printed for a version whose differential suites are skipped. */
export function missingServerLine(version: RedisVersion): string {
  const names = SERVER_NAMES[version].join(' or ');
  return `skipped differential suites for ${version}: no ${names} found (set PELSIM_REDIS_SERVERS=<dir>, REDIS_SERVER_BIN, or PATH)`;
}

let available: boolean | undefined;

/** True when the default binary (`$REDIS_SERVER_BIN` or `redis-server`) runs (checked once). */
export function redisServerAvailable(): boolean {
  available ??= reportOf(DEFAULT_BINARY) !== null;
  return available;
}

/**
 * For a test file that needs any one real server (not a differential suite, which runs once per
 * version): returns true when it must be skipped, after printing one line saying so. With
 * `CI=true` a missing server is an error instead, so CI can never pass by skipping.
 */
export function skipWithoutRedisServer(what: string): boolean {
  if (redisServerAvailable()) return false;
  const why = `${what}: redis-server is not on PATH (install it, or set REDIS_SERVER_BIN)`;
  if (process.env.CI === 'true') throw new Error(`${why}; real-server tests are mandatory when CI=true`);
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

async function tryStart(binary: string): Promise<RedisServerHandle | null> {
  const port = await freePort();
  const child = spawn(
    binary,
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

/**
 * Starts a server on a free port (`binary` defaults to `$REDIS_SERVER_BIN` or `redis-server`);
 * retries a few times if the port was taken meanwhile.
 */
export async function startRedisServer(binary: string = DEFAULT_BINARY): Promise<RedisServerHandle> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const handle = await tryStart(binary);
    if (handle !== null) return handle;
  }
  throw new Error(`could not start ${binary}`);
}
