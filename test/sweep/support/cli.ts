/**
 * The CLI with the sweep and merge commands, for tests: `main` once the lead has wired them in,
 * until then a program built the way `main` builds it.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { registerMerge } from '../../../src/cli/commands/merge.js';
import { registerSweep } from '../../../src/cli/commands/sweep.js';
import { isInputError } from '../../../src/cli/errors.js';
import type { CliIo } from '../../../src/cli/io.js';
import { main } from '../../../src/cli/main.js';

/** True once src/cli/main.ts registers the sweep command itself. */
export const MAIN_HAS_SWEEP = readFileSync(new URL('../../../src/cli/main.ts', import.meta.url), 'utf8').includes('registerSweep');

/** Runs `argv` like `main` does and returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  if (MAIN_HAS_SWEEP) return main(argv, io);
  const program = new Command().name('pelsim').exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err });
  registerSweep(program, io);
  registerMerge(program, io);
  for (const command of program.commands) command.exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err });
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (isInputError(error)) {
      io.err(`Error: ${error.message}\n`);
      return 2;
    }
    io.err(`pelsim failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}

/** An io that keeps what was written. */
export function capture(): CliIo & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out: (t: string) => {
      io.stdout += t;
    },
    err: (t: string) => {
      io.stderr += t;
    },
  };
  return io;
}
