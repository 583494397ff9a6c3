/**
 * Sweep throughput: the seed story (24 h, 3 variants) swept over seeds at 1 and 2 worker threads.
 * Reports runs/s end to end (pool start-up included) and steady (first to last finished run),
 * the speed-up of 2 workers over 1, the largest V8 heap a worker reported after a run, and the
 * process RSS each added worker costs.
 *
 * Rounds alternate 1 and 2 workers and the best round of each counts, so a neighbour's load on a
 * shared machine skews both alike; the 1-minute load average is printed beside the figures.
 *
 * `node --import tsx bench/sweep.ts [seeds] [rounds]` (default 100 seeds = 300 runs, 3 rounds).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runSweep } from '../src/sweep/index.js';

const SCENARIO = 'scenarios/seed-story.yaml';

interface Measure {
  readonly workers: number;
  readonly runs: number;
  readonly totalRate: number;
  readonly steadyRate: number;
  readonly peakHeapMB: number;
  readonly peakRssMB: number;
}

async function measure(workers: number, seeds: number, dir: string): Promise<Measure> {
  let first = 0;
  let last = 0;
  let firstRan = 0;
  let peakRss = process.memoryUsage().rss;
  const result = await runSweep({
    scenario: SCENARIO,
    seeds,
    workers,
    out: join(dir, `w${workers}`),
    onProgress: (p) => {
      const now = performance.now();
      if (first === 0) {
        first = now;
        firstRan = p.ran;
      }
      last = now;
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    },
  });
  const steadySeconds = (last - first) / 1000;
  return {
    workers,
    runs: result.ran,
    totalRate: result.ran / result.seconds,
    steadyRate: steadySeconds > 0 ? (result.ran - firstRan) / steadySeconds : NaN,
    peakHeapMB: (result.peakWorkerHeapBytes ?? 0) / 2 ** 20,
    peakRssMB: peakRss / 2 ** 20,
  };
}

function best(measures: readonly Measure[]): Measure {
  return measures.reduce((a, b) => (b.steadyRate > a.steadyRate ? b : a));
}

/** Runs the benchmark and returns the lines to print. */
export async function benchSweep(seeds = 100, rounds = 3): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'pelsim-bench-sweep-'));
  try {
    const load = loadavg()[0];
    await measure(1, 2, dir); // warm the file cache and the tsx transform cache
    const ones: Measure[] = [];
    const twos: Measure[] = [];
    for (let round = 0; round < rounds; round++) {
      ones.push(await measure(1, seeds, dir));
      twos.push(await measure(2, seeds, dir));
    }
    const one = best(ones);
    const two = best(twos);
    const line = (m: Measure) =>
      `sweep seed-story, ${m.workers} worker(s): ${m.runs} runs, ${m.totalRate.toFixed(1)} runs/s end to end, ` +
      `${m.steadyRate.toFixed(1)} runs/s steady, worker heap ≤ ${m.peakHeapMB.toFixed(0)} MB, process RSS ≤ ${m.peakRssMB.toFixed(0)} MB`;
    return [
      line(one),
      line(two),
      `sweep speed-up 2 vs 1 worker: ×${(two.totalRate / one.totalRate).toFixed(2)} end to end, ×${(two.steadyRate / one.steadyRate).toFixed(2)} steady; ` +
        `RSS per added worker ≈ ${(two.peakRssMB - one.peakRssMB).toFixed(0)} MB (best of ${rounds} rounds, load average ${load.toFixed(1)} at start)`,
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [seeds, rounds] = process.argv.slice(2).map(Number);
  for (const line of await benchSweep(seeds, rounds)) console.log(line);
}
