/** The document `pelsim check --json` prints. */
import { reproduction, type CheckReport } from '../../check/index.js';
import type { Operator } from '../../check/index.js';

/** `pelsim check --json`. Keys appear in the order listed here. The exit code is still 0 or 1. */
export interface CheckJson {
  readonly command: 'check';
  readonly scenario: string;
  /** The scenario file, as resolved, or `<inline>`. */
  readonly source: string;
  readonly seedCount: number;
  readonly variants: readonly string[];
  /** Every run met every expectation. */
  readonly passed: boolean;
  readonly expectations: readonly CheckJsonExpectation[];
}

/** One `--expect` and how it fared. */
export interface CheckJsonExpectation {
  /** As written, e.g. `duplicatePRs == 0`. */
  readonly text: string;
  readonly metric: string;
  readonly op: Operator;
  readonly value: number;
  /** Runs (variant × seed) evaluated. */
  readonly runs: number;
  readonly held: boolean;
  /** Runs that broke it, variant by variant, seed by seed. */
  readonly failures: readonly CheckJsonFailure[];
}

/** One run that broke an expectation. */
export interface CheckJsonFailure {
  readonly variant: string;
  readonly seed: number;
  /** Null when undefined (a latency with nothing merged). */
  readonly actual: number | null;
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
