/**
 * Differential testing of the stream model against a real redis-server.
 *
 * {@link Differential.runBoth} sends each command to the real server (ioredis `call`), to a
 * {@link StreamModel} (with `now = Date.now()`, so idle times line up) and, through real ioredis
 * over pelsim's in-memory connection, to a simulated server of the same version
 * ({@link InMemoryIoredis}); {@link expectSame} compares the real outcome list with each of the
 * other two: replies deeply, error messages exactly. Only fields that carry a
 * clock reading (XPENDING idle, XINFO CONSUMERS idle and inactive, XINFO STREAM FULL delivery, seen
 * and active times, and `*`-generated IDs when asked) are compared within a tolerance.
 *
 * test/redis/blocking-harness.ts builds on these for blocking reads.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, expect, inject } from 'vitest';
import { toClientReply } from '../../src/redis/client-reply.js';
import { StreamModel, type RedisVersion, type Reply } from '../../src/redis/model/index.js';
import { bytesToText, textToBytes } from '../../src/redis/bytes.js';
import { InMemoryIoredis } from './in-memory-ioredis.js';
import { startRedisServer, type RedisServerBinary, type RedisServerHandle } from './redis-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The real server a `redis-<version>` project's differential suites run against. */
    redisServer: RedisServerBinary;
  }
}

/**
 * For a case comparing MEMORY USAGE: true (after one line saying so) when the server was not built
 * with jemalloc. The model reproduces jemalloc's size classes, as Debian's redis-server uses; the
 * servers built with `MALLOC=libc` report other sizes for the same data.
 */
export function skipUnlessJemalloc(what: string): boolean {
  const server = serverUnderTest();
  if (server.allocator.startsWith('jemalloc')) return false;
  console.warn(`skipped ${what} on ${server.version}: its server uses malloc=${server.allocator}, sizes are modelled on jemalloc`);
  return true;
}

/**
 * The real server this differential file runs against: each `*.diff.test.ts` file runs once per
 * server found, in a vitest project of its own (see vitest.config.ts).
 */
export function serverUnderTest(): RedisServerBinary {
  const server = inject('redisServer') as RedisServerBinary | undefined;
  if (server === undefined) {
    throw new Error('differential suites run in a redis-<version> vitest project (see vitest.config.ts)');
  }
  return server;
}

/** What one command produced: a reply, an error message, or (model only) a blocked read. */
export type Outcome =
  | { readonly reply: Reply }
  | { readonly error: string }
  | { readonly blocked: true };

/** Outcomes of the same commands on both sides. */
export interface BothOutcomes {
  readonly argvs: readonly (readonly string[])[];
  readonly real: Outcome[];
  readonly model: Outcome[];
  /** The same commands through real ioredis over the in-memory connection, when that side ran. */
  readonly inMemory?: Outcome[];
}

/**
 * How long a time-sensitive case sleeps between the reading it wants stale and the one it wants
 * fresh: three times the default clock tolerance, so a model that refreshes (or fails to refresh) a
 * clock field is off by well over the tolerance and cannot pass.
 */
export const STALE_MS = 600;

/** Options of {@link expectSame}. */
export interface CompareOptions {
  /**
   * Allowed difference for clock readings, in ms. Default 200: the two sides read their clocks one
   * round trip apart, and a loaded CI machine can stall a round trip for tens of milliseconds.
   */
  readonly toleranceMs?: number;
  /** Compare `ms-seq` IDs with a tolerance on `ms` (for cases that use `*` IDs). */
  readonly fuzzyIds?: boolean;
}

/** Runs one command on the server through ioredis `call`. */
export async function realOutcome(redis: Redis, argv: readonly string[]): Promise<Outcome> {
  try {
    return { reply: (await redis.call(argv[0] as string, ...argv.slice(1))) as Reply };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/**
 * Runs one command on the model at `now = Date.now()`, as a client would: text arguments go in
 * as their UTF-8 bytes and replies come back as text (src/redis/bytes.ts).
 */
export function modelOutcome(model: StreamModel, argv: readonly string[]): Outcome {
  try {
    const r = model.execute(argv.map(textToBytes), Date.now());
    return r.kind === 'reply' ? { reply: toClientReply(r.reply) } : { blocked: true };
  } catch (e) {
    return { error: bytesToText((e as Error).message) };
  }
}

/** A real connection plus a model (and ioredis over the in-memory connection), reset between cases. */
export class Differential {
  model: StreamModel;
  /** The same commands through real ioredis to a simulated server (see {@link InMemoryIoredis}). */
  readonly inMemory: InMemoryIoredis;
  constructor(
    readonly redis: Redis,
    /** The model version profile matching the server. */
    readonly version: RedisVersion,
  ) {
    this.model = new StreamModel({ version });
    this.inMemory = new InMemoryIoredis(version);
  }

  /**
   * Runs every command on both sides, in order, and returns both outcome lists. The pseudo-command
   * `SLEEP <ms>` waits (wall clock) without sending anything, so idle times can grow.
   * `sides.inMemory: false` leaves out the in-memory side (for a divergence known and tested apart).
   */
  async runBoth(argvs: readonly (readonly string[])[], sides: { readonly inMemory?: boolean } = {}): Promise<BothOutcomes> {
    const viaInMemory = sides.inMemory ?? true;
    const real: Outcome[] = [];
    const model: Outcome[] = [];
    const inMemory: Outcome[] = [];
    for (const argv of argvs) {
      if (argv[0] === 'SLEEP') {
        await new Promise((r) => setTimeout(r, Number(argv[1])));
        real.push({ reply: 'slept' });
        model.push({ reply: 'slept' });
        inMemory.push({ reply: 'slept' });
        continue;
      }
      // The in-memory side runs alongside the real server, so their clocks read alike.
      const viaMemory = viaInMemory ? this.inMemory.outcome(argv) : undefined;
      real.push(await realOutcome(this.redis, argv));
      model.push(modelOutcome(this.model, argv));
      this.model.takeReadyKeys();
      if (viaMemory !== undefined) inMemory.push(await viaMemory);
    }
    return viaInMemory ? { argvs, real, model, inMemory } : { argvs, real, model };
  }

  /** Runs the commands on both sides and asserts the outcomes agree. */
  async check(argvs: readonly (readonly string[])[], options: CompareOptions = {}): Promise<BothOutcomes> {
    const both = await this.runBoth(argvs);
    expectSame(both, options);
    return both;
  }

  /** FLUSHALL on the server, a fresh model and a fresh in-memory server. */
  async reset(): Promise<void> {
    await this.redis.call('FLUSHALL');
    this.model = new StreamModel({ version: this.version });
    await this.inMemory.reset();
  }
}

/**
 * Registers hooks for a differential test file: one server (of this project's version) for the
 * file, FLUSHALL and a fresh model of the matching version before each case. Returns accessors
 * valid inside tests.
 */
export function useDifferential(): { diff(): Differential; port(): number; version: RedisVersion } {
  const binary = serverUnderTest();
  let server: RedisServerHandle | undefined;
  let redis: Redis | undefined;
  let current: Differential | undefined;
  beforeAll(async () => {
    server = await startRedisServer(binary.path);
    redis = new Redis({ port: server.port, lazyConnect: false, maxRetriesPerRequest: 0 });
    current = new Differential(redis, binary.version);
  }, 20_000);
  afterAll(async () => {
    await current?.inMemory.close();
    redis?.disconnect();
    await server?.stop();
  });
  beforeEach(async () => {
    await current?.reset();
  });
  return {
    diff: () => current as Differential,
    port: () => (server as RedisServerHandle).port,
    version: binary.version,
  };
}

// ---------------------------------------------------------------------------------------------
// Comparison with clock tolerance

/**
 * A clock reading lifted out of a reply so it can be compared within a tolerance. -1 (7.2's "never
 * active") is not a reading: it must match exactly.
 */
class Clock {
  constructor(readonly value: number) {}
}

type Shape = string | number | bigint | null | Clock | Shape[];

function mark(v: Reply | undefined): Shape {
  return typeof v === 'number' ? new Clock(v) : (v as Shape);
}

function valueAfter(flat: Reply[], name: string): number {
  for (let i = 0; i + 1 < flat.length; i += 2) if (flat[i] === name) return i + 1;
  return -1;
}

/** Replaces the clock readings of a reply to `argv` with {@link Clock} markers. */
function liftClocks(argv: readonly string[], reply: Reply): Shape {
  const cmd = (argv[0] ?? '').toUpperCase();
  const sub = (argv[1] ?? '').toUpperCase();
  if (!Array.isArray(reply)) return reply;
  if (cmd === 'XPENDING' && argv.length >= 6) {
    return reply.map((row) => (Array.isArray(row) ? [row[0], row[1], mark(row[2]), row[3]] : row) as Shape);
  }
  if (cmd === 'XINFO' && sub === 'CONSUMERS') {
    return reply.map((row) => {
      if (!Array.isArray(row)) return row as Shape;
      const copy = row.slice() as Shape[];
      for (const field of ['idle', 'inactive']) {
        const at = valueAfter(row, field);
        if (at >= 0) copy[at] = mark(row[at]);
      }
      return copy;
    });
  }
  if (cmd === 'XINFO' && sub === 'STREAM' && argv.length > 3) {
    const copy = reply.slice() as Shape[];
    const at = valueAfter(reply, 'groups');
    const groups = reply[at];
    if (at >= 0 && Array.isArray(groups)) {
      copy[at] = groups.map((g) => {
        if (!Array.isArray(g)) return g as Shape;
        const gc = g.slice() as Shape[];
        const p = valueAfter(g, 'pending');
        const pending = g[p];
        if (p >= 0 && Array.isArray(pending)) {
          gc[p] = pending.map((r) => (Array.isArray(r) ? [r[0], r[1], mark(r[2]), r[3]] : r) as Shape);
        }
        const c = valueAfter(g, 'consumers');
        const consumers = g[c];
        if (c >= 0 && Array.isArray(consumers)) {
          gc[c] = consumers.map((con) => {
            if (!Array.isArray(con)) return con as Shape;
            const cc = con.slice() as Shape[];
            for (const field of ['seen-time', 'active-time']) {
              const at = valueAfter(con, field);
              if (at >= 0) cc[at] = mark(con[at]);
            }
            const cp = valueAfter(con, 'pending');
            const own = con[cp];
            if (cp >= 0 && Array.isArray(own)) {
              cc[cp] = own.map((r) => (Array.isArray(r) ? [r[0], mark(r[1]), r[2]] : r) as Shape);
            }
            return cc;
          });
        }
        return gc;
      });
    }
    return copy;
  }
  return reply;
}

const ID = /^(\d+)-(\d+)$/;

/** Returns a path to the first difference, or null when equal within tolerance. */
function diffShapes(a: Shape, b: Shape, tol: number, fuzzyIds: boolean, path: string): string | null {
  if (a instanceof Clock || b instanceof Clock) {
    if (a instanceof Clock && b instanceof Clock) {
      const never = a.value === -1 || b.value === -1;
      if (never ? a.value === b.value : Math.abs(a.value - b.value) <= tol) return null;
    }
    return `${path}: clock ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b)) return `${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
    if (a.length !== b.length) return `${path}: length ${a.length} vs ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = diffShapes(a[i] as Shape, b[i] as Shape, tol, fuzzyIds, `${path}[${i}]`);
      if (d !== null) return d;
    }
    return null;
  }
  if (a === b) return null;
  if (fuzzyIds && typeof a === 'string' && typeof b === 'string') {
    const ma = ID.exec(a);
    const mb = ID.exec(b);
    if (ma && mb && ma[2] === mb[2] && Math.abs(Number(ma[1]) - Number(mb[1])) <= tol) return null;
  }
  return `${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
}

function describeOutcome(o: Outcome | undefined): string {
  if (o === undefined) return 'nothing';
  if ('error' in o) return `error ${JSON.stringify(o.error)}`;
  if ('blocked' in o) return 'blocked';
  return JSON.stringify(o.reply);
}

/** Compares one pair of outcomes for `argv`; returns a description of the difference or null. */
export function outcomeDifference(
  argv: readonly string[],
  real: Outcome,
  model: Outcome,
  options: CompareOptions = {},
): string | null {
  const tol = options.toleranceMs ?? 200;
  if ('error' in real || 'error' in model || 'blocked' in real || 'blocked' in model) {
    return describeOutcome(real) === describeOutcome(model) ? null : 'outcome kind or error text';
  }
  return diffShapes(liftClocks(argv, real.reply), liftClocks(argv, model.reply), tol, options.fuzzyIds ?? false, '$');
}

/**
 * Asserts that real and model outcomes agree command by command, and real and in-memory ones
 * when that side ran. A blocked model outcome is not compared with the in-memory side's reply.
 */
export function expectSame(both: BothOutcomes, options: CompareOptions = {}): void {
  const problems = differences(both.argvs, both.real, both.model, 'model', options);
  if (both.inMemory !== undefined) {
    problems.push(...differences(both.argvs, both.real, both.inMemory, 'ioredis over the in-memory connection', options));
  }
  expect(problems, `pelsim differs from redis-server:\n${problems.join('\n')}`).toEqual([]);
}

function differences(
  argvs: readonly (readonly string[])[],
  real: readonly Outcome[],
  other: readonly Outcome[],
  label: string,
  options: CompareOptions,
): string[] {
  const problems: string[] = [];
  argvs.forEach((argv, i) => {
    const r = real[i] as Outcome;
    const m = other[i] as Outcome;
    const d = outcomeDifference(argv, r, m, options);
    if (d !== null) {
      problems.push(`#${i} ${argv.join(' ')} (${label})\n    at ${d}\n    real : ${describeOutcome(r)}\n    ${label}: ${describeOutcome(m)}`);
    }
  });
  return problems;
}

/**
 * Turns a script of commands, one per line, into argv lists. Arguments are separated by blanks;
 * `'...'` quotes an argument (so `''` is the empty string); lines starting with `#` are comments.
 */
export function script(text: string): string[][] {
  const out: string[][] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const argv: string[] = [];
    const re = /'([^']*)'|(\S+)/g;
    for (let m = re.exec(line); m !== null; m = re.exec(line)) argv.push(m[1] ?? (m[2] as string));
    out.push(argv);
  }
  return out;
}
