import { endProcessWhenStuck } from '../watchdog/index.js';
import { main } from './main.js';

// The command owns its process: a run stuck in consumer code ends it (see endProcessWhenStuck).
endProcessWhenStuck();
process.exitCode = await main(process.argv.slice(2));
