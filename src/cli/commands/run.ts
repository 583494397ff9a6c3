import type { Command } from 'commander';
import { join, relative, resolve } from 'node:path';
import { checkOutFolder, folderSlug, type OutLabel } from '../../output/index.js';
import { DEFAULT_MAX_COST, MAX_COST_FLAG, checkBudget } from '../../run/cost.js';
import { withSeed } from '../../run/simulate.js';
import { formatRunText } from '../../run/terminal/run-text.js';
import { EVENTS_FILE, RESULTS_FILE, simulateToFolder, type RunWritten } from '../../run/write-results.js';
import { loadScenarioFile, selectVariant } from '../../scenario/index.js';
import { CheckFailed } from '../errors.js';
import { processIo, type CliIo } from '../io.js';
import { createRunProgress } from '../run-progress.js';
import { integerFlag } from '../options.js';
import { runJson } from '../json/run-json.js';
import { JSON_FLAG, JSON_FLAG_HELP, printJson } from '../json/print.js';
import { defaultScenarioFile } from '../package-files.js';
import { displaySource, shellQuote } from '../../check/report.js';
import { DEFAULT_SEEDS } from '../../sweep/index.js';

/** Files of a run folder with fixed names: checked before simulating. */
const RUN_FILES = [RESULTS_FILE, EVENTS_FILE, 'report.html', 'summary.md'];

/** `pelsim run <file> [--seed N] [--out DIR] [--variant NAME] [--no-charts] [--wide] [--json]` */
export function registerRun(program: Command, io: CliIo): void {
  program
    .command('run')
    .description('replay a scenario file and report duplicates, stranded work and throughput')
    .argument('[scenario]', 'scenario file (YAML or JSON; default: the seed story, scenarios/seed-story.yaml)')
    .option('--seed <n>', 'seed for every variant (overrides the file)', integerFlag('--seed'))
    .option('--out <dir>', 'output folder (default reports/<slug of the scenario name>/)')
    .option('--variant <name>', 'run only this variant')
    .option(`${MAX_COST_FLAG} <n>`, `most simulated operations to accept (estimated before running: pods × duration ÷ poll interval, per variant; default ${DEFAULT_MAX_COST})`, integerFlag(MAX_COST_FLAG, 1), DEFAULT_MAX_COST)
    .option('--wide', 'every column of the table, one line per variant (wider than 100 columns)')
    .option(JSON_FLAG, JSON_FLAG_HELP)
    .option('--allow-crashes', 'exit 0 even when a variant\'s consumer crashed on every start or never completed an issue while work waited')
    .option('--no-charts', 'write results.json and events.jsonl only, no report or charts (fast, for CI; `pelsim report` draws them later)')
    .action(async (file: string | undefined, options: { seed?: number; out?: string; variant?: string; charts: boolean; maxCost: number; wide?: boolean; json?: boolean; allowCrashes?: boolean }) => {
      // A bad --out costs nothing: checked before the scenario is even read.
      if (options.out !== undefined) await checkOutFolder(options.out, { flag: '--out', given: options.out });
      let scenario = await loadScenarioFile(file ?? defaultScenarioFile());
      if (options.variant !== undefined) scenario = selectVariant(scenario, options.variant);
      if (options.seed !== undefined) scenario = withSeed(scenario, options.seed);
      checkBudget(scenario.variants, 1, options.maxCost, 'the run');
      const dir = resolve(options.out ?? join('reports', folderSlug(scenario.name)));
      const label: OutLabel = { flag: '--out', given: options.out ?? relative(process.cwd(), dir) };
      await checkOutFolder(dir, label, RUN_FILES);
      const started = process.hrtime.bigint();
      const progress = io === processIo && process.stdout.isTTY && options.json !== true ? createRunProgress(process.stdout) : undefined;
      let run: RunWritten;
      try {
        run = await simulateToFolder(dir, label, scenario, { onProgress: progress && ((p) => progress.update(p)) });
      } finally {
        progress?.stop();
      }
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      // Loaded only when drawing: Vega and resvg are half of the CLI's start-up, which --no-charts (CI) skips.
      const report = options.charts ? await (await import('../../report/index.js')).writeReport(dir, label) : undefined;
      const sweep = sweepCommand(scenario.source, options);
      const replaced = run.replaced > 0 ? [`replaced the earlier run in ${label.given} (only files pelsim wrote there; see .pelsim-manifest.json)`] : [];
      if (options.json === true) {
        const files = [...RUN_FILES.slice(0, 2), ...(report?.files ?? [])];
        printJson(io, runJson(run.results, { source: displaySource(scenario.source), out: dir, files, sweepCommand: sweep, notes: [...(report?.skipped ?? []), ...replaced] }));
        failIfConsumerBroken(run.results, options.allowCrashes === true);
        return;
      }
      io.out(`${scenario.name} (seed ${scenario.seed}): ${scenario.variants.length} variant(s) simulated in ${seconds.toFixed(2)} s\n\n`);
      io.out(`${formatRunText(run.results, { wide: options.wide === true, sweepCommand: sweep, sweepSeeds: DEFAULT_SEEDS }).join('\n')}\n`);
      const notes = [
        ...(report?.skipped ?? []).map((line) => `note: ${line}`),
        ...replaced,
        report === undefined
          ? `wrote ${dir}/results.json and events.jsonl (no charts: run pelsim report ${dir} to draw them)`
          : `wrote ${dir}/results.json, events.jsonl and report.html (${report.charts.length} charts, ${report.millis} ms)`,
      ];
      // Not wrapped: these lines carry paths, which must stay whole to be copied.
      io.out(`\n${notes.join('\n')}\n`);
      failIfConsumerBroken(run.results, options.allowCrashes === true);
    });
}

/**
 * Called once the outputs are written, so the trace is there to read: a variant whose consumer
 * crashed on every start or never completed an issue fails the run (exit 1), its numbers mean nothing.
 */
function failIfConsumerBroken(results: RunWritten['results'], allowed: boolean): void {
  const broken = results.variants.filter((v) => v.consumerFailure !== null);
  if (broken.length === 0 || allowed) return;
  const lines = broken.map((v) => `variant ${JSON.stringify(v.name)}: ${v.consumerFailure?.summary ?? ''}`);
  throw new CheckFailed([`pelsim run: the consumer did not work in ${broken.length} of ${results.variants.length} variant(s)`, ...lines, '(--allow-crashes to exit 0 anyway)'].join('\n'));
}

/** The `npx pelsim sweep …` command that measures what this run sampled once, over many seeds. */
export function sweepCommand(source: string, options: { seed?: number; variant?: string }): string {
  const words = ['npx pelsim sweep', shellQuote(displaySource(source)), '--seeds', String(DEFAULT_SEEDS)];
  if (options.seed !== undefined) words.push('--seed', String(options.seed));
  if (options.variant !== undefined) words.push('--variant', shellQuote(options.variant));
  return words.join(' ');
}
