import type { Command } from 'commander';
import { ExpectationError, evaluateExpectations, formatCheckReport, parseExpectation, type Expectation } from '../../check/index.js';
import { simulate } from '../../library/simulate.js';
import { CheckFailed, UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { integerFlag } from '../options.js';
import { checkJson } from '../json/check-json.js';
import { JSON_FLAG, JSON_FLAG_HELP, printJson } from '../json/print.js';
import { DEFAULT_MAX_COST, MAX_COST_FLAG } from '../../run/cost.js';

/** Parses `--expect` values; an invalid one is a usage error (exit 2) naming it and what was expected. */
export function parseExpectFlags(values: readonly string[]): Expectation[] {
  if (values.length === 0) throw new UsageError(`pelsim check needs at least one --expect '<metric> <op> <number>', e.g. --expect 'duplicatePRs == 0'`);
  return values.map((value) => {
    try {
      return parseExpectation(value);
    } catch (error) {
      if (error instanceof ExpectationError) throw new UsageError(`--expect: ${error.message}`);
      throw error;
    }
  });
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** `pelsim check <file> --expect 'duplicatePRs == 0' [--expect …] [--seeds N] [--seed N] [--variant NAME]` */
export function registerCheck(program: Command, io: CliIo): void {
  program
    .command('check')
    .description('simulate a scenario and exit 1 unless every run (each variant, each seed) meets every expectation')
    .argument('<scenario>', 'scenario file (YAML or JSON)')
    .option('--expect <expression>', `'<metric> <op> <number>' with op one of == != < <= > >=; repeatable`, collect, [])
    .option('--seeds <n>', "seeds per variant: the scenario's seed, seed + 1, …", integerFlag('--seeds', 1), 1)
    .option('--seed <n>', 'first seed of every variant (overrides the file)', integerFlag('--seed'))
    .option('--variant <name>', 'check only this variant')
    .option('--allow-crashes', 'let a run whose consumer crashed on every start, or never completed an issue while work waited, pass (by default it fails)')
    .option(`${MAX_COST_FLAG} <n>`, `most simulated operations to accept, over every variant and seed (estimated before running; default ${DEFAULT_MAX_COST})`, integerFlag(MAX_COST_FLAG, 1), DEFAULT_MAX_COST)
    .option(JSON_FLAG, `${JSON_FLAG_HELP}; the exit code still says whether every expectation held`)
    .action(async (file: string, options: { expect: string[]; seeds: number; seed?: number; variant?: string; maxCost: number; json?: boolean; allowCrashes?: boolean }) => {
      const expectations = parseExpectFlags(options.expect);
      const result = await simulate(file, {
        seeds: options.seeds,
        maxCost: options.maxCost,
        ...(options.seed === undefined ? {} : { seed: options.seed }),
        ...(options.variant === undefined ? {} : { variant: options.variant }),
      });
      const report = evaluateExpectations(result, expectations, { allowCrashes: options.allowCrashes ?? false });
      if (options.json === true) {
        printJson(io, checkJson(report));
        const failed = report.outcomes.filter((o) => o.failures.length > 0).length;
        const broken = report.crashesAllowed ? 0 : report.consumerFailures.length;
        const consumer = broken > 0 ? `the consumer failed in ${broken} run(s); ` : '';
        if (!report.passed) throw new CheckFailed(`${consumer}${failed} of ${report.outcomes.length} expectation(s) failed (the JSON on stdout lists each failing run)`);
        return;
      }
      const text = formatCheckReport(report);
      if (!report.passed) throw new CheckFailed(text);
      io.out(`${text}\n`);
    });
}
