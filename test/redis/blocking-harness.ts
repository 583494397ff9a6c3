/**
 * Blocking reads on both sides, for blocking.diff.test.ts: real clients block on their own
 * connections; model reads are queued and served the way the simulator's server layer serves them.
 */
import { Redis } from 'ioredis';
import { expect } from 'vitest';
import type { BlockedRead, StreamModel } from '../../src/redis/model/index.js';
import { expectSame, modelOutcome, realOutcome, type CompareOptions, type Outcome } from '../support/differential.js';

/** A read issued on both sides that blocked. */
export interface BlockedPair {
  readonly argv: readonly string[];
  /** Real server: resolves with the client's eventual outcome. */
  readonly real: Promise<Outcome>;
  /** Real server: the blocked connection's CLIENT ID. */
  readonly clientId: number;
  /** Model: the blocked read and, once it left the queue, its outcome. */
  readonly modelRead: BlockedRead;
  modelOutcome: Outcome | undefined;
}

/**
 * Blocking reads on both sides. Real reads run on their own connections (opened in order, each one
 * confirmed blocked before the next); model reads queue in a FIFO list served after every command
 * exactly the way the server layer does: drain `takeReadyKeys()`, offer each key to the reads
 * blocked on it, oldest first.
 */
export class BlockingDiff {
  private readonly connections: Redis[] = [];
  private readonly queue: BlockedPair[] = [];
  /** Keys the model signaled during the last command run with {@link run}. */
  lastReadyKeys: string[] = [];

  constructor(
    private readonly port: number,
    private readonly control: Redis,
    readonly model: StreamModel,
  ) {}

  private serveModel(now: number): void {
    const keys = this.model.takeReadyKeys();
    this.lastReadyKeys = [...keys];
    for (const key of keys) {
      for (const pair of [...this.queue]) {
        if (!pair.modelRead.keys.includes(key)) continue;
        const out = this.model.serveBlocked(pair.modelRead, key, now);
        if (out.kind === 'still-blocked') continue;
        if (out.kind === 'blocked-again') {
          this.queue.splice(this.queue.indexOf(pair), 1);
          this.queue.push(pair);
          continue;
        }
        pair.modelOutcome = out.kind === 'served' ? { reply: out.reply } : { error: out.error.message };
        this.queue.splice(this.queue.indexOf(pair), 1);
      }
    }
  }

  /** Runs a (non-blocking) command on both sides, serving blocked reads afterwards. */
  async run(argv: readonly string[]): Promise<{ real: Outcome; model: Outcome }> {
    const real = await realOutcome(this.control, argv);
    const now = Date.now();
    const model = modelOutcome(this.model, argv);
    this.serveModel(now);
    return { real, model };
  }

  /** Runs a command on both sides and asserts equal outcomes. */
  async check(argv: readonly string[], options: CompareOptions = {}): Promise<void> {
    const { real, model } = await this.run(argv);
    expectSame({ argvs: [argv], real: [real], model: [model] }, options);
  }

  /**
   * Runs several commands as one unit: on the server inside one EVAL (so blocked clients are served
   * once, after all of them, as with MULTI/EXEC), on the model back to back before serving.
   */
  async batch(argvs: readonly (readonly string[])[]): Promise<void> {
    const lua = 'for _, c in ipairs(cjson.decode(ARGV[1])) do redis.call(unpack(c)) end return 1';
    const real = await realOutcome(this.control, ['EVAL', lua, '0', JSON.stringify(argvs)]);
    expect(real, 'batch failed on the server').toEqual({ reply: 1 });
    const now = Date.now();
    for (const argv of argvs) {
      const out = modelOutcome(this.model, argv);
      expect('error' in out, `batch command failed on the model: ${argv.join(' ')}`).toBe(false);
    }
    this.serveModel(now);
  }

  /**
   * Runs a server command the model has no command for (DEL, FLUSHALL...) alongside the model call
   * that stands for it, then serves blocked reads.
   */
  async split(realArgv: readonly string[], onModel: (model: StreamModel) => void): Promise<Outcome> {
    const real = await realOutcome(this.control, realArgv);
    const now = Date.now();
    onModel(this.model);
    this.serveModel(now);
    return real;
  }

  /** Issues a read that must block on both sides. */
  async block(argv: readonly string[]): Promise<BlockedPair> {
    const conn = new Redis({ port: this.port, lazyConnect: false, maxRetriesPerRequest: 0 });
    this.connections.push(conn);
    const clientId = (await conn.call('CLIENT', 'ID')) as number;
    const real = realOutcome(conn, argv);
    for (let i = 0; i < 200 && !(await this.isBlocked(clientId)); i++) await new Promise((r) => setTimeout(r, 5));
    expect(await this.isBlocked(clientId), `real client did not block: ${argv.join(' ')}`).toBe(true);
    const r = this.model.execute(argv, Date.now());
    if (r.kind !== 'block') throw new Error(`model did not block: ${argv.join(' ')} -> ${JSON.stringify(r.reply)}`);
    this.model.takeReadyKeys();
    const pair: BlockedPair = { argv, real, clientId, modelRead: r.read, modelOutcome: undefined };
    this.queue.push(pair);
    return pair;
  }

  /** True while the real client is blocked (CLIENT LIST flags contain `b`). */
  async isBlocked(clientId: number): Promise<boolean> {
    const line = (await this.control.call('CLIENT', 'LIST', 'ID', String(clientId))) as string;
    const flags = /flags=(\S*)/.exec(line);
    return flags !== null && (flags[1] as string).includes('b');
  }

  /** Asserts the read is still blocked on both sides. */
  async expectStillBlocked(pair: BlockedPair): Promise<void> {
    expect(await this.isBlocked(pair.clientId), `real client unblocked: ${pair.argv.join(' ')}`).toBe(true);
    expect(pair.modelOutcome, `model read left the queue: ${pair.argv.join(' ')}`).toBeUndefined();
  }

  /** Waits for the real client's outcome and asserts the model produced the same. */
  async expectSameResult(pair: BlockedPair, options: CompareOptions = {}): Promise<Outcome> {
    const real = await pair.real;
    const model = pair.modelOutcome ?? { blocked: true as const };
    expectSame({ argvs: [pair.argv], real: [real], model: [model] }, options);
    return real;
  }

  /** Closes the blocked clients' connections. */
  close(): void {
    for (const c of this.connections) c.disconnect();
  }
}

