import { present } from '../../errors.js';
import { ReportInputError } from '../errors.js';
import { loadResults, locateRun, runName, type LoadedResults, type RunFiles } from '../load-results.js';
import { readTimelines } from '../read-events.js';
import type { VariantTimeline } from '../timeline.js';
import { durations } from '../write-report.js';

/** One input of a comparison: a run's results and, when its events.jsonl exists, its timelines. */
export interface RunInput {
  readonly files: RunFiles;
  readonly results: LoadedResults;
  readonly timelines: ReadonlyMap<string, VariantTimeline> | null;
}

/**
 * Inputs that belong together: runs of one scenario with different seeds (replications, averaged
 * with a confidence interval), or a single run.
 */
export interface InputGroup {
  readonly label: string;
  readonly runs: readonly RunInput[];
}

/** Loads every input (a folder or a results.json), in the order given. */
export async function loadInputs(inputs: readonly string[]): Promise<RunInput[]> {
  if (inputs.length < 2) throw new ReportInputError(`compare needs at least two results.json files or folders, found ${inputs.length}`);
  const runs: RunInput[] = [];
  for (const given of inputs) {
    const files = await locateRun(given);
    const results = await loadResults(files.resultsPath);
    const timelines = files.eventsPath ? await readTimelines(files.eventsPath, durations(results)) : null;
    runs.push({ files, results, timelines });
  }
  return runs;
}

/**
 * Groups runs of the same scenario whose seeds all differ (several seeds of one experiment); a
 * scenario whose runs repeat a seed is not a replication, so each of its runs stands alone.
 * Groups keep the order of their first input; labels are the scenario name, made unique with the
 * seed or the folder name when needed.
 */
export function groupInputs(runs: readonly RunInput[]): InputGroup[] {
  const byScenario = new Map<string, RunInput[]>();
  for (const run of runs) byScenario.set(run.results.scenario, [...(byScenario.get(run.results.scenario) ?? []), run]);
  const groups: { runs: RunInput[]; base: string }[] = [];
  for (const [scenario, list] of byScenario) {
    const seeds = new Set(list.map((r) => r.results.seed));
    if (seeds.size === list.length) groups.push({ runs: list, base: scenario });
    else for (const run of list) groups.push({ runs: [run], base: `${scenario} (${runName(run.files)}, seed ${run.results.seed})` });
  }
  const first = (g: { runs: RunInput[] }) => runs.indexOf(present(g.runs[0], 'a group holds at least one run'));
  groups.sort((a, b) => first(a) - first(b));
  const used = new Set<string>();
  return groups.map((g) => {
    let label = g.runs.length > 1 ? `${g.base} (${g.runs.length} seeds)` : g.base;
    for (let n = 2; used.has(label); n++) label = `${g.base} #${n}`;
    used.add(label);
    return { label, runs: g.runs };
  });
}
