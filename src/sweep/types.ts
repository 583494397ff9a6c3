/**
 * The data of a sweep: the grid, the cells it spans, the runs, and the report written to
 * `sweep.json`. Everything here is plain JSON so that shards written on different machines merge
 * into exactly what one machine writes.
 */
import type { PathSegment } from '../scenario/errors.js';
import type { Metrics } from '../metrics/types.js';

/** A value a grid axis takes: what the scenario file would hold at that path. */
export type GridValue = number | string | boolean;

/** One axis of the grid: a scenario path and the values it takes, in order. */
export interface GridAxis {
  /** Dotted path into the scenario, e.g. `deployment.replicas` or `faults.scale[0].replicas`. */
  readonly path: string;
  readonly segments: readonly PathSegment[];
  readonly values: readonly GridValue[];
}

/** One point of the grid: a value for every axis (axis order). */
export interface CellValues {
  readonly index: number;
  /** `path → value`, in axis order. */
  readonly values: Readonly<Record<string, GridValue>>;
}

/** What one task asks for: run `seed` of `variant` in grid cell `cell`. */
export interface TaskKey {
  readonly cell: number;
  /** Index of the variant in {@link SweepHeader.variants}. */
  readonly variant: number;
  /** Run number r: the seed is `baseSeed + r`. */
  readonly run: number;
}

/** One finished run, as a line of the checkpoint and of `runs.jsonl`. */
export interface RunRecord {
  readonly cell: number;
  readonly variant: string;
  readonly seed: number;
  readonly metrics: Metrics;
}

/** Summary statistics of one metric over the runs of a cell and variant. */
export interface MetricStats {
  /** Runs that had a value (latencies are null in a run that merged nothing). */
  readonly n: number;
  readonly mean: number | null;
  readonly median: number | null;
  readonly p95: number | null;
  /** 95% confidence interval of the mean (Student t); null below two values. */
  readonly ci95: readonly [number, number] | null;
}

/** A probability estimated from runs, with its 95% Wilson score interval. */
export interface Probability {
  /** Runs in which it happened. */
  readonly count: number;
  readonly runs: number;
  readonly p: number | null;
  readonly ci95: readonly [number, number] | null;
}

/** The statistics of one variant in one cell. */
export interface VariantSummary {
  readonly variant: string;
  /** The row's label: {@link variant}, plus every grid value that differs from the variant's own setting. */
  readonly label: string;
  readonly runs: number;
  /** P(at least one duplicate PR in a run). */
  readonly pDuplicatePR: Probability;
  /** P(at least one stranded issue at the end of a run). */
  readonly pStrandedIssue: Probability;
  /** Every metric of {@link Metrics}; `duplicatesByMechanism.x` flattened to dotted names. */
  readonly metrics: Readonly<Record<string, MetricStats>>;
}

/** One cell of the report. */
export interface CellSummary {
  readonly cell: number;
  readonly values: Readonly<Record<string, GridValue>>;
  readonly variants: readonly VariantSummary[];
}

/** Which slice of the tasks a shard runs: task t belongs to shard `t mod count`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** Everything about a sweep but its results: enough to merge shards without the scenario file. */
export interface SweepHeader {
  readonly format: 'pelsim-sweep/1';
  readonly scenario: string;
  readonly description: string;
  /** Hash of the scenario input, grid, seeds and variants: shards and checkpoints must match it. */
  readonly fingerprint: string;
  readonly baseSeed: number;
  readonly seeds: number;
  readonly seedRule: string;
  readonly grid: readonly { readonly path: string; readonly values: readonly GridValue[] }[];
  readonly variants: readonly string[];
  readonly cells: readonly CellValues[];
  /** Grid paths that a variant sets itself: the grid replaces its value there, or cannot reach it. */
  readonly warnings: readonly string[];
  /**
   * How each row is named, by cell then variant index: the variant's name, plus what the grid
   * changed in it or could not apply (see `rowLabel` in grid-apply.ts).
   */
  readonly rowLabels: readonly (readonly string[])[];
}

/** The content of `sweep.json`. No timestamps: equal inputs give byte-identical files. */
export interface SweepReport extends SweepHeader {
  /** Present only in a shard's own output; a merged or unsharded sweep has none. */
  readonly shard?: Shard;
  /** Runs summarised (cells × variants × seeds, or a shard's slice of them). */
  readonly runs: number;
  readonly results: readonly CellSummary[];
}
