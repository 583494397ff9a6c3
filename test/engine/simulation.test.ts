import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ForeignWaitError, ProcessFailedError, Simulation } from '../../src/engine/index.js';

/** An extra layer of async wrapping, to prove hop counts do not change the order. */
async function deeply<T>(depth: number, fn: () => Promise<T>): Promise<T> {
  if (depth === 0) return fn();
  await Promise.resolve();
  return deeply(depth - 1, fn);
}

describe('Simulation', () => {
  it('advances virtual time only through simulated waits', async () => {
    const sim = new Simulation();
    const log: string[] = [];
    sim.spawn('a', async () => {
      await sim.sleep(10);
      log.push(`a@${sim.now}`);
      await sim.sleep(5);
      log.push(`a@${sim.now}`);
    });
    sim.spawn('b', async () => {
      await sim.sleep(12);
      log.push(`b@${sim.now}`);
    });
    const summary = await sim.run();
    expect(log).toEqual(['a@10', 'b@12', 'a@15']);
    expect(summary.now).toBe(15);
  });

  it('orders equal-time wake-ups by scheduling order, whatever the microtask depth', async () => {
    for (const depth of [0, 1, 7]) {
      const sim = new Simulation();
      const log: string[] = [];
      for (const name of ['p', 'q', 'r']) {
        sim.spawn(name, async () => {
          for (let i = 0; i < 3; i++) {
            await deeply(name === 'p' ? depth : 0, () => sim.sleep(10));
            log.push(`${name}${i}@${sim.now}`);
          }
        });
      }
      await sim.run();
      expect(log).toEqual(['p0@10', 'q0@10', 'r0@10', 'p1@20', 'q1@20', 'r1@20', 'p2@30', 'q2@30', 'r2@30']);
    }
  });

  it('refuses an until in the past or between milliseconds, like every other time', async () => {
    const sim = new Simulation({ startTime: 100 });
    await expect(sim.run({ until: 99 })).rejects.toThrow('until 99 is in the past: the clock reads 100');
    await expect(sim.run({ until: 100.5 })).rejects.toThrow('until must be a whole number of milliseconds, got 100.5');
    await expect(sim.run({ until: Number.NaN })).rejects.toThrow('until must be a whole number of milliseconds, got NaN');
    await expect(sim.run({ until: -Infinity })).rejects.toThrow('until must be a whole number of milliseconds, got -Infinity');
    expect(sim.now).toBe(100);
    expect((await sim.run({ until: 100 })).now).toBe(100);
  });

  it('stops at until and leaves the clock there', async () => {
    const sim = new Simulation({ startTime: 100 });
    let ticks = 0;
    sim.spawn('ticker', async () => {
      for (;;) {
        await sim.sleep(7);
        ticks++;
      }
    });
    const summary = await sim.run({ until: 150 });
    expect(summary.now).toBe(150);
    expect(ticks).toBe(7);
    await sim.run({ until: 200 });
    expect(ticks).toBe(14);
  });

  it('kills a process at its current await: nothing after it runs, its waits are cancelled', async () => {
    const sim = new Simulation();
    const log: string[] = [];
    let cancelled = 0;
    const victim = sim.spawn('victim', async () => {
      log.push('start');
      const wait = sim.createWait<void>(() => cancelled++);
      await wait.promise;
      log.push('never');
    });
    sim.spawn('killer', async () => {
      await sim.sleep(5);
      victim.kill('SIGKILL');
    });
    await sim.run();
    expect(log).toEqual(['start']);
    expect(cancelled).toBe(1);
    expect(await victim.done).toEqual({ state: 'killed', at: 5, reason: 'SIGKILL' });
  });

  it('withdraws a killed sleeper so it never wakes', async () => {
    const sim = new Simulation();
    let woke = false;
    const sleeper = sim.spawn('sleeper', async () => {
      await sim.sleep(100);
      woke = true;
    });
    sim.schedule(10, () => sleeper.kill());
    const summary = await sim.run();
    expect(woke).toBe(false);
    // Its sleep is no event at all: the run ends with the kill, at 10, not at 100.
    expect(summary).toEqual({ now: 10, events: 2, stopped: false });
  });

  it('drops every sleep of a killed process, however many it awaited at once', async () => {
    const sim = new Simulation();
    let woke = false;
    const fanOut = sim.spawn('fan-out', async () => {
      await Promise.all([sim.sleep(50), sim.sleep(60)]);
      woke = true;
    });
    sim.spawn('killer', async () => {
      await sim.sleep(55);
      fanOut.kill('SIGKILL');
      await sim.sleep(100);
    });
    const summary = await sim.run();
    expect(woke).toBe(false);
    // Starts (2), fan-out's first sleep (50), the killer's two sleeps; the sleep due at 60 is dropped.
    expect(summary).toEqual({ now: 155, events: 5, stopped: false });
    expect(await fanOut.done).toEqual({ state: 'killed', at: 55, reason: 'SIGKILL' });
  });

  it('lets a process finish real I/O at a standing virtual instant', async () => {
    const sim = new Simulation();
    let read = 0;
    sim.spawn('reader', async () => {
      await sim.sleep(1);
      read = (await readFile(new URL(import.meta.url))).length;
      await sim.sleep(1);
    });
    const summary = await sim.run();
    expect(read).toBeGreaterThan(0);
    expect(summary.now).toBe(2);
  });

  it('names a process that waits on something outside the simulation for too long', async () => {
    const sim = new Simulation({ foreignWaitMs: 50 });
    sim.spawn('pod-dreamer', async () => {
      await sim.sleep(1);
      await new Promise(() => undefined);
    });
    const error = await sim.run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ForeignWaitError);
    expect((error as Error).message).toContain('"pod-dreamer"');
  });

  it('lets a process await several simulated operations at once', async () => {
    const sim = new Simulation();
    let at = -1;
    sim.spawn('fan-out', async () => {
      await Promise.all([sim.sleep(5), sim.sleep(9), sim.sleep(2)]);
      at = sim.now;
      await Promise.race([sim.sleep(3), sim.sleep(30)]);
    });
    const summary = await sim.run();
    expect(at).toBe(9);
    expect(summary.now).toBe(39);
  });

  it('fails the run with the name of a process that throws', async () => {
    const sim = new Simulation();
    sim.spawn('crasher', async () => {
      await sim.sleep(3);
      throw new Error('boom');
    });
    const error = await sim.run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProcessFailedError);
    expect((error as Error).message).toBe('process "crasher" failed: boom');
  });

  it('joins processes and supports stop()', async () => {
    const sim = new Simulation();
    const child = sim.spawn('child', async () => {
      await sim.sleep(40);
    });
    let joinedAt = -1;
    sim.spawn('parent', async () => {
      const outcome = await sim.join(child);
      joinedAt = sim.now;
      expect(outcome.state).toBe('finished');
      sim.stop();
    });
    sim.schedule(1000, () => undefined);
    const summary = await sim.run();
    expect(joinedAt).toBe(40);
    expect(summary.stopped).toBe(true);
    expect(summary.now).toBe(40);
  });

  it('rejects negative and fractional delays precisely', () => {
    const sim = new Simulation();
    expect(() => sim.schedule(-1, () => undefined)).toThrow('negative delay -1');
    expect(() => sim.schedule(1.5, () => undefined)).toThrow('delay must be a whole number of milliseconds, got 1.5');
  });

  it('is deterministic from the seed, one stream per purpose', () => {
    const a = new Simulation({ seed: 42 });
    const b = new Simulation({ seed: 42 });
    const c = new Simulation({ seed: 43 });
    const draw = (s: Simulation, purpose: string) => Array.from({ length: 5 }, s.rng(purpose));
    expect(draw(a, 'work')).toEqual(draw(b, 'work'));
    expect(draw(a, 'work')).not.toEqual(draw(a, 'faults'));
    expect(draw(a, 'work')).not.toEqual(draw(c, 'work'));
  });
});
