import type { Command } from 'commander';
import { stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { checkOutFolder, folderSlug } from '../../output/index.js';
import { ExpectationError } from '../../check/index.js';
import { FAULT_KINDS, formatPlan, hunt, writeHuntScenario, type FaultKind, type HuntFound, type HuntOptions } from '../../hunt/index.js';
import { replayHuntFile } from '../../hunt/replay.js';
import { displaySource } from '../../check/index.js';
import { parseDuration } from '../../scenario/index.js';
import { CheckFailed, UsageError } from '../errors.js';
import { processIo, type CliIo } from '../io.js';
import { createHuntProgress } from '../hunt-progress.js';
import { integerFlag } from '../options.js';
import { DEFAULT_MAX_COST, MAX_COST_FLAG } from '../../run/cost.js';

interface HuntFlags {
  invariant?: string;
  budget: number;
  variant?: string;
  seed?: number;
  duration?: string;
  maxFaults: number;
  faults?: string;
  work: boolean;
  out?: string;
  maxCost: number;
  allowCrashes?: boolean;
}

/** `pelsim hunt <file> --invariant no-duplicate-prs [--budget N] [--variant NAME] [--duration 6h] [--out FILE]` */
export function registerHunt(program: Command, io: CliIo): void {
  program
    .command('hunt')
    .description('search fault schedules for one that breaks an invariant; shrink it and write a scenario that replays it (exit 1 when found)')
    .argument('<scenario>', 'scenario file (YAML or JSON)')
    .option('--invariant <name>', 'no-duplicate-prs, no-stranded-issues, no-lost-issues, or an expression like "issuesPerHour >= 1.5"')
    .option('--budget <n>', 'fault schedules to try per variant (shrinking may run as many again)', integerFlag('--budget', 1), 200)
    .option('--variant <name>', 'hunt only this variant (default: each in turn until one fails)')
    .option('--seed <n>', "fast-check seed (default: the variant's seed)", integerFlag('--seed'))
    .option('--duration <d>', 'replace the run length, e.g. 6h (shorter runs hunt faster)')
    .option('--max-faults <n>', 'most faults in one schedule', integerFlag('--max-faults', 0), 4)
    .option('--faults <kinds>', `fault kinds to search, comma-separated (default ${FAULT_KINDS.join(',')})`)
    .option('--no-work', 'keep the scenario\'s work durations (do not search constant ones)')
    .option('--out <file>', 'where to write the replayable scenario (default hunts/<scenario>-<invariant>.yaml)')
    .option('--allow-crashes', 'go on when a run\'s consumer crashed on every start or never completed an issue while work waited (by default the first such run stops the hunt, exit 1)')
    .option(`${MAX_COST_FLAG} <n>`, `most simulated operations to accept: every variant × budget × 2 (search and shrinking), estimated before hunting; default ${DEFAULT_MAX_COST}`, integerFlag(MAX_COST_FLAG, 1), DEFAULT_MAX_COST)
    .action(async (file: string, flags: HuntFlags) => {
      const options = huntOptions(flags);
      if (flags.out !== undefined) await checkOutFile(flags.out);
      const target = flags.variant === undefined ? 'each variant' : JSON.stringify(flags.variant);
      io.out(`hunting ${options.invariant} in ${displaySource(file)}, ${target}, up to ${options.budget} fault schedules per variant\n`);
      // A progress line only on a real terminal: the injected io of tests and pipes get none.
      const progress = io === processIo && process.stderr.isTTY ? createHuntProgress(process.stderr) : undefined;
      let result;
      try {
        result = await hunt(file, { ...options, onProgress: progress && ((p) => progress.update(p)) });
      } catch (error) {
        if (error instanceof ExpectationError) throw new UsageError(`--invariant: ${error.message}`);
        throw error;
      } finally {
        progress?.stop();
      }
      if (!result.found) {
        io.out(`no violation of ${result.invariant} (${result.expectation}) in ${result.runs} schedules over ${result.variants.map((v) => JSON.stringify(v)).join(', ')}\n`);
        return;
      }
      const out = flags.out ?? `hunts/${folderSlug(result.scenario)}-${folderSlug(result.invariant)}.yaml`;
      if (flags.out === undefined) await checkOutFile(out);
      const written = await writeHuntScenario(result, out);
      const replay = await replayHuntFile(written, result);
      io.out(`${report(result, displaySource(written), replay.matches)}\n`);
      throw new CheckFailed(`${result.invariant} violated in ${result.scenario} / ${result.variant}; replay: pelsim run ${displaySource(written)}`);
    });
}

/** --out must name a scenario file pelsim can load back, in a place it can write: checked before hunting. */
async function checkOutFile(out: string): Promise<void> {
  if (!/\.(ya?ml|json)$/i.test(out)) throw new UsageError(`--out ${out}: expected a .yaml, .yml or .json file name`);
  const found = await stat(out).catch(() => undefined);
  if (found?.isDirectory()) throw new UsageError(`--out ${out}: expected a file name, found a folder`);
  const parent = await stat(dirname(resolve(out))).catch(() => undefined);
  if (parent !== undefined && !parent.isDirectory()) throw new UsageError(`--out ${out}: ${dirname(out)} is a file, not a folder`);
  // The folder it goes in must be usable (no file among its parents, writable), and the file
  // itself, if there, one pelsim wrote.
  await checkOutFolder(dirname(resolve(out)), { flag: '--out', given: out }, found === undefined ? [] : [basename(out)]);
}

function huntOptions(flags: HuntFlags): HuntOptions & { budget: number } {
  if (flags.invariant === undefined) throw new UsageError('pelsim hunt needs --invariant (no-duplicate-prs, no-stranded-issues, no-lost-issues, or "<metric> <op> <number>")');
  if (flags.duration !== undefined) parseDuration(flags.duration, '--duration');
  return {
    invariant: flags.invariant,
    budget: flags.budget,
    maxCost: flags.maxCost,
    maxFaults: flags.maxFaults,
    searchWork: flags.work,
    allowCrashes: flags.allowCrashes === true,
    ...(flags.variant === undefined ? {} : { variant: flags.variant }),
    ...(flags.seed === undefined ? {} : { seed: flags.seed }),
    ...(flags.duration === undefined ? {} : { duration: flags.duration }),
    ...(flags.faults === undefined ? {} : { faults: faultKinds(flags.faults) }),
  };
}

function faultKinds(text: string): FaultKind[] {
  const kinds = text.split(',').map((k) => k.trim()).filter((k) => k !== '');
  for (const kind of kinds) {
    if (!(FAULT_KINDS as readonly string[]).includes(kind)) {
      throw new UsageError(`--faults expects a comma-separated list of ${FAULT_KINDS.join(', ')}, found "${kind}"`);
    }
  }
  if (kinds.length === 0) throw new UsageError(`--faults expects at least one of ${FAULT_KINDS.join(', ')}`);
  return kinds as FaultKind[];
}

function report(found: HuntFound, file: string, replayMatches: boolean): string {
  const metric = found.expectation.split(' ')[0];
  return [
    `VIOLATED ${found.invariant} (${found.expectation}) in ${found.scenario} / ${JSON.stringify(found.variant)}: ${metric} = ${found.actual ?? 'undefined'}`,
    `  ${found.runs} schedules simulated (fast-check seed ${found.seed}); shrunk ${found.shrinks} times to:`,
    ...formatPlan(found.plan).map((line) => `    ${line}`),
    'cause chain:',
    `  ${found.chain ?? '(this metric has no cause chain)'}`,
    `wrote ${file}`,
    replayMatches ? `  replayed it: same violation, same cause chain — pelsim run ${file}` : `  WARNING: replaying ${file} did not reproduce the violation exactly`,
  ].join('\n');
}
