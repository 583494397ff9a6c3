/**
 * Sweep scaling: 1 against 2 workers, for worker processes (the default) and worker threads, on
 * the seed story and on a 20-pod fleet; then memory per worker over a long series of runs.
 *
 * On a 2-core machine shared with other sessions the wall-clock speed-up mostly measures the
 * neighbours, so beside it this prints two figures that do not depend on them:
 * - CPU per run, steady (parent, workers, GC threads; start-up left out), 2 workers against 1: extra work
 *   that parallelism causes (contention, GC helpers fighting for cores) shows up here;
 * - the speed-up bound: the 1-worker sweep's CPU over the busiest worker's CPU at 2 workers — what 2
 *   idle cores give when each worker keeps to one core (processes run with --single-threaded-gc,
 *   so they do), minus the parent's share.
 * Rounds alternate the configurations, so a burst of load hits all alike.
 *
 * `node --import tsx bench/sweep.ts [seeds] [rounds] [memory-runs]` (defaults 100, 2, 2000).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadScenarioFile } from '../src/scenario/index.js';
import { createPoolExecutor, createProcessExecutor, runSweep, type ExecutorFactory } from '../src/sweep/index.js';
import type { ProcessExecutor } from '../src/sweep/process-pool.js';
import { median } from './median.js';
import { present } from '../src/errors.js';

const SCENARIOS = [
  { file: 'scenarios/seed-story.yaml', seedsScale: 1 },
  // A 20-pod run costs about 100 seed-story runs: fewer seeds for a similar duration.
  { file: 'bench/scenarios/fleet-20-pods.yaml', seedsScale: 1 / 25 },
] as const;

const EXECUTORS: Record<'processes' | 'threads', ExecutorFactory> = { processes: createProcessExecutor, threads: createPoolExecutor };

interface Measure {
  readonly runs: number;
  readonly wallSeconds: number;
  /** Steady CPU per run in ms (start-up excluded): parent, workers and their GC threads. */
  readonly cpuMsPerRun: number;
  /** Per worker process, CPU inside runs; null for threads (one process: not separable). */
  readonly workerRunCpuSeconds: readonly number[] | null;
  /** The parent's CPU from the first finished run to the end. */
  readonly parentCpuSeconds: number;
}

function processCpuSeconds(): number {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1e6;
}

async function measure(scenario: string, executor: keyof typeof EXECUTORS, workers: number, seeds: number, dir: string): Promise<Measure> {
  let pool: ReturnType<ExecutorFactory> | undefined;
  let cpuAtFirst = NaN;
  const result = await runSweep({
    scenario,
    seeds,
    workers,
    out: join(dir, `${executor}-${workers}`),
    executor: (n) => (pool = EXECUTORS[executor](n)),
    onProgress: (p) => {
      if (p.ran === 1) cpuAtFirst = processCpuSeconds();
    },
  });
  // For threads, process CPU covers the workers too; the first run's share (pool start-up) is left out.
  const parentCpuSeconds = processCpuSeconds() - cpuAtFirst;
  const workerRunCpuSeconds = executor === 'processes' ? (pool as ProcessExecutor).workerRunCpuSeconds() : null;
  const cpuMsPerRun =
    workerRunCpuSeconds === null
      ? (1000 * parentCpuSeconds) / (result.ran - 1)
      : (1000 * (parentCpuSeconds + workerRunCpuSeconds.reduce((a, b) => a + b, 0))) / result.ran;
  return { runs: result.ran, wallSeconds: result.seconds, cpuMsPerRun, workerRunCpuSeconds, parentCpuSeconds };
}


async function scaling(scenario: string, seeds: number, rounds: number, dir: string): Promise<string[]> {
  const configs = [
    ['processes', 1],
    ['processes', 2],
    ['threads', 1],
    ['threads', 2],
  ] as const;
  const got = new Map<string, Measure[]>(configs.map(([e, w]) => [`${e}-${w}`, []]));
  await measure(scenario, 'processes', 1, 2, dir); // warm the file cache and tsx's transform cache
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? configs : [...configs].reverse();
    for (const [executor, workers] of order) (got.get(`${executor}-${workers}`) as Measure[]).push(await measure(scenario, executor, workers, seeds, dir));
  }
  const lines: string[] = [];
  for (const executor of ['processes', 'threads'] as const) {
    const one = got.get(`${executor}-1`) as Measure[];
    const two = got.get(`${executor}-2`) as Measure[];
    const runs = present(one[0], 'one measure per round').runs;
    const rate = (ms: readonly Measure[]) => median(ms.map((m) => m.runs / m.wallSeconds));
    const cpuPerRun = (ms: readonly Measure[]) => median(ms.map((m) => m.cpuMsPerRun));
    let bound = '';
    if (executor === 'processes') {
      // Each worker on its own core: the busiest worker, plus half the parent's work (it shares
      // the two cores), sets the pace; against one worker doing all the runs plus the parent.
      const ratios = one.map((o, i) => {
        const t = present(two[i], 'as many 2-worker rounds as 1-worker ones');
        const oneTime = present((o.workerRunCpuSeconds as number[])[0], 'one worker ran') + o.parentCpuSeconds;
        return oneTime / (Math.max(...(t.workerRunCpuSeconds as number[])) + t.parentCpuSeconds / 2);
      });
      bound = `, bound on 2 idle cores x${median(ratios).toFixed(2)}`;
    }
    lines.push(
      `  ${executor.padEnd(9)} ${runs} runs: 1 worker ${rate(one).toFixed(1)} runs/s, 2 workers ${rate(two).toFixed(1)} runs/s ` +
        `(wall x${(rate(two) / rate(one)).toFixed(2)}); CPU per run ${cpuPerRun(one).toFixed(1)} ms -> ${cpuPerRun(two).toFixed(1)} ms ` +
        `(x${(cpuPerRun(two) / cpuPerRun(one)).toFixed(2)})${bound}`,
    );
  }
  return lines;
}

/** Heap per worker over `runs` runs of the seed story: the lowest heap seen in each tenth of the series. */
async function memory(runs: number): Promise<string[]> {
  const scenario = await loadScenarioFile('scenarios/seed-story.yaml');
  const executor = createProcessExecutor(2);
  const floors: number[][] = [];
  try {
    const window = Math.max(1, Math.floor(runs / 10));
    let floor = [Infinity, Infinity];
    for (let done = 0; done < runs; done += 2) {
      const variant = present(scenario.variants[done % scenario.variants.length], 'a scenario has a variant');
      const live = { collectGarbage: true };
      await Promise.all([executor.run({ ...variant, seed: done }, live), executor.run({ ...variant, seed: done + 1 }, live)]);
      floor = floor.map((f, i) => Math.min(f, executor.workerHeapBytes()[i] ?? Infinity));
      if ((done + 2) % window === 0) {
        floors.push(floor);
        floor = [Infinity, Infinity];
      }
    }
  } finally {
    await executor.close();
  }
  const mb = (b: number) => (b / 2 ** 20).toFixed(0);
  return [
    `  memory: 2 worker processes, ${runs} seed-story runs; live V8 heap per worker (after a full GC), lowest in each tenth of the series (MiB):`,
    `    ${floors.map((f) => f.map(mb).join('/')).join('  ')}`,
  ];
}

/** Runs the benchmark and returns the lines to print. */
export async function benchSweep(seeds = 100, rounds = 2, memoryRuns = 2000): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'pelsim-bench-sweep-'));
  try {
    const lines = [`sweep: 1 vs 2 workers, median of ${rounds} alternating rounds, load average ${loadavg()[0]?.toFixed(1)} at start`];
    for (const { file, seedsScale } of SCENARIOS) {
      lines.push(` ${file}`);
      lines.push(...(await scaling(file, Math.max(2, Math.round(seeds * seedsScale)), rounds, dir)));
    }
    lines.push(...(await memory(memoryRuns)));
    return lines;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [seeds, rounds, memoryRuns] = process.argv.slice(2).map(Number);
  for (const line of await benchSweep(seeds || undefined, rounds || undefined, memoryRuns || undefined)) console.log(line);
}
