import type { Command } from 'commander';
import { scenarioJsonSchema } from '../../scenario/index.js';
import type { CliIo } from '../io.js';

/** `pelsim schema`: the JSON Schema of scenario files. */
export function registerSchema(program: Command, io: CliIo): void {
  program
    .command('schema')
    .description('print the JSON Schema of scenario files (for editor autocomplete)')
    .action(() => {
      io.out(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
    });
}
