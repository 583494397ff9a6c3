/**
 * One server's share of `npm run fuzz`: runs a campaign and prints its result as one JSON line on
 * stdout (progress goes to stderr). Started by `test/fuzz/cli.ts`, one process per server.
 */
import type { RedisVersion } from '../../src/redis/model/index.js';
import { runCampaign } from './campaign.js';

const [binary, version, seed, sequences] = process.argv.slice(2);
const total = Number(sequences);
const result = await runCampaign({
  binary: binary as string,
  version: version as RedisVersion,
  seed: Number(seed),
  sequences: total,
  onProgress(done, divergent) {
    if (done % 1000 === 0 || done === total) process.stderr.write(`${version}: ${done}/${total} sequences, ${divergent} divergent\n`);
  },
});
process.stdout.write(`${JSON.stringify(result)}\n`);
