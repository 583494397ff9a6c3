/**
 * The matchers behind `pelsim/vitest`, as plain functions of a simulation result, so they can be
 * tested (and used with another runner) without `expect.extend`.
 */
import { present } from '../errors.js';
import { displaySource, evaluateExpectations, formatConsumerFailures, formatOutcome, parseExpectation } from '../check/index.js';
import type { SimulatedRun, SimulationResult } from '../run/types.js';

/** What a matcher accepts: everything `simulate` returned, or one of its runs. */
export type SimulationSubject = SimulationResult | SimulatedRun;

/** Options every matcher takes as its last argument. */
export interface MatcherOptions {
  /**
   * Let runs whose consumer crashed on every start, or never completed an issue while work waited,
   * pass. Default false: such a run fails every matcher, since it satisfies them by doing nothing.
   */
  readonly allowCrashes?: boolean;
}

/** A matcher's verdict, in the shape `expect.extend` wants. */
export interface MatcherVerdict {
  readonly pass: boolean;
  readonly message: () => string;
}

/** Every run has no duplicate PRs (`duplicatePRs == 0`). */
export function noDuplicatePRs(received: unknown, options?: unknown): MatcherVerdict {
  return verdict(received, 'duplicatePRs == 0', 'no duplicate PRs', matcherOptions(options));
}

/** No run leaves an issue stranded (`strandedIssues == 0`). */
export function noStrandedIssues(received: unknown, options?: unknown): MatcherVerdict {
  return verdict(received, 'strandedIssues == 0', 'no stranded issues', matcherOptions(options));
}

/** No run loses an issue (`lostIssues == 0`). */
export function noLostIssues(received: unknown, options?: unknown): MatcherVerdict {
  return verdict(received, 'lostIssues == 0', 'no lost issues', matcherOptions(options));
}

/** Every run merges at least `perHour` issues per hour (`issuesPerHour >= perHour`). */
export function sustainsIssuesPerHour(received: unknown, perHour: unknown, options?: unknown): MatcherVerdict {
  if (typeof perHour !== 'number' || !Number.isFinite(perHour)) {
    throw new TypeError(`toSustainIssuesPerHour expects a finite number of issues per hour, found ${String(perHour)}`);
  }
  return verdict(received, `issuesPerHour >= ${perHour}`, `at least ${perHour} issues per hour`, matcherOptions(options));
}

/** The matchers' options, checked: a typo must not silently allow nothing (or everything). */
function matcherOptions(options: unknown): MatcherOptions {
  if (options === undefined) return {};
  if (typeof options === 'object' && options !== null) {
    const extra = Object.keys(options).filter((k) => k !== 'allowCrashes');
    const allow = (options as { allowCrashes?: unknown }).allowCrashes;
    if (extra.length === 0 && (allow === undefined || typeof allow === 'boolean')) return allow === undefined ? {} : { allowCrashes: allow };
  }
  throw new TypeError(`pelsim matchers take options { allowCrashes?: boolean }, found ${JSON.stringify(options)}`);
}

function verdict(received: unknown, expression: string, wanted: string, options: MatcherOptions): MatcherVerdict {
  const result = asResult(received);
  const report = evaluateExpectations(result, [parseExpectation(expression)], options);
  const outcome = present(report.outcomes[0], 'one expectation in, one outcome out');
  const where = `scenario ${JSON.stringify(result.scenario)} (${displaySource(result.source)})`;
  const held = outcome.failures.length === 0;
  const consumerLines = report.crashesAllowed ? [] : formatConsumerFailures(report.consumerFailures, report.runs, result.source, false);
  return {
    pass: report.passed,
    message: () =>
      report.passed
        ? `expected ${expression} to fail in some run of ${where}, but it held in all ${outcome.runs} runs`
        : [`expected ${wanted} in ${where}:`, ...consumerLines, ...(held ? [] : formatOutcome(outcome, result.source))].join('\n'),
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
