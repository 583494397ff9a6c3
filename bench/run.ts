/** Runs every benchmark and prints the figures recorded in bench/README.md. */
import { benchEngine } from './engine.js';
import { benchRealClients } from './real-client.js';
import { benchRedis } from './redis.js';
import { benchScenarios } from './scenario.js';
import { benchSweep } from './sweep.js';

for (const line of await benchEngine()) console.log(line);
for (const line of await benchRedis()) console.log(line);
for (const line of await benchRealClients()) console.log(line);
for (const line of await benchScenarios()) console.log(line);
for (const line of await benchSweep()) console.log(line);
