import { InvalidArgumentError, type Command } from 'commander';
import { formatSeconds, createProgressReporter, runSweep, parseShard, type ProgressReporter, type Shard } from '../../sweep/index.js';
import { formatSweepTable } from '../../sweep/table.js';
import { processIo, type CliIo } from '../io.js';
import { integerFlag } from '../options.js';
import { DEFAULT_MAX_COST, MAX_COST_FLAG } from '../../run/cost.js';
import { defaultScenarioFile } from '../package-files.js';

interface SweepFlags {
  seeds?: number;
  grid: string[];
  seed?: number;
  variant: string[];
  workers?: number;
  out?: string;
  resume?: boolean;
  shard?: Shard;
  maxCost: number;
  allowCrashes?: boolean;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

function shardFlag(value: string): Shard {
  try {
    return parseShard(value);
  } catch (error) {
    throw new InvalidArgumentError(error instanceof Error ? error.message : String(error));
  }
}

/**
 * `pelsim sweep <file> [--seeds N] [--grid path=values]... [--workers N] [--out DIR] [--resume]
 * [--shard i/n] [--seed N] [--variant NAME]... [--allow-crashes]`
 */
export function registerSweep(program: Command, io: CliIo): void {
  program
    .command('sweep')
    .description('run a scenario over a grid of settings × many seeds on worker processes; statistics per cell')
    .argument('[scenario]', 'scenario file (YAML or JSON; default: the seed story, scenarios/seed-story.yaml)')
    .option('--seeds <n>', 'runs per cell and variant; run r uses seed base + r (default: sweep.seeds in the file, else 20)', integerFlag('--seeds', 1))
    .option('--grid <path=values>', 'grid axis, e.g. deployment.replicas=1,2,4,8 or =1..8 (repeatable; replaces sweep.grid of the file)', collect, [])
    .option('--seed <n>', "base seed (default: the scenario's seed)", integerFlag('--seed'))
    .option('--variant <name>', 'only this variant (repeatable)', collect, [])
    .option('--workers <n>', 'worker processes (default: one per core)', integerFlag('--workers', 1))
    .option('--out <dir>', 'output folder (default reports/<slug of the scenario name>/sweep/)')
    .option(`${MAX_COST_FLAG} <n>`, `most simulated operations the sweep may cost (estimated before running, over every cell, variant and seed; default ${DEFAULT_MAX_COST})`, integerFlag(MAX_COST_FLAG, 1), DEFAULT_MAX_COST)
    .option('--resume', 'finish an interrupted sweep from the checkpoint in the output folder')
    .option('--shard <i/n>', 'run only slice i of n (0-based, e.g. a Kubernetes completion index); combine with pelsim merge', shardFlag)
    .option('--allow-crashes', 'go on when a run\'s consumer crashed on every start or never completed an issue while work waited (by default the first such run stops the sweep, exit 1)')
    .action(async (file: string | undefined, flags: SweepFlags) => {
      // A bar only on a real terminal: the injected io of tests and pipes get plain lines.
      const tty = io === processIo && process.stderr.isTTY ? process.stderr : undefined;
      let progress: ProgressReporter | undefined;
      try {
        const result = await runSweep({
          scenario: file ?? defaultScenarioFile(),
          seeds: flags.seeds,
          grid: flags.grid,
          seed: flags.seed,
          variants: flags.variant,
          workers: flags.workers,
          maxCost: flags.maxCost,
          out: flags.out,
          resume: flags.resume === true,
          shard: flags.shard,
          allowCrashes: flags.allowCrashes === true,
          onStart: ({ plan, total, resumed, workers }) => {
            const { header } = plan;
            for (const warning of header.warnings) io.err(`warning: ${warning}\n`);
            const shard = flags.shard === undefined ? '' : ` (shard ${flags.shard.index}/${flags.shard.count})`;
            io.err(
              `${header.scenario}: ${header.cells.length} cell(s) × ${header.variants.length} variant(s) × ${header.seeds} seeds, ` +
                `${total} runs${shard}${resumed > 0 ? `, ${resumed} resumed from the checkpoint` : ''}, ${workers} worker(s)\n`,
            );
            progress = createProgressReporter({ tty, write: io.err });
            progress.start(total, resumed);
          },
          onProgress: (p) => progress?.update(p),
        });
        progress?.stop();
        progress = undefined;
        const rate = result.seconds > 0 ? result.ran / result.seconds : 0;
        io.out(`${result.report.scenario}: ${result.ran} runs in ${formatSeconds(result.seconds)} (${rate.toFixed(1)} runs/s, ${result.workers} worker(s))`);
        io.out(result.resumed > 0 ? `, ${result.resumed} resumed\n\n` : '\n\n');
        io.out(`${formatSweepTable(result.report)}\n\n`);
        if (result.replaced > 0) io.out(`replaced the earlier sweep in ${flags.out ?? result.dir} (only files pelsim wrote there)\n`);
        io.out(`wrote ${result.dir}/ sweep.json, sweep.csv, runs.jsonl, sweep.html and ${result.files.filter((f) => f.endsWith('.vl.json')).length} charts (vl.json, svg, png) in charts/\n`);
      } finally {
        progress?.stop();
      }
    });
}
