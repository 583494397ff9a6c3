/**
 * Engine throughput: the async-process engine against a bare callback heap, in the same run, with
 * the floor of the async style between them.
 * Model: N processes, each waiting Exp(mean 1000 ms) in a loop, E events in total.
 *
 * Four ways to run the same model, each measured in CPU time (user + system, GC threads included):
 * - bare callback heap: the practical limit. Plain callbacks on the engine's typed-array heap.
 * - minimal async loop, 2 hops: async functions, one native promise per wait, and a loop that takes
 *   the next event only after the resumed function suspended, re-entered through a promise
 *   reaction, exactly as the engine does (docs/engine.md, rule 3). No engine bookkeeping at all:
 *   the floor of async processes with the engine's ordering guarantee.
 * - minimal async loop, 1 hop: the same, but the suspending function takes the next event itself,
 *   synchronously. Cheaper by one microtask per event, and wrong for an engine: whatever the
 *   function does after starting its wait runs after the next event (see bench/README.md).
 * - the async-process engine (`Simulation`).
 *
 * `--baseline <commit>` adds that commit's engine as a fifth side (its src/engine exported with
 * `git archive` into a scratch directory), for a before/after table measured in one run.
 *
 * Fairness: every side starts its processes up to their first wait before the measurement starts
 * (the engine by a run to time 0) and draws its delays from `seedrandom.alea` with the same seed and computes
 * them the same way; the bare heap allocates one event object per event, as a callback engine
 * does. Each side has its own copy of the heap's module, so no side's objects make the heap's
 * property accesses polymorphic for another.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import seedrandom from 'seedrandom';
import { Simulation } from '../src/engine/simulation.js';

type SimulationClass = typeof Simulation;

/** `Simulation` as it was at `commit`: its src/ exported into a scratch directory, this checkout's node_modules beside it. */
async function engineAt(commit: string): Promise<SimulationClass> {
  const repo = fileURLToPath(new URL('..', import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), 'pelsim-engine-'));
  mkdirSync(join(dir, 'src'));
  execFileSync('sh', ['-c', `git -C "$1" archive "$2" src | tar -x -C "$3"`, 'sh', repo, commit, dir]);
  symlinkSync(join(repo, 'node_modules'), join(dir, 'node_modules'));
  const module = (await import(pathToFileURL(join(dir, 'src/engine/simulation.ts')).href)) as { Simulation: SimulationClass };
  return module.Simulation;
}

type EventQueueModule = typeof import('../src/engine/event-queue.js');

/** A private instance of the heap's module (its own classes, its own inline caches). */
async function heapModule(side: string): Promise<EventQueueModule> {
  const url = new URL(`../src/engine/event-queue.js?side=${side}`, import.meta.url).href;
  return (await import(url)) as EventQueueModule;
}

const heaps = {
  bare: await heapModule('bare'),
  twoHops: await heapModule('two-hops'),
  oneHop: await heapModule('one-hop'),
};

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
  const queue = new heaps.bare.EventQueue<Timer>();
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

interface Wakeup {
  cancelled: boolean;
  resume: () => void;
}

// One executor for every promise of the minimal loops: only the promise and its resolving
// functions are allocated per wait.
let capturedResolve: () => void = () => undefined;
function capture(resolve: () => void): void {
  capturedResolve = resolve;
}

/**
 * The floor of async processes: one native promise per wait, nothing else. With `oneHop` the
 * suspending function pops the next event itself; otherwise the loop is re-entered through a
 * promise reaction once the resumed function has suspended, as the engine's loop is.
 */
async function minimalAsyncLoop(processes: number, events: number, oneHop: boolean): Promise<Result> {
  const rng = seedrandom.alea('bench');
  const queue = new (oneHop ? heaps.oneHop : heaps.twoHops).EventQueue<Wakeup>();
  const reentry = Promise.resolve();
  let now = 0;
  let remaining = events;
  let started = false;
  let finished!: () => void;
  const done = new Promise<void>((resolve) => (finished = resolve));
  const next = (): void => {
    const time = queue.peekTime();
    if (time === Infinity) return finished();
    now = time;
    (queue.pop() as Wakeup).resume();
  };
  const sleep = (ms: number): Promise<void> => {
    const promise = new Promise<void>(capture);
    queue.push(now + ms, 0, { cancelled: false, resume: capturedResolve });
    if (started) {
      if (oneHop) next();
      else void reentry.then(next);
    }
    return promise;
  };
  for (let p = 0; p < processes; p++) {
    void (async () => {
      while (remaining > 0) {
        remaining--;
        await sleep(expDelay(rng));
      }
      if (oneHop) next();
      else void reentry.then(next);
    })();
  }
  const start = process.cpuUsage();
  started = true;
  next();
  await done;
  const seconds = cpuSecondsSince(start);
  return { eventsPerSecond: events / seconds, seconds };
}

async function processEngine(processes: number, events: number, Engine: SimulationClass = Simulation): Promise<Result> {
  const rng = seedrandom.alea('bench');
  const sim = new Engine();
  let remaining = events;
  for (let p = 0; p < processes; p++) {
    sim.spawn(`p${p}`, async () => {
      while (remaining > 0) {
        remaining--;
        await sim.sleep(expDelay(rng));
      }
    });
  }
  // Starting the processes (up to their first wait) is outside the measurement, as on the other sides.
  await sim.run({ until: 0 });
  const start = process.cpuUsage();
  const summary = await sim.run();
  const seconds = cpuSecondsSince(start);
  return { eventsPerSecond: summary.events / seconds, seconds };
}

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!; // the upper middle; callers pass at least one round
}

/** What `benchEngine` measures; `baseline` adds an older engine as one more side. */
export interface EngineBenchOptions {
  readonly processes?: number;
  readonly events?: number;
  readonly repeats?: number;
  readonly baseline?: { readonly label: string; readonly Engine: SimulationClass };
}

export async function benchEngine(options: EngineBenchOptions = {}): Promise<string[]> {
  const processes = options.processes ?? 100;
  const events = options.events ?? 1_000_000;
  const repeats = options.repeats ?? 5;
  const baseline = options.baseline;
  const sides = ['bare', 'twoHops', 'oneHop', 'engine', 'baseline'] as const;
  type Side = (typeof sides)[number];
  const rates: Record<Side, number[]> = { bare: [], twoHops: [], oneHop: [], engine: [], baseline: [] };
  const ratios: Record<Side, number[]> = { bare: [], twoHops: [], oneHop: [], engine: [], baseline: [] };
  for (let i = 0; i < repeats; i++) {
    const bare = bareHeap(processes, events);
    // The order of the others rotates, so no side always runs right after the bare heap's garbage.
    const others: (() => Promise<readonly [Side, Result]>)[] = [
      async () => ['twoHops', await minimalAsyncLoop(processes, events, false)] as const,
      async () => ['oneHop', await minimalAsyncLoop(processes, events, true)] as const,
      async () => ['engine', await processEngine(processes, events)] as const,
    ];
    if (baseline !== undefined) others.push(async () => ['baseline', await processEngine(processes, events, baseline.Engine)] as const);
    rates.bare.push(bare.eventsPerSecond);
    ratios.bare.push(1);
    for (let k = 0; k < others.length; k++) {
      const [side, result] = await others[(k + i) % others.length]!();
      rates[side].push(result.eventsPerSecond);
      ratios[side].push(result.seconds / bare.seconds);
    }
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
  const row = (label: string, side: Side): string =>
    `  ${label.padEnd(44)} ${(median(rates[side]) / 1e6).toFixed(2)} M events/s  ${median(ratios[side]).toFixed(2)}x  [${ratios[side].map((r) => r.toFixed(2)).join(' ')}]`;
  return [
    `engine: ${processes.toLocaleString('en')} processes, ${events.toLocaleString('en')} events, CPU time, median of ${repeats} paired runs (time per event / bare heap's)`,
    row('bare callback heap', 'bare'),
    row('minimal async loop, 1 hop (not an engine)', 'oneHop'),
    row('minimal async loop, 2 hops (the floor)', 'twoHops'),
    ...(baseline === undefined ? [] : [row(`async-process engine at ${baseline.label}`, 'baseline')]),
    row('async-process engine (target <= 1.5x)', 'engine'),
    `  engine heap after 1x events ${((afterOne - before) / 2 ** 20).toFixed(1)} MiB over baseline, after 4x ${((afterFour - before) / 2 ** 20).toFixed(1)} MiB; rss ${(peakRss / 2 ** 20).toFixed(0)} MiB`,
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { baseline: { type: 'string' } } });
  const baseline = values.baseline === undefined ? undefined : { label: values.baseline, Engine: await engineAt(values.baseline) };
  for (const line of await benchEngine({ baseline })) console.log(line);
  // Issue 13's second point: many processes waiting at once (a large fleet's blocked readers).
  for (const line of await benchEngine({ processes: 100_000, events: 1_000_000, repeats: 3, baseline })) console.log(line);
}
