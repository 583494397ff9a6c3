/** Runs the real CLI in-process and captures its output and exit code. */
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';

/** Captured output and exit code. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runCli(argv: readonly string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { out: (t) => void (stdout += t), err: (t) => void (stderr += t) };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}
