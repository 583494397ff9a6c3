import { PelsimError } from '../errors.js';
import { evaluateExpectations, formatCheckReport, parseExpectation, type CheckReport } from '../check/index.js';
import { simulate, type ScenarioSource, type SimulateOptions } from './simulate.js';
import type { SimulationResult } from './types.js';

/** What {@link assertScenario} expects when told nothing: no duplicate PRs, nothing stranded, nothing lost. */
export const DEFAULT_EXPECTATIONS: readonly string[] = ['duplicatePRs == 0', 'strandedIssues == 0', 'lostIssues == 0'];

/** Options of {@link assertScenario}: those of `simulate`, plus the expectations. */
export interface AssertOptions extends SimulateOptions {
  /**
   * Expectations every run (each variant, each seed) must satisfy, as `<metric> <op> <number>`,
   * e.g. `duplicatePRs == 0`, `issuesPerHour >= 1.5`. Default {@link DEFAULT_EXPECTATIONS}.
   */
  readonly expect?: readonly string[];
  /**
   * Let a run whose consumer crashed on every start, or never completed an issue while work
   * waited, pass. Default false: such a run throws, whatever the expectations say.
   */
  readonly allowCrashes?: boolean;
}

/**
 * A violation: a scenario broke an expectation. The message is the full report, with cause chains
 * and replay commands.
 */
export class ScenarioAssertionError extends PelsimError {
  override readonly name = 'ScenarioAssertionError';
  constructor(
    /** Every expectation's outcome. */
    readonly report: CheckReport,
    /** The simulation the report was made from. */
    readonly result: SimulationResult,
  ) {
    super('violation', formatCheckReport(report));
  }
}

/**
 * Simulates `scenario` and throws a {@link ScenarioAssertionError} unless every run satisfies every
 * expectation and every run's consumer worked (see `allowCrashes`); returns the results otherwise.
 * Expectations are parsed before anything runs: an invalid one throws an `ExpectationError` naming
 * it and what was expected.
 *
 * @example
 * ```ts
 * await assertScenario('scenarios/scale-to-3.yaml', { seeds: 10, expect: ['duplicatePRs == 0', 'issuesPerHour >= 2'] });
 * ```
 */
export async function assertScenario(scenario: ScenarioSource, options: AssertOptions = {}): Promise<SimulationResult> {
  const expectations = (options.expect ?? DEFAULT_EXPECTATIONS).map(parseExpectation);
  const result = await simulate(scenario, options);
  const report = evaluateExpectations(result, expectations, { allowCrashes: options.allowCrashes ?? false });
  if (!report.passed) throw new ScenarioAssertionError(report, result);
  return result;
}
