import { Command, CommanderError } from 'commander';
import { registerCheck } from './commands/check.js';
import { registerCompare } from './commands/compare.js';
import { registerHunt } from './commands/hunt.js';
import { registerMerge } from './commands/merge.js';
import { registerSweep } from './commands/sweep.js';
import { registerReport } from './commands/report.js';
import { registerRun } from './commands/run.js';
import { registerSchema } from './commands/schema.js';
import { describeFailure } from './errors.js';
import { processIo, type CliIo } from './io.js';
import { packageVersion } from './package-files.js';
import { integerFlag } from './options.js';
import { setWatchdogLimit, DEFAULT_WATCHDOG_MS, WATCHDOG_ENV } from '../watchdog/index.js';

export type { CliIo } from './io.js';
export { defaultScenarioFile } from './package-files.js';

/** Each command lives in its own file and registers itself here. */
const COMMANDS = [registerRun, registerReport, registerCompare, registerSweep, registerMerge, registerCheck, registerHunt, registerSchema];

/** Anywhere on the command line: print the stack trace of any error, input errors included. */
export const DEBUG_FLAG = '--debug';

/**
 * Runs the pelsim CLI with `argv` (without node and script) and returns the exit code: 0 success,
 * 2 bad input (with a precise message, no stack trace), 1 a violated expectation or invariant,
 * 70 a failure of pelsim itself (with its stack trace). (`EXIT_CODES` in errors.ts).
 */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const program = new Command()
    .name('pelsim')
    .description('Simulate replicas consuming a Redis Stream through a consumer group, in virtual time.')
    .version(packageVersion(), '-V, --version', 'print the version of pelsim')
    .option(DEBUG_FLAG, 'print the stack trace of any error, input errors included')
    .option(
      '--watchdog <ms>',
      `stop a process that runs this long (real time) without yielding to the simulation; 0: never (default ${WATCHDOG_ENV}, else ${DEFAULT_WATCHDOG_MS})`,
      integerFlag('--watchdog', 0),
    )
    .hook('preAction', (command) => setWatchdogLimit(command.opts<{ watchdog?: number }>().watchdog))
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });
  for (const register of COMMANDS) register(program, io);
  // Subcommands inherit exitOverride/output only if set before they are added; set them again.
  for (const command of program.commands) command.exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err });

  // --debug works before or after the command's name, so it is taken out before commander parses.
  const debug = argv.includes(DEBUG_FLAG);
  try {
    await program.parseAsync(argv.filter((a) => a !== DEBUG_FLAG), { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2; // commander printed it
    const failure = describeFailure(error);
    io.err(`${failure.text}\n`);
    // A user's error is one line; with --debug pelsim's stack too, for reporting a pelsim bug.
    if (debug && error instanceof Error && error.stack !== undefined && !failure.text.includes(error.stack)) io.err(`${error.stack}\n`);
    return failure.code;
  }
}
