// A child-process entry for the kill test while src/cli/main.ts does not register sweep yet.
import { processIo } from '../../../src/cli/io.js';
import { runCli } from './cli.js';

process.exitCode = await runCli(process.argv.slice(2), processIo);
