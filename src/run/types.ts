/** What the run pipeline returns: per (variant, seed) metrics and cause chains, or a scenario's output files. */
import type { DuplicateReport, IssueReport, Metrics, ScenarioResults, TaggedEvent, VariantResult } from '../metrics/types.js';

export type { IssueReport, ScenarioResults, TaggedEvent } from '../metrics/types.js';

/** Everything a scenario run produced: results.json and events.jsonl, before they are written. */
export interface ScenarioRun {
  readonly results: ScenarioResults;
  readonly events: readonly TaggedEvent[];
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

/** The results of `simulate`: never an exception for a violated invariant, just numbers and causes. */
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
