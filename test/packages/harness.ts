/**
 * Third-party packages as tests: the same driver runs a package, unchanged, against a real
 * redis-server and against pelsim inside a simulation, and both runs must end with the same
 * messages delivered, acknowledged and pending.
 *
 * A driver gets a Redis URL and returns a {@link PackageOutcome} built from what the package did
 * (its callbacks) and from the server's state at the end (read with ioredis). Stream IDs are not
 * compared (`*` IDs carry wall-clock or virtual time); payloads and counts are.
 */
import { Redis } from 'ioredis';
import { Simulation } from '../../src/engine/index.js';
import { createSimRedis } from '../../src/redis/index.js';
import { startRedisServer } from '../support/redis-server.js';

/** What a package run ended with. */
export interface PackageOutcome {
  /** Payloads the package handed to the consumer code, sorted. */
  readonly delivered: readonly string[];
  /** Payloads the consumer code acknowledged through the package, sorted. */
  readonly acked: readonly string[];
  /** XPENDING summary per group: total and per-consumer counts. */
  readonly pending: Readonly<Record<string, { total: number; consumers: Record<string, number> }>>;
  /** Anything else the driver wants compared (stream lengths, group counts...). */
  readonly extra?: Readonly<Record<string, unknown>>;
}

/** The context a driver runs in: a URL and a way to wait (wall clock or virtual). */
export interface DriverContext {
  readonly url: string;
  /** Waits `ms` (real time against redis-server, virtual time in a simulation). */
  sleep(ms: number): Promise<void>;
}

/** A package scenario: uses the package against `ctx.url` and reports what happened. */
export type Driver = (ctx: DriverContext) => Promise<PackageOutcome>;

/** XPENDING summaries of `groups` on `key`, read with a fresh ioredis connection. */
export async function pendingOf(url: string, key: string, groups: readonly string[]): Promise<PackageOutcome['pending']> {
  const redis = new Redis(url);
  try {
    const out: Record<string, { total: number; consumers: Record<string, number> }> = {};
    for (const group of groups) {
      const [total, , , perConsumer] = (await redis.xpending(key, group)) as [number, string, string, [string, string][] | null];
      const consumers: Record<string, number> = {};
      for (const [name, count] of perConsumer ?? []) consumers[name] = Number(count);
      out[group] = { total, consumers };
    }
    return out;
  } finally {
    redis.disconnect();
  }
}

/** Runs the driver against a fresh real redis-server. */
export async function runOnRedisServer(driver: Driver): Promise<PackageOutcome> {
  const server = await startRedisServer();
  try {
    return await driver({
      url: `redis://127.0.0.1:${server.port}`,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    });
  } finally {
    await server.stop();
  }
}

/** Runs the driver as one process of a simulation against pelsim's server URL. */
export async function runInSimulation(driver: Driver, seed = 1): Promise<PackageOutcome & { virtualMs: number }> {
  const sim = new Simulation({ seed });
  const server = createSimRedis({ simulation: sim, log: () => undefined });
  let result: PackageOutcome | undefined;
  sim.spawn('package-driver', async () => {
    result = await driver({ url: server.url, sleep: (ms) => sim.sleep(ms) });
  });
  try {
    await sim.run();
  } finally {
    server.dispose();
  }
  if (result === undefined) throw new Error('the package driver did not finish inside the simulation');
  return { ...result, virtualMs: sim.now };
}
