/**
 * Engine throughput: the async-process engine against a bare callback heap, in the same run.
 * Model: N processes, each waiting Exp(mean 1000 ms) in a loop, E events in total.
 * Reports events per CPU second and the CPU-time ratio (process engine / bare heap), plus heap growth.
 */
import seedrandom from 'seedrandom';
import { EventQueue } from '../src/engine/event-queue.js';
import { Simulation } from '../src/engine/simulation.js';

interface Result {
  readonly eventsPerSecond: number;
  readonly seconds: number;
}

/**
 * CPU seconds (user + system, GC threads included) since `start`: on a 2-core machine shared with
 * other jobs, wall time swings with the neighbours' load; CPU time far less.
 */
function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

function expDelay(rng: () => number): number {
  return Math.round(-1000 * Math.log(1 - rng()));
}

/** The practical limit: plain callbacks on the same typed-array heap, no promises. */
function bareHeap(processes: number, events: number): Result {
  const rng = seedrandom.alea('bench');
  interface Timer {
    cancelled: boolean;
    fn: () => void;
  }
  const queue = new EventQueue<Timer>();
  let now = 0;
  let remaining = events;
  // Each "process" is a callback that re-arms itself, the way callback-style engines are written.
  const makeProcess = (): (() => void) => {
    const step = (): void => {
      if (remaining-- > 0) queue.push(now + expDelay(rng), 0, { cancelled: false, fn: step });
    };
    return step;
  };
  for (let p = 0; p < processes; p++) makeProcess()();
  const start = process.cpuUsage();
  while (queue.peekTime() !== Infinity) {
    now = queue.peekTime();
    (queue.pop() as Timer).fn();
  }
  const seconds = cpuSecondsSince(start);
  return { eventsPerSecond: events / seconds, seconds };
}

async function processEngine(processes: number, events: number): Promise<Result> {
  const rng = seedrandom.alea('bench');
  const sim = new Simulation();
  let remaining = events;
  for (let p = 0; p < processes; p++) {
    sim.spawn(`p${p}`, async () => {
      while (remaining > 0) {
        remaining--;
        await sim.sleep(expDelay(rng));
      }
    });
  }
  const start = process.cpuUsage();
  const summary = await sim.run();
  const seconds = cpuSecondsSince(start);
  return { eventsPerSecond: summary.events / seconds, seconds };
}

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!; // the upper middle; callers pass at least one round
}

export async function benchEngine(options: { processes?: number; events?: number; repeats?: number } = {}): Promise<string[]> {
  const processes = options.processes ?? 100;
  const events = options.events ?? 1_000_000;
  const repeats = options.repeats ?? 5;
  const bare: number[] = [];
  const engine: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const b = bareHeap(processes, events);
    const e = await processEngine(processes, events);
    bare.push(b.eventsPerSecond);
    engine.push(e.eventsPerSecond);
    ratios.push(e.seconds / b.seconds);
  }
  // Memory flatness: heap used after 1x and 4x the events, same process count.
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  await processEngine(processes, events);
  global.gc?.();
  const afterOne = process.memoryUsage().heapUsed;
  await processEngine(processes, events * 4);
  global.gc?.();
  const afterFour = process.memoryUsage().heapUsed;
  const peakRss = process.memoryUsage().rss;
  return [
    `engine: ${processes} processes, ${events.toLocaleString('en')} events, median of ${repeats} paired runs`,
    `  bare callback heap     ${(median(bare) / 1e6).toFixed(2)} M events/s`,
    `  async-process engine   ${(median(engine) / 1e6).toFixed(2)} M events/s`,
    `  time ratio engine/bare ${median(ratios).toFixed(2)}x (target <= 1.5x)`,
    `  heap after 1x events ${((afterOne - before) / 2 ** 20).toFixed(1)} MiB over baseline, after 4x ${((afterFour - before) / 2 ** 20).toFixed(1)} MiB; rss ${(peakRss / 2 ** 20).toFixed(0)} MiB`,
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await benchEngine()) console.log(line);
  // Issue 13's second point: many processes waiting at once (a large fleet's blocked readers).
  for (const line of await benchEngine({ processes: 100_000, events: 1_000_000, repeats: 3 })) console.log(line);
}
