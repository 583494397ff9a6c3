/**
 * A process that never yields blocks the thread: no timer, no test timeout can fire. The watchdog
 * stops it from a helper thread and fails the run with an error naming the process and what it
 * last awaited, in vitest (this file) and in `pelsim run` (a child process, bounded by a timeout so a
 * watchdog that does not fire fails the test instead of hanging it).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProcessStuckError, Simulation } from '../../src/engine/index.js';
import { ensureWatchdog, setWatchdogLimit } from '../../src/watchdog/index.js';

/** Real time: inside a run, performance.now() follows virtual time. */
const realNow = performance.now.bind(performance);

beforeAll(async () => {
  setWatchdogLimit(400);
  await ensureWatchdog();
});

describe('the watchdog, in vitest', () => {
  it('stops a process spinning synchronously and names it and what it last awaited', async () => {
    const sim = new Simulation({ seed: 1 });
    let spins = 0;
    sim.spawn('spinner', async () => {
      await sim.sleep(1_000);
      for (;;) spins++;
    });
    const started = realNow();
    const error = await sim.run().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ProcessStuckError);
    expect((error as ProcessStuckError).kind).toBe('violation');
    expect((error as Error).message).toMatch(/^process "spinner" ran for \d+ ms of real time without yielding to the simulation, at virtual 00:00:01, and was stopped; the last simulated operation it awaited was sleep 1000 ms \(from virtual 00:00:00\)/);
    expect(spins).toBeGreaterThan(0);
    expect(realNow() - started).toBeLessThan(20_000);
  });

  it('stops a process that spins before its first await', async () => {
    const sim = new Simulation({ seed: 1 });
    sim.spawn('spins at once', async () => {
      for (;;);
    });
    await expect(sim.run()).rejects.toThrow(/^process "spins at once" ran for \d+ ms .*; it had not awaited any simulated operation since it started/);
  });

  it('stops a loop of awaits that never reach the engine, and the thread carries on', async () => {
    const sim = new Simulation({ seed: 1 });
    sim.spawn('microtask-loop', async () => {
      for (;;) await null;
    });
    await expect(sim.run()).rejects.toThrow(/^process "microtask-loop" ran for \d+ ms .*; it had not awaited any simulated operation since it started/);
    const next = new Simulation({ seed: 1 });
    next.spawn('fine', () => next.sleep(5));
    expect((await next.run()).now).toBe(5);
  });

  it('leaves slow but yielding runs alone', async () => {
    const sim = new Simulation({ seed: 1 });
    sim.spawn('busy but yielding', async () => {
      for (let i = 0; i < 20; i++) {
        const until = realNow() + 50;
        while (realNow() < until);
        await sim.sleep(1);
      }
    });
    expect((await sim.run()).now).toBe(20);
  });
});

describe('the watchdog, in pelsim run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pelsim-watchdog-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('ends the command with one line instead of hanging, and writes nothing', () => {
    writeFileSync(
      join(dir, 'spin.mjs'),
      `export default async function spin(ctx) {
  await ctx.redis.xreadgroup('GROUP', ctx.group, ctx.consumerId, 'COUNT', 1, 'BLOCK', ctx.blockMs, 'STREAMS', ctx.stream, '>');
  for (;;) {}
}
`,
    );
    writeFileSync(join(dir, 'spin.yaml'), 'name: spin\nduration: 1h\nconductor: { backlog: 2 }\nconsumer: { module: ./spin.mjs }\n');
    const child = spawnSync(process.execPath, [resolve('bin/pelsim.js'), 'run', join(dir, 'spin.yaml'), '--out', join(dir, 'out'), '--watchdog', '500'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    // spawnSync's own timeout would end it with SIGTERM: SIGKILL is the watchdog's doing.
    expect(child.signal, `pelsim run hung or died otherwise: ${child.stderr}`).toBe('SIGKILL');
    expect(child.stderr).toMatch(/^pelsim: a simulated process ran for \d+ ms of real time without yielding to the simulation .*run stopped, nothing written\. Raise the limit with --watchdog <ms> or PELSIM_WATCHDOG_MS\.\n$/);
    expect(child.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(existsSync(join(dir, 'out', 'results.json'))).toBe(false);
  }, 70_000);
});
