/**
 * The bounded share of the random differential suite that runs with the tests: one vitest file per
 * seed, so the files of all servers run in parallel. `npm run fuzz` runs the same generator at
 * full size.
 */
import { expect, it } from 'vitest';
import { serverUnderTest } from '../support/differential.js';
import { runCampaign } from './campaign.js';

/** Sequences per file and server. */
const SEQUENCES = Number(process.env.PELSIM_FUZZ_SEQUENCES ?? 100);

/** Registers one test: `SEQUENCES` sequences from `seed` against this project's server, none diverging. */
export function randomSuite(seed: number): void {
  const server = serverUnderTest();
  it(`${SEQUENCES} random sequences from seed ${seed} agree with ${server.reported}`, async () => {
    const result = await runCampaign({ binary: server.path, version: server.version, seed, sequences: SEQUENCES });
    expect(result.divergent, `minimal transcripts:\n\n${result.transcripts.join('\n\n')}`).toBe(0);
  }, 120_000);
}
