/** How every `--json` document reaches stdout: one JSON value, two-space indented, one trailing newline. */
import type { CliIo } from '../io.js';

/** The flag, with the same help on every command that has it. */
export const JSON_FLAG = '--json';
export const JSON_FLAG_HELP = 'print one JSON document on stdout and nothing else there (shape: README, "Machine-readable output")';

/** Writes `document` as the whole of stdout. */
export function printJson(io: CliIo, document: unknown): void {
  io.out(`${JSON.stringify(document, null, 2)}\n`);
}
