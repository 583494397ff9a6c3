/**
 * The matchers behind `pelsim/vitest`, as plain functions of a simulation result, so they can be
 * tested (and used with another runner) without `expect.extend`.
 */
import { present } from '../errors.js';
import { displaySource, evaluateExpectations, formatOutcome, parseExpectation } from '../check/index.js';
import type { SimulatedRun, SimulationResult } from '../run/types.js';

/** What a matcher accepts: everything `simulate` returned, or one of its runs. */
export type SimulationSubject = SimulationResult | SimulatedRun;

/** A matcher's verdict, in the shape `expect.extend` wants. */
export interface MatcherVerdict {
  readonly pass: boolean;
  readonly message: () => string;
}

/** Every run has no duplicate PRs (`duplicatePRs == 0`). */
export function noDuplicatePRs(received: unknown): MatcherVerdict {
  return verdict(received, 'duplicatePRs == 0', 'no duplicate PRs');
}

/** No run leaves an issue stranded (`strandedIssues == 0`). */
export function noStrandedIssues(received: unknown): MatcherVerdict {
  return verdict(received, 'strandedIssues == 0', 'no stranded issues');
}

/** No run loses an issue (`lostIssues == 0`). */
export function noLostIssues(received: unknown): MatcherVerdict {
  return verdict(received, 'lostIssues == 0', 'no lost issues');
}

/** Every run merges at least `perHour` issues per hour (`issuesPerHour >= perHour`). */
export function sustainsIssuesPerHour(received: unknown, perHour: unknown): MatcherVerdict {
  if (typeof perHour !== 'number' || !Number.isFinite(perHour)) {
    throw new TypeError(`toSustainIssuesPerHour expects a finite number of issues per hour, found ${String(perHour)}`);
  }
  return verdict(received, `issuesPerHour >= ${perHour}`, `at least ${perHour} issues per hour`);
}

function verdict(received: unknown, expression: string, wanted: string): MatcherVerdict {
  const result = asResult(received);
  const outcome = present(evaluateExpectations(result, [parseExpectation(expression)]).outcomes[0], 'one expectation in, one outcome out');
  const where = `scenario ${JSON.stringify(result.scenario)} (${displaySource(result.source)})`;
  const pass = outcome.failures.length === 0;
  return {
    pass,
    message: () =>
      pass
        ? `expected ${expression} to fail in some run of ${where}, but it held in all ${outcome.runs} runs`
        : [`expected ${wanted} in ${where}:`, ...formatOutcome(outcome, result.source)].join('\n'),
  };
}

function asResult(received: unknown): SimulationResult {
  if (received instanceof Promise) {
    throw new TypeError('received a Promise: `await simulate(…)` first, or use `await expect(simulate(…)).resolves.…`');
  }
  if (isResult(received)) return received;
  if (isRun(received)) {
    const { scenario, source } = received;
    return { scenario, source, description: '', seedCount: 1, runs: [received] };
  }
  throw new TypeError('expected what simulate() returns (or one of its runs)');
}

function isResult(value: unknown): value is SimulationResult {
  return typeof value === 'object' && value !== null && Array.isArray((value as SimulationResult).runs);
}

function isRun(value: unknown): value is SimulatedRun {
  return typeof value === 'object' && value !== null && typeof (value as SimulatedRun).metrics === 'object' && 'variant' in value;
}
