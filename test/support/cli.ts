/** Runs the real CLI in-process, capturing what it prints. */
import type { CliIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';

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

/** Captured output and exit code of one CLI invocation. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `pelsim <argv>` in-process. */
export async function runCli(argv: readonly string[]): Promise<CliRun> {
  const io = capture();
  const code = await main(argv, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}
