/**
 * Runs one generated sequence on a real server and on a simulated one (through the simulated
 * client, as user code sees it), reply by reply, and reports the first divergence.
 *
 * The simulated server's clock follows the real one: before each command it moves to the wall time
 * read just before the real server got the command (never past it), and an XADD whose real reply
 * carries a `*` ID from the current time moves it to that very millisecond, so generated IDs agree
 * exactly. Clock readings in replies (idle, seen-time) are compared within a tolerance.
 */
import type { Redis } from 'ioredis';
import { createSimRedis, type SimRedisClient, type SimRedisServer } from '../../src/redis/index.js';
import type { RedisVersion } from '../../src/redis/model/index.js';
import type { Reply } from '../../src/redis/model/types.js';
import { outcomeDifference, realOutcome, type Outcome } from '../support/differential.js';
import type { Sequence, Step } from './generator.js';

/** The real side: two connections to one server (the second sends blocking reads), emptied between runs. */
export interface RealSide {
  readonly main: Redis;
  readonly second: Redis;
}

/** Outcomes of one command on both sides. */
export interface CommandResult {
  readonly argv: readonly string[];
  /** 1 for the main connection, 2 for the blocking read of a wake step. */
  readonly connection: 1 | 2;
  readonly real: Outcome;
  readonly model: Outcome;
}

/** The first divergence of a run. */
export interface Divergence {
  /** Index in `results` of the command whose outcomes differ. */
  readonly at: number;
  readonly what: string;
}

/** What one run produced. */
export interface RunResult {
  readonly results: CommandResult[];
  readonly divergence: Divergence | null;
}

/** Clock tolerance for replies, ms. */
const TOLERANCE_MS = 200;

/** Opens the two real connections. */
export async function openRealSide(port: number, connect: (port: number) => Redis): Promise<RealSide> {
  const main = connect(port);
  const second = connect(port);
  await Promise.all([main.call('PING'), second.call('PING')]);
  return { main, second };
}

/**
 * An EXEC reply holds the errors of queued commands as Error objects (ioredis and the simulated
 * client alike); compare them by message.
 */
function plain(reply: unknown): Reply {
  if (reply instanceof Error) return `(error) ${reply.message}`;
  if (Array.isArray(reply)) return reply.map(plain);
  return reply as Reply;
}

function plainOutcome(o: Outcome): Outcome {
  return 'reply' in o ? { reply: plain(o.reply) } : o;
}

async function realRun(redis: Redis, argv: readonly string[]): Promise<Outcome> {
  return plainOutcome(await realOutcome(redis, argv));
}

async function simOutcome(promise: Promise<Reply>): Promise<Outcome> {
  try {
    return { reply: plain(await promise) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** The BLOCK argument of a read, or null. */
function blockMs(argv: readonly string[]): number | null {
  for (let i = 1; i + 1 < argv.length; i++) {
    const a = argv[i] as string;
    if (a.toUpperCase() === 'STREAMS') return null;
    if (a.toUpperCase() === 'BLOCK') {
      const n = Number(argv[i + 1]);
      return Number.isInteger(n) && n >= 0 ? n : null;
    }
  }
  return null;
}

function settledSoon<T>(promise: Promise<T>, ms: number): Promise<boolean> {
  return Promise.race([promise.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);
}

class SimSide {
  readonly server: SimRedisServer;
  readonly main: SimRedisClient;
  readonly second: SimRedisClient;

  constructor(version: RedisVersion) {
    this.server = createSimRedis({ startTime: Date.now(), version });
    this.main = this.server.connect();
    this.second = this.server.connect();
  }

  /** Moves the clock forward to `ms` (never back). */
  async advanceTo(ms: number): Promise<void> {
    const now = this.server.now();
    if (ms > now) await this.server.advanceBy(ms - now);
  }

  /** After an XADD, follows the real server to the millisecond of a `*` ID it generated. */
  async followGeneratedId(argv: readonly string[], real: Outcome, sentAt: number): Promise<void> {
    if ((argv[0] as string).toUpperCase() !== 'XADD' || !('reply' in real) || typeof real.reply !== 'string') return;
    const ms = Number(real.reply.slice(0, real.reply.indexOf('-')));
    // Only a reading of the clock: an ID from a stream's far-future last ID must not drag the clock.
    if (ms >= sentAt && ms <= Date.now() + 5) await this.advanceTo(ms);
  }

  /** Runs one command; a read that blocks is given its BLOCK time of virtual time. */
  async run(client: SimRedisClient, argv: readonly string[]): Promise<Outcome> {
    const promise = simOutcome(client.call(argv[0] as string, ...argv.slice(1)));
    const block = blockMs(argv);
    if (block !== null && block > 0 && !(await settledSoon(promise, 0))) await this.server.advanceBy(block);
    return promise;
  }

  dispose(): void {
    this.server.dispose();
  }
}

async function runCommand(real: RealSide, sim: SimSide, argv: readonly string[]): Promise<CommandResult> {
  const sentAt = Date.now();
  const realResult = await realRun(real.main, argv);
  await sim.advanceTo(sentAt);
  await sim.followGeneratedId(argv, realResult, sentAt);
  const model = await sim.run(sim.main, argv);
  return { argv, connection: 1, real: realResult, model };
}

/** Waits until the real server reports a blocked client, or the read has answered. */
async function untilBlockedOrAnswered(real: RealSide, answered: Promise<Outcome>): Promise<void> {
  if (await settledSoon(answered, 1)) return;
  for (let attempt = 0; attempt < 200; attempt++) {
    const info = (await real.main.call('INFO', 'clients')) as string;
    if (/blocked_clients:[1-9]/.test(info)) return;
    if (await settledSoon(answered, 1)) return;
  }
  throw new Error('fuzz harness: the real server never blocked the read nor answered it');
}

async function runWake(real: RealSide, sim: SimSide, step: Extract<Step, { kind: 'wake' }>): Promise<CommandResult[]> {
  const sentAt = Date.now();
  const realBlocked = realRun(real.second, step.blocked);
  await untilBlockedOrAnswered(real, realBlocked);
  await sim.advanceTo(sentAt);
  const simBlocked = simOutcome(sim.second.call(step.blocked[0] as string, ...step.blocked.slice(1)));

  const wakeSentAt = Date.now();
  const realWake = await realRun(real.main, step.argv);
  // When nothing woke the read it times out, and both clocks move by its BLOCK time.
  const realRead = await realBlocked;

  // Under load the real server may take the blocking read late; its timeout then runs from later
  // than the simulated one's. Keep the simulated read alive up to the wake command unless the real
  // one timed out.
  const deadline = sentAt + (blockMs(step.blocked) ?? 0);
  const realTimedOut = 'reply' in realRead && realRead.reply === null;
  await sim.advanceTo(realTimedOut ? wakeSentAt : Math.min(wakeSentAt, deadline - 1));
  await sim.followGeneratedId(step.argv, realWake, wakeSentAt);
  const simWake = await sim.run(sim.main, step.argv);
  if (!(await settledSoon(simBlocked, 0))) await sim.server.advanceBy(blockMs(step.blocked) ?? 0);
  const simRead = await simBlocked;
  return [
    { argv: step.argv, connection: 1, real: realWake, model: simWake },
    { argv: step.blocked, connection: 2, real: realRead, model: simRead },
  ];
}

/**
 * Runs `sequence` from empty servers on both sides and compares every outcome. Stops at the first
 * divergence (later commands would only repeat it).
 */
export async function runSequence(real: RealSide, version: RedisVersion, sequence: Sequence): Promise<RunResult> {
  // A shrunk candidate may have ended inside MULTI: leave it before emptying the server.
  await real.main.call('DISCARD').catch(() => undefined);
  await real.main.call('FLUSHALL');
  await real.main.call('CONFIG', 'SET', 'stream-node-max-entries', '100', 'stream-node-max-bytes', '4096');
  const sim = new SimSide(version);
  const results: CommandResult[] = [];
  try {
    for (const step of sequence) {
      const done = step.kind === 'command' ? [await runCommand(real, sim, step.argv)] : await runWake(real, sim, step);
      for (const r of done) {
        results.push(r);
        const what = outcomeDifference(r.argv, r.real, r.model, { toleranceMs: TOLERANCE_MS });
        if (what !== null) return { results, divergence: { at: results.length - 1, what } };
      }
    }
    return { results, divergence: null };
  } finally {
    sim.dispose();
  }
}
