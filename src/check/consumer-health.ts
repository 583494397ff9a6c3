/**
 * The check every run gets before any expectation: did the consumer work? A run whose consumer
 * crashed on every start, or never completed an issue while work waited, satisfies
 * `duplicatePRs == 0` trivially; `pelsim check`, `assertScenario` and the vitest matchers fail it
 * unless crashes are allowed (`--allow-crashes`, `allowCrashes: true`).
 */
import type { ConsumerFailure } from '../metrics/types.js';
import type { SimulatedRun } from '../run/types.js';

/** One run whose consumer did not work. */
export interface FailedConsumerRun {
  readonly variant: string;
  readonly seed: number;
  readonly failure: ConsumerFailure;
}

/** How the CLI and the library let a run whose consumer failed pass. */
export const ALLOW_CRASHES_HINT = 'pass --allow-crashes (allowCrashes: true in code) if that is what the scenario tests';

/** The runs whose consumer did not work, in run order. */
export function failedConsumerRuns(runs: readonly SimulatedRun[]): FailedConsumerRun[] {
  const failed: FailedConsumerRun[] = [];
  for (const run of runs) {
    const failure = run.result.consumerFailure;
    if (failure !== null) failed.push({ variant: run.variant, seed: run.seed, failure });
  }
  return failed;
}
