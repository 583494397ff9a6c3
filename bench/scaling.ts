/**
 * How the simulator's cost grows with the fleet and the simulated span: the stress scenario's
 * settings (arrivals scaled to keep 0.9 issues per pod-hour, every fault) at several pod counts
 * over 7 days, and at 50 pods over several spans. Each point runs in a fresh process on a
 * compiled build (bench/paired/drive.mjs, simulate mode: simulate and write both files) and is
 * reported as CPU ms per simulated pod-hour; linear cost means a flat column.
 *
 * `node --import tsx bench/scaling.ts [pods,...] [days,...]` (defaults 10,25,50,100,200 and 7,14,30).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse, stringify } from 'yaml';
import { buildWorkingTree } from './paired/builds.js';
import { runOnce } from './paired.js';

const BASE = 'scenarios/stress-50-pods-30-days.yaml';
const ISSUES_PER_POD_HOUR = 45 / 50;

/** The stress scenario with `pods` replicas over `days`, arrivals scaled with the fleet. */
function scenarioFile(dir: string, pods: number, days: number): string {
  const scenario = parse(readFileSync(BASE, 'utf8')) as { deployment: Record<string, unknown>; conductor: Record<string, unknown> } & Record<string, unknown>;
  scenario.name = `scaling-${pods}-pods-${days}-days` as never;
  scenario.duration = `${days}d` as never;
  scenario.deployment.replicas = pods;
  scenario.conductor.arrivals = { poisson: { perHour: ISSUES_PER_POD_HOUR * pods } };
  scenario.conductor.backlog = 2 * pods;
  const faults = scenario.faults as { rollingUpdate?: { at: string[] } };
  if (faults.rollingUpdate) faults.rollingUpdate.at = faults.rollingUpdate.at.filter((at) => Number.parseInt(at, 10) < days);
  const file = join(dir, `${pods}-${days}.yaml`);
  writeFileSync(file, stringify(scenario));
  return file;
}

/** Runs the curve and returns Markdown rows. */
export function benchScaling(pods: readonly number[] = [10, 25, 50, 100, 200], days: readonly number[] = [7, 14, 30]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'pelsim-bench-scaling-'));
  try {
    const build = buildWorkingTree(resolve('.'));
    const points: [number, number][] = [...pods.map((p) => [p, 7] as [number, number]), ...days.filter((d) => d !== 7).map((d) => [50, d] as [number, number])];
    const lines = ['| pods | days | pod-hours | CPU | CPU per pod-hour | vs 50 pods × 7 days |', '|---|---|---|---|---|---|'];
    const rows: { pods: number; days: number; podHours: number; cpuMs: number }[] = [];
    for (const [p, d] of points) {
      const sample = runOnce({ build, args: [] }, 'simulate', scenarioFile(dir, p, d), join(dir, `out-${p}-${d}`));
      rows.push({ pods: p, days: d, podHours: p * d * 24, cpuMs: sample.cpuMs });
    }
    const reference = rows.find((r) => r.pods === 50 && r.days === 7);
    const perPodHour = (r: (typeof rows)[number]) => r.cpuMs / r.podHours;
    for (const r of rows) {
      const ratio = reference === undefined ? '' : `x${(perPodHour(r) / perPodHour(reference)).toFixed(2)}`;
      lines.push(`| ${r.pods} | ${r.days} | ${r.podHours.toLocaleString('en')} | ${(r.cpuMs / 1000).toFixed(1)} s | ${perPodHour(r).toFixed(2)} ms | ${ratio} |`);
    }
    return lines;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [pods, days] = process.argv.slice(2).map((arg) => arg.split(',').map(Number));
  for (const line of benchScaling(pods, days)) console.log(line);
}
