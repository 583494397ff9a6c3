import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { resolve } from 'node:path';
import { loadScenarioFile, scenarioJsonSchema, selectVariant } from '../scenario/index.js';
import { simulateScenario, withSeed } from '../run/simulate.js';
import { formatTable } from '../run/table.js';
import { writeRunOutputs } from '../run/write-results.js';
import { isInputError } from './errors.js';

/** Where `pelsim run` looks when no file is given: the incident of the story. */
export const DEFAULT_SCENARIO = 'scenarios/seed-story.yaml';

/** Output streams, injectable so tests run the CLI in-process. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

function integer(flag: string) {
  return (value: string): number => {
    if (!/^-?\d+$/.test(value)) throw new InvalidArgumentError(`${flag} expects an integer, found "${value}"`);
    return Number(value);
  };
}

/**
 * Runs the pelsim CLI with `argv` (without node and script) and returns the exit code:
 * 0 success, 1 failure of the simulation itself, 2 bad input (with a precise message, no stack).
 */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const program = new Command()
    .name('pelsim')
    .description('Simulate replicas consuming a Redis Stream through a consumer group, in virtual time.')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError(false);

  program
    .command('run')
    .description('replay a scenario file and report duplicates, stranded work and throughput')
    .argument('[scenario]', 'scenario file (YAML or JSON)', DEFAULT_SCENARIO)
    .option('--seed <n>', 'seed for every variant (overrides the file)', integer('--seed'))
    .option('--out <dir>', 'output folder (default reports/<scenario name>/)')
    .option('--variant <name>', 'run only this variant')
    .action(async (file: string, options: { seed?: number; out?: string; variant?: string }) => {
      let scenario = await loadScenarioFile(file);
      if (options.variant !== undefined) scenario = selectVariant(scenario, options.variant);
      if (options.seed !== undefined) scenario = withSeed(scenario, options.seed);
      const started = process.hrtime.bigint();
      const run = await simulateScenario(scenario);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const dir = resolve(options.out ?? `reports/${scenario.name}`);
      await writeRunOutputs(dir, run);
      io.out(`${scenario.name} (seed ${scenario.seed}): ${scenario.variants.length} variant(s) in ${seconds.toFixed(2)} s\n\n`);
      io.out(`${formatTable(run.results)}\n\n`);
      for (const variant of run.results.variants) {
        for (const d of variant.duplicates.slice(0, 3)) io.out(`  [${variant.name}] ${d.chain}\n`);
        if (variant.duplicates.length > 3) io.out(`  [${variant.name}] … ${variant.duplicates.length - 3} more duplicate PRs in results.json\n`);
      }
      io.out(`\nwrote ${dir}/results.json and events.jsonl\n`);
    });

  program
    .command('schema')
    .description('print the JSON Schema of scenario files (for editor autocomplete)')
    .action(() => {
      io.out(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
    });

  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return 0;
      return 2; // commander already printed its message
    }
    if (isInputError(error)) {
      io.err(`Error: ${error.message}\n`);
      return 2;
    }
    io.err(`pelsim failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}
