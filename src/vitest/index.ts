/**
 * `pelsim/vitest`: importing it registers matchers for what `simulate` returns.
 *
 * ```ts
 * import { simulate } from 'pelsim';
 * import 'pelsim/vitest';
 *
 * const result = await simulate('scenarios/scale-to-3.yaml', { seeds: 5 });
 * expect(result).toHaveNoDuplicatePRs();
 * expect(result).toSustainIssuesPerHour(2);
 * ```
 *
 * A failure names the scenario, the variants and seeds that failed, the cause chain of the first
 * violation, and the command that replays it.
 */
import { expect } from 'vitest';
import { noDuplicatePRs, noLostIssues, noStrandedIssues, sustainsIssuesPerHour, type MatcherOptions } from './matchers.js';

export {
  noDuplicatePRs, noLostIssues, noStrandedIssues, sustainsIssuesPerHour, type MatcherOptions, type MatcherVerdict, type SimulationSubject,
} from './matchers.js';

/**
 * pelsim's matchers; registered by importing this module. Receive `await simulate(…)` or one of its
 * runs. Each also fails a run whose consumer crashed on every start or never completed an issue
 * while work waited (it would pass by doing nothing), unless given `{ allowCrashes: true }`.
 */
export interface PelsimMatchers<R = unknown> {
  /** Every run (each variant, each seed) opened no duplicate PR. */
  toHaveNoDuplicatePRs(options?: MatcherOptions): R;
  /** No run ended with an issue pending only under consumer names no pod uses. */
  toHaveNoStrandedIssues(options?: MatcherOptions): R;
  /** No run ended with an issue that is neither merged nor pending anywhere. */
  toHaveNoLostIssues(options?: MatcherOptions): R;
  /** Every run merged at least `perHour` issues per hour. */
  toSustainIssuesPerHour(perHour: number, options?: MatcherOptions): R;
}

/** The matcher functions as `expect.extend` takes them (already registered on import). */
export const pelsimMatchers = {
  toHaveNoDuplicatePRs: (received: unknown, options?: unknown) => noDuplicatePRs(received, options),
  toHaveNoStrandedIssues: (received: unknown, options?: unknown) => noStrandedIssues(received, options),
  toHaveNoLostIssues: (received: unknown, options?: unknown) => noLostIssues(received, options),
  toSustainIssuesPerHour: (received: unknown, perHour: unknown, options?: unknown) => sustainsIssuesPerHour(received, perHour, options),
};

expect.extend(pelsimMatchers);

declare module 'vitest' {
  // The type parameter must repeat vitest's own declaration (`T = any`) for the interfaces to merge.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any, @typescript-eslint/no-unused-vars
  interface Assertion<T = any> extends PelsimMatchers<void> {}
  interface AsymmetricMatchersContaining extends PelsimMatchers {}
}
