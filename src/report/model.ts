import type { LoadedMetrics, LoadedVariant } from './load-results.js';
import type { VariantTimeline } from './timeline.js';

/** The hourly series the charts draw; index i covers [i h, (i+1) h). */
export type HourlySeries = LoadedVariant['series'];

/**
 * One line in every chart: a variant of a run, or in a comparison a variant of one input (or the
 * mean over the seeds of a group of inputs).
 */
export interface ChartSeries {
  /** Legend label, unique within the report. */
  readonly label: string;
  /** Fixed by the variant's name (see `variantColours`): the same colour in every chart and table. */
  readonly colour: string;
  /** Line dash pattern, by position in a run, by input group in a comparison (see `seriesDash`). */
  readonly dash: readonly number[];
  readonly durationHours: number;
  /** Whose semantics the run followed (`7.0`, `7.2`, …); null when results.json does not say. */
  readonly redisVersion: string | null;
  readonly series: HourlySeries;
  readonly metrics: LoadedMetrics;
  /**
   * A group's mean of a latency percentile that some of its seeds never reached, by metric key: a
   * lower bound (those seeds counted at their horizon), shown `>N`; the metric itself is then null.
   */
  readonly atLeast?: ReadonlyMap<string, number>;
  /** Latency observations and the swimlane; absent when the run has no events.jsonl. */
  readonly timeline: VariantTimeline | null;
  /** Shown under the swimlane title, e.g. which seed of a group it shows. */
  readonly note: string;
}

/** What a report (single run or comparison) shows. */
export interface ReportModel {
  /** Page heading: the scenario name, or a comparison's inputs. */
  readonly title: string;
  readonly description: string;
  readonly series: readonly ChartSeries[];
  /** Duplicate PR cause chains per series label (first few of each). */
  readonly duplicates: readonly { readonly label: string; readonly chains: readonly string[]; readonly total: number }[];
  /** Per series label: why its consumer did not work (null when it did) and its crashes by reason (see `describeCrashReason`). */
  readonly crashes: readonly CrashBlock[];
}

/** What a report says about one series' consumer crashes. */
export interface CrashBlock {
  readonly label: string;
  /** The run failed: the consumer crashed on every start or never completed an issue. */
  readonly failure: string | null;
  /** One line per reason consumer code crashed for, most frequent first. */
  readonly reasons: readonly string[];
}

/** A chart before rendering: its file stem, its title, and its Vega-Lite spec with data inlined. */
export interface ChartDef {
  /** File stem under charts/: `[a-z0-9-]+`. */
  readonly name: string;
  readonly title: string;
  readonly spec: VegaLiteSpec;
}

/** A chart after rendering. */
export interface RenderedChart extends ChartDef {
  readonly svg: string;
  readonly png: Buffer;
}

/**
 * A Vega-Lite spec as pelsim writes it: plain JSON. Typed loosely on purpose; the builders are
 * checked by compiling every spec in the tests rather than through Vega-Lite's deep union types.
 */
export type VegaLiteSpec = { readonly [key: string]: JsonValue };

/** Any JSON value. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };
