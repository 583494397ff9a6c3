import { causeChain, metricValue, parseExpectation } from '../check/index.js';
import { present } from '../errors.js';
import { simulate } from '../run/simulate.js';
import type { HuntFound } from './hunt.js';

/** What replaying a hunt's file gave, next to what the hunt saw. */
export interface ReplayCheck {
  /** Same metric value and same cause chain as the hunt's minimal plan. */
  readonly matches: boolean;
  readonly actual: number | null;
  readonly chain?: string;
}

/** Simulates the written file and compares the violation with the hunt's: the file must reproduce it exactly. */
export async function replayHuntFile(file: string, found: HuntFound): Promise<ReplayCheck> {
  const metric = parseExpectation(found.expectation).metric;
  const run = present((await simulate(file)).runs[0], `the hunt's file ${file} gave no run`);
  const actual = metricValue(run.metrics, metric);
  const chain = causeChain(run, metric);
  const sameMetrics = JSON.stringify(run.metrics) === JSON.stringify(found.run.metrics);
  return { matches: sameMetrics && actual === found.actual && chain === found.chain, actual, ...(chain === undefined ? {} : { chain }) };
}
