/** The document `pelsim check --json` prints. */
import { reproduction, type CheckReport, type Expectation, type ExpectationOutcome, type RunFailure } from '../../check/index.js';

/**
 * `pelsim check --json`; the exit code is still 0 or 1. Keys in this order: command, scenario,
 * source (the scenario file as resolved, or `<inline>`), seedCount, variants, passed (every run met
 * every expectation), expectations.
 */
export interface CheckJson extends Pick<CheckReport, 'scenario' | 'source' | 'seedCount' | 'variants' | 'passed'> {
  readonly command: 'check';
  readonly expectations: readonly CheckJsonExpectation[];
}

/**
 * One `--expect` as written and parsed (text, metric, op, value), the runs (variant × seed)
 * evaluated, whether it held, and the runs that broke it, variant by variant, seed by seed.
 */
export interface CheckJsonExpectation extends Expectation, Pick<ExpectationOutcome, 'runs'> {
  readonly held: boolean;
  readonly failures: readonly CheckJsonFailure[];
}

/** One run that broke an expectation: variant, seed, actual value (null when undefined), chain, reproduce. */
export interface CheckJsonFailure extends Omit<RunFailure, 'chain' | 'beyondMinutes'> {
  /** The first cause chain of the run for this metric, null when the metric has none. */
  readonly chain: string | null;
  /** The command (or `simulate` call) that replays the run. */
  readonly reproduce: string;
}

/** The check's document, keys in the documented order. */
export function checkJson(report: CheckReport): CheckJson {
  return {
    command: 'check',
    scenario: report.scenario,
    source: report.source,
    seedCount: report.seedCount,
    variants: report.variants,
    passed: report.passed,
    expectations: report.outcomes.map((o) => ({
      text: o.expectation.text,
      metric: o.expectation.metric,
      op: o.expectation.op,
      value: o.expectation.value,
      runs: o.runs,
      held: o.failures.length === 0,
      failures: o.failures.map((f) => ({
        variant: f.variant,
        seed: f.seed,
        actual: f.actual,
        chain: f.chain ?? null,
        reproduce: reproduction(report.source, f.variant, f.seed),
      })),
    })),
  };
}
