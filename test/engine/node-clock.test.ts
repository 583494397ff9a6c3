import { describe, expect, it } from 'vitest';
import { Simulation, TimerCallbackError } from '../../src/engine/index.js';

const realSetTimeout = globalThis.setTimeout;
const realDate = globalThis.Date;
const realRandom = Math.random;

describe('virtual Node clock during run()', () => {
  it('runs setTimeout, setInterval and setImmediate in virtual time, in order', async () => {
    const sim = new Simulation();
    const log: string[] = [];
    sim.spawn('poller', async () => {
      await new Promise((resolve) => setTimeout(resolve, 250));
      log.push(`timeout@${sim.now}`);
      let ticks = 0;
      await new Promise<void>((resolve) => {
        const interval = setInterval(() => {
          log.push(`tick@${sim.now}`);
          if (++ticks === 3) {
            clearInterval(interval);
            resolve();
          }
        }, 100);
      });
      await new Promise((resolve) => setImmediate(resolve));
      log.push(`immediate@${sim.now}`);
      const cancelled = setTimeout(() => log.push('never'), 10);
      clearTimeout(cancelled);
      await sim.sleep(50);
    });
    const summary = await sim.run();
    expect(log).toEqual(['timeout@250', 'tick@350', 'tick@450', 'tick@550', 'immediate@550']);
    expect(summary.now).toBe(600);
  });

  it('makes Date and performance.now follow virtual time and restores the globals afterwards', async () => {
    const sim = new Simulation({ epoch: Date.UTC(2030, 0, 1) });
    const seen: number[] = [];
    sim.spawn('clock-reader', async () => {
      const t0 = performance.now();
      seen.push(Date.now());
      await sim.sleep(1500);
      seen.push(new Date().getTime(), performance.now() - t0);
    });
    await sim.run();
    expect(seen).toEqual([Date.UTC(2030, 0, 1), Date.UTC(2030, 0, 1) + 1500, 1500]);
    expect(globalThis.setTimeout).toBe(realSetTimeout);
    expect(globalThis.Date).toBe(realDate);
    expect(Math.random).toBe(realRandom);
  });

  it('seeds Math.random from the simulation seed', async () => {
    const draw = async (seed: number): Promise<number[]> => {
      const sim = new Simulation({ seed });
      const out: number[] = [];
      sim.spawn('dice', async () => {
        for (let i = 0; i < 3; i++) out.push(Math.random());
      });
      await sim.run();
      return out;
    };
    const a = await draw(7);
    expect(await draw(7)).toEqual(a);
    expect(await draw(8)).not.toEqual(a);
  });

  it('reports a throwing timer callback with the process that set it', async () => {
    const sim = new Simulation();
    sim.spawn('careless', async () => {
      setTimeout(() => {
        throw new Error('boom');
      }, 5);
      await sim.sleep(10);
    });
    const error = await sim.run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimerCallbackError);
    expect((error as Error).message).toContain('"careless"');
    expect((error as Error).message).toContain('boom');
  });

  it('leaves the globals alone with nodeClock: real', async () => {
    const sim = new Simulation({ nodeClock: 'real' });
    let seen: unknown;
    sim.spawn('p', async () => {
      seen = globalThis.setTimeout;
    });
    await sim.run();
    expect(seen).toBe(realSetTimeout);
  });
});
