/**
 * Sweep scaling: 1 against 2 worker processes on the seed story and on a 20-pod fleet, then the live
 * heap of each worker over a long series of runs.
 *
 * By default it measures pelsim as installed: the working tree compiled to plain JS (as
 * bench/paired.ts does), so workers start without a TypeScript loader; `--source` runs the sources
 * through tsx instead (what `bin/pelsim.js` does in a checkout: each worker then starts ~1 s slower).
 *
 * For each scenario and worker count it prints, as medians over alternating rounds:
 * - wall ratio 2/1 workers, of the runs (pool start to last run) and of the whole `runSweep` call
 *   (planning and the charts included): the figure a user sees, meaningful on an idle machine only;
 * - CPU per run at 1 and at 2 workers (parent, workers and their GC threads, start-up excluded):
 *   extra work that parallelism causes shows here;
 * - the CPU bound: 1 worker's CPU (its start-up, its runs, the parent's share) over the busiest
 *   worker's at 2 workers plus half the parent's (the parent shares the cores): the wall ratio two
 *   idle cores would give, which load from other processes on a shared machine does not move much.
 *   "runs only" leaves the workers' start-up out.
 *
 * `node --import tsx bench/sweep.ts [--seeds 200] [--fleet-seeds 16] [--rounds 3] [--memory 2000]
 *   [--memory-only] [--threads] [--source]`
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { present } from '../src/errors.js';
import { buildWorkingTree } from './paired/builds.js';
import { median } from './median.js';

type SweepModule = typeof import('../src/sweep/index.js');
type ProcessPoolModule = typeof import('../src/sweep/process-pool.js');
type ScenarioModule = typeof import('../src/scenario/index.js');
type ProcessExecutor = import('../src/sweep/process-pool.js').ProcessExecutor;

/** The pelsim modules the benchmark drives: from the sources, or from a compiled build. */
interface Pelsim {
  readonly label: string;
  readonly sweep: SweepModule;
  readonly pool: ProcessPoolModule;
  readonly scenario: ScenarioModule;
}

async function loadPelsim(fromSource: boolean): Promise<Pelsim> {
  if (fromSource) {
    const [sweep, pool, scenario] = await Promise.all([import('../src/sweep/index.js'), import('../src/sweep/process-pool.js'), import('../src/scenario/index.js')]);
    return { label: 'TypeScript sources through tsx', sweep, pool, scenario };
  }
  const { dist } = buildWorkingTree(resolve(import.meta.dirname, '..'));
  // The build is ESM; said so, tsx (this process's loader) leaves its files to Node as they are.
  writeFileSync(join(dist, 'package.json'), '{ "type": "module" }\n');
  const load = (path: string) => import(pathToFileURL(join(dist, path)).href);
  const [sweep, pool, scenario] = (await Promise.all([load('sweep/index.js'), load('sweep/process-pool.js'), load('scenario/index.js')])) as [SweepModule, ProcessPoolModule, ScenarioModule];
  return { label: `compiled working tree (${dist})`, sweep, pool, scenario };
}

type ExecutorKind = 'processes' | 'threads';

interface Measure {
  readonly runs: number;
  /** The whole runSweep call, planning and outputs included. */
  readonly totalSeconds: number;
  /** Pool start to last run. */
  readonly runSeconds: number;
  /** Steady CPU per run in ms (start-up excluded): parent, workers and their GC threads. */
  readonly cpuMsPerRun: number;
  /** Per worker process: all its CPU (start-up included), and the part inside runs. Null for threads. */
  readonly workerCpuSeconds: readonly number[] | null;
  readonly workerRunCpuSeconds: readonly number[] | null;
  /** The parent's CPU from the pool's start to the last run (planning and outputs excluded). */
  readonly parentCpuSeconds: number;
}

function processCpuSeconds(): number {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1e6;
}

async function measure(pelsim: Pelsim, scenario: string, executor: ExecutorKind, workers: number, seeds: number, dir: string): Promise<Measure> {
  let pool: ProcessExecutor | undefined;
  let cpuAtStart = NaN;
  let cpuAtFirst = NaN;
  let cpuAtLast = NaN;
  const started = performance.now();
  const result = await pelsim.sweep.runSweep({
    scenario,
    seeds,
    workers,
    out: join(dir, `${executor}-${workers}`),
    executor: (n) => {
      cpuAtStart = processCpuSeconds();
      if (executor === 'threads') return pelsim.sweep.createPoolExecutor(n);
      pool = pelsim.pool.createProcessExecutor(n);
      return pool;
    },
    onProgress: (p) => {
      if (p.ran === 1) cpuAtFirst = processCpuSeconds();
      if (p.done === p.total) cpuAtLast = processCpuSeconds();
    },
  });
  const totalSeconds = (performance.now() - started) / 1000;
  const parentCpuSeconds = cpuAtLast - cpuAtStart;
  const workerCpuSeconds = pool?.workerCpuSeconds() ?? null;
  const workerRunCpuSeconds = pool?.workerRunCpuSeconds() ?? null;
  // Threads run in this process: its CPU after the first run (pool start-up left out) is theirs too.
  const cpuMsPerRun =
    workerRunCpuSeconds === null
      ? (1000 * (cpuAtLast - cpuAtFirst)) / (result.ran - 1)
      : (1000 * (parentCpuSeconds + workerRunCpuSeconds.reduce((a, b) => a + b, 0))) / result.ran;
  return { runs: result.ran, totalSeconds, runSeconds: result.seconds, cpuMsPerRun, workerCpuSeconds, workerRunCpuSeconds, parentCpuSeconds };
}

/** 1 worker's CPU over the busiest of 2 workers plus half the parent's: the wall ratio on two idle cores. */
function cpuBound(one: Measure, two: Measure, workerCpu: (m: Measure) => readonly number[] | null): number {
  const oneWorker = present(workerCpu(one)?.[0], 'a process measure has its worker CPU');
  const busiest = Math.max(...(workerCpu(two) ?? []));
  return (oneWorker + one.parentCpuSeconds) / (busiest + two.parentCpuSeconds / 2);
}

async function scaling(pelsim: Pelsim, scenario: string, seeds: number, rounds: number, executors: readonly ExecutorKind[], dir: string): Promise<string[]> {
  const configs = executors.flatMap((e) => [[e, 1] as const, [e, 2] as const]);
  const got = new Map<string, Measure[]>(configs.map(([e, w]) => [`${e}-${w}`, []]));
  await measure(pelsim, scenario, 'processes', 1, 1, dir); // warm the file cache (and tsx's transform cache)
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? configs : [...configs].reverse();
    for (const [executor, workers] of order) present(got.get(`${executor}-${workers}`), 'a list per config').push(await measure(pelsim, scenario, executor, workers, seeds, dir));
  }
  const lines: string[] = [];
  for (const executor of executors) {
    const one = present(got.get(`${executor}-1`), 'measured');
    const two = present(got.get(`${executor}-2`), 'measured');
    const runs = present(one[0], 'one measure per round').runs;
    const ratio = (pick: (m: Measure) => number) => median(one.map((o, i) => pick(o) / pick(present(two[i], 'as many 2-worker rounds as 1-worker ones'))));
    const cpuPerRun = (ms: readonly Measure[]) => median(ms.map((m) => m.cpuMsPerRun));
    const parts = [
      `wall 2/1: runs x${ratio((m) => m.runSeconds).toFixed(2)} (${median(one.map((m) => m.runSeconds)).toFixed(1)} s -> ${median(two.map((m) => m.runSeconds)).toFixed(1)} s), ` +
        `whole sweep x${ratio((m) => m.totalSeconds).toFixed(2)}`,
      `CPU per run ${cpuPerRun(one).toFixed(1)} -> ${cpuPerRun(two).toFixed(1)} ms (x${(cpuPerRun(two) / cpuPerRun(one)).toFixed(2)})`,
    ];
    if (executor === 'processes') {
      const bound = median(one.map((o, i) => cpuBound(o, present(two[i], 'paired'), (m) => m.workerCpuSeconds)));
      const runsOnly = median(one.map((o, i) => cpuBound(o, present(two[i], 'paired'), (m) => m.workerRunCpuSeconds)));
      const parentMs = median([...one, ...two].map((m) => (1000 * m.parentCpuSeconds) / m.runs));
      const outside = median(one.map((m) => present(m.workerCpuSeconds?.[0], 'worker CPU') - present(m.workerRunCpuSeconds?.[0], 'worker run CPU')));
      parts.push(`CPU bound on 2 idle cores x${bound.toFixed(2)} (runs only x${runsOnly.toFixed(2)}; worker CPU outside runs ${outside.toFixed(2)} s (start-up included), parent ${parentMs.toFixed(2)} ms CPU per run)`);
    }
    lines.push(`  ${executor.padEnd(9)} ${runs} runs: ${parts.join('; ')}`);
  }
  return lines;
}

/**
 * Live heap per worker over `runs` seed-story runs on 2 worker processes: every 10th run of each
 * worker collects garbage first, and each tenth of the series reports its lowest live heap.
 */
async function memory(pelsim: Pelsim, runs: number): Promise<string[]> {
  const scenario = await pelsim.scenario.loadScenarioFile('scenarios/seed-story.yaml');
  const executor = pelsim.pool.createProcessExecutor(2);
  const floors: number[][] = [];
  const started = performance.now();
  try {
    const window = Math.max(2, Math.floor(runs / 10));
    let floor = [Infinity, Infinity];
    for (let done = 0; done < runs; done += 2) {
      const variant = present(scenario.variants[(done / 2) % scenario.variants.length], 'a scenario has a variant');
      const sample = { collectGarbage: (done / 2) % 10 === 9 };
      // Both workers idle: the pool gives one run to each.
      await Promise.all([executor.run({ ...variant, seed: done }, sample), executor.run({ ...variant, seed: done + 1 }, sample)]);
      if (sample.collectGarbage) floor = floor.map((f, i) => Math.min(f, executor.workerHeapBytes()[i] ?? Infinity));
      if ((done + 2) % window === 0) {
        floors.push(floor);
        floor = [Infinity, Infinity];
      }
    }
  } finally {
    await executor.close();
  }
  const mb = (b: number) => (Number.isFinite(b) ? (b / 2 ** 20).toFixed(1) : '-');
  return [
    `  memory: 2 worker processes, ${runs} seed-story runs in ${((performance.now() - started) / 1000).toFixed(0)} s; live V8 heap per worker after a full GC, lowest in each tenth (MiB, worker 1/worker 2):`,
    `    ${floors.map((f) => f.map(mb).join('/')).join('  ')}`,
  ];
}

/** What {@link benchSweep} measures. */
export interface SweepBenchOptions {
  /** Seeds of the seed-story sweep (3 variants each). */
  readonly seeds?: number;
  /** Seeds of the 20-pod sweep (1 variant; a run costs about 50 seed-story runs). */
  readonly fleetSeeds?: number;
  readonly rounds?: number;
  /** Runs of the memory series; 0 skips it. */
  readonly memoryRuns?: number;
  readonly memoryOnly?: boolean;
  /** Also measure worker threads (piscina). */
  readonly threads?: boolean;
  /** Run the TypeScript sources through tsx rather than a compiled build. */
  readonly source?: boolean;
}

/** Runs the benchmark and returns the lines to print. */
export async function benchSweep(options: SweepBenchOptions = {}): Promise<string[]> {
  const pelsim = await loadPelsim(options.source === true);
  const rounds = options.rounds ?? 3;
  const dir = mkdtempSync(join(tmpdir(), 'pelsim-bench-sweep-'));
  try {
    const lines = [`sweep (${pelsim.label}): 1 vs 2 workers, median of ${rounds} alternating rounds, load average ${loadavg()[0]?.toFixed(1)} at start`];
    if (options.memoryOnly !== true) {
      const executors: ExecutorKind[] = options.threads === true ? ['processes', 'threads'] : ['processes'];
      for (const [file, seeds] of [
        ['scenarios/seed-story.yaml', options.seeds ?? 200],
        ['bench/scenarios/fleet-20-pods.yaml', options.fleetSeeds ?? 16],
      ] as const) {
        lines.push(` ${file}, ${seeds} seeds`);
        lines.push(...(await scaling(pelsim, file, seeds, rounds, executors, dir)));
      }
    }
    const memoryRuns = options.memoryRuns ?? 2000;
    if (memoryRuns > 0) lines.push(...(await memory(pelsim, memoryRuns)));
    lines.push(`load average ${loadavg()[0]?.toFixed(1)} at the end`);
    return lines;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: {
      seeds: { type: 'string' },
      'fleet-seeds': { type: 'string' },
      rounds: { type: 'string' },
      memory: { type: 'string' },
      'memory-only': { type: 'boolean' },
      threads: { type: 'boolean' },
      source: { type: 'boolean' },
    },
  });
  const number = (text: string | undefined) => (text === undefined ? undefined : Number(text));
  const lines = await benchSweep({
    seeds: number(values.seeds),
    fleetSeeds: number(values['fleet-seeds']),
    rounds: number(values.rounds),
    memoryRuns: number(values.memory),
    memoryOnly: values['memory-only'],
    threads: values.threads,
    source: values.source,
  });
  for (const line of lines) console.log(line);
}
