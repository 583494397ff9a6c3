/** What {@link simulate} returns: one entry per (variant, seed), each with its metrics and causes. */
import type { DuplicateReport, Metrics, VariantResult } from '../metrics/types.js';

/** An unfinished issue (stranded or lost) with the chain of events that left it so. */
export interface IssueReport {
  readonly issue: number;
  /** One line a person can read, e.g. `issue #205: delivered to … ; pod … was replaced at 03:10; …`. */
  readonly chain: string;
}

/** One variant simulated with one seed. */
export interface SimulatedRun {
  readonly scenario: string;
  /** The scenario file, or `<inline>` for an object. */
  readonly source: string;
  readonly variant: string;
  readonly seed: number;
  readonly metrics: Metrics;
  /** Every duplicate PR with its cause chain, in order of opening. */
  readonly duplicates: readonly DuplicateReport[];
  /** Stranded issues (pending only under names no pod uses), each with its cause chain. */
  readonly stranded: readonly IssueReport[];
  /** Lost issues (pending nowhere, never merged), each with its cause chain. */
  readonly lost: readonly IssueReport[];
  /** Everything results.json holds for this run (series, reconciliation). */
  readonly result: VariantResult;
}

/** The results of {@link simulate}: never an exception for a violated invariant, just numbers and causes. */
export interface SimulationResult {
  readonly scenario: string;
  readonly description: string;
  /** The scenario file, or `<inline>` for an object. */
  readonly source: string;
  /** How many seeds each variant ran with (its own seed, then seed + 1, …). */
  readonly seedCount: number;
  /** Variant by variant, and within a variant seed by seed. */
  readonly runs: readonly SimulatedRun[];
}
