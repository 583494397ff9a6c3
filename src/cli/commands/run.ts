import type { Command } from 'commander';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { simulateScenario, withSeed } from '../../run/simulate.js';
import { formatTable } from '../../run/table.js';
import { writeRunOutputs } from '../../run/write-results.js';
import { writeReport } from '../../report/index.js';
import { loadScenarioFile, selectVariant } from '../../scenario/index.js';
import { UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { integerFlag } from '../options.js';
import { defaultScenarioFile } from '../package-files.js';


/** `pelsim run <file> [--seed N] [--out DIR] [--variant NAME] [--no-charts]` */
export function registerRun(program: Command, io: CliIo): void {
  program
    .command('run')
    .description('replay a scenario file and report duplicates, stranded work and throughput')
    .argument('[scenario]', 'scenario file (YAML or JSON; default: the seed story, scenarios/seed-story.yaml)')
    .option('--seed <n>', 'seed for every variant (overrides the file)', integerFlag('--seed'))
    .option('--out <dir>', 'output folder (default reports/<scenario name>/)')
    .option('--variant <name>', 'run only this variant')
    .option('--no-charts', 'write results.json and events.jsonl only, no report or charts (fast, for CI; `pelsim report` draws them later)')
    .action(async (file: string | undefined, options: { seed?: number; out?: string; variant?: string; charts: boolean }) => {
      if (options.out !== undefined) await assertWritableFolder(options.out);
      let scenario = await loadScenarioFile(file ?? defaultScenarioFile());
      if (options.variant !== undefined) scenario = selectVariant(scenario, options.variant);
      if (options.seed !== undefined) scenario = withSeed(scenario, options.seed);
      const started = process.hrtime.bigint();
      const run = await simulateScenario(scenario);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const dir = resolve(options.out ?? `reports/${scenario.name}`);
      try {
        await writeRunOutputs(dir, run);
      } catch (error) {
        throw new UsageError(`--out ${options.out ?? dir}: cannot write the results there (${error instanceof Error ? error.message : String(error)})`);
      }
      const report = options.charts ? await writeReport(dir) : undefined;
      io.out(`${scenario.name} (seed ${scenario.seed}): ${scenario.variants.length} variant(s) simulated in ${seconds.toFixed(2)} s\n\n`);
      io.out(`${formatTable(run.results)}\n\n`);
      for (const variant of run.results.variants) {
        for (const d of variant.duplicates.slice(0, 3)) io.out(`  [${variant.name}] ${d.chain}\n`);
        if (variant.duplicates.length > 3) {
          io.out(`  [${variant.name}] … ${variant.duplicates.length - 3} more duplicate PRs in results.json\n`);
        }
      }
      io.out(
        report === undefined
          ? `\nwrote ${dir}/results.json and events.jsonl (no charts: run pelsim report ${dir} to draw them)\n`
          : `\nwrote ${dir}/results.json, events.jsonl and report.html (${report.charts.length} charts, ${report.millis} ms)\n`,
      );
    });
}

/** --out must be a folder (or not exist yet): checked before simulating, so bad input costs nothing. */
async function assertWritableFolder(out: string): Promise<void> {
  const found = await stat(out).catch(() => undefined);
  if (found !== undefined && !found.isDirectory()) throw new UsageError(`--out ${out}: expected a folder, found a file`);
}
