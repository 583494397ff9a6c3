import { resolve } from 'node:path';
import type { OutLabel } from '../output/index.js';
import { buildAndWrite, type ReportSummary } from './build-report.js';
import { ReportInputError } from './errors.js';
import { consumerCrashReasons, describeCrashReason } from '../metrics/crashes.js';
import { loadResults, locateRun, type LoadedResults, type LoadedVariant } from './load-results.js';
import type { ChartSeries, CrashBlock, ReportModel } from './model.js';
import { seriesColour, seriesDash, variantColours } from './palette.js';
import { readTimelines } from './read-events.js';
import type { VariantTimeline } from './timeline.js';

/** Duplicate cause chains listed per variant in the report; the rest are in results.json. */
export const CHAINS_SHOWN = 10;

/**
 * Rebuilds the report of one run from `dir/results.json` and `dir/events.jsonl` (never from the
 * simulation): report.html, summary.md and charts/<name>.{vl.json,svg,png}. Deterministic: the
 * same inputs give byte-identical files. Throws an error named `UsageError` for a missing folder
 * or an unreadable or invalid input.
 */
export async function writeReport(dir: string, label: OutLabel = { flag: '', given: dir }): Promise<ReportSummary> {
  const files = await locateRun(dir);
  if (files.resultsPath !== resolve(dir, 'results.json')) throw new ReportInputError(`${dir}: expected a folder holding results.json`);
  const results = await loadResults(files.resultsPath);
  if (!files.eventsPath) throw new ReportInputError(`${dir}: no events.jsonl beside results.json (the latency and swimlane charts need it)`);
  const timelines = await readTimelines(files.eventsPath, durations(results));
  return buildAndWrite(resolve(dir), runModel(results, timelines), { label, group: 'report' });
}

/** Variant name → simulated ms, which bounds each timeline. */
export function durations(results: LoadedResults): Map<string, number> {
  return new Map(results.variants.map((v) => [v.name, v.durationHours * 3_600_000]));
}

/** One series per variant, coloured by its name's position, dashed by its position. */
export function runModel(results: LoadedResults, timelines: ReadonlyMap<string, VariantTimeline>): ReportModel {
  const colours = variantColours(results.variants.map((v) => v.name));
  const series: ChartSeries[] = results.variants.map((v, i) => ({
    label: v.name,
    colour: colours.get(v.name) ?? seriesColour(i),
    dash: seriesDash(i),
    durationHours: v.durationHours,
    redisVersion: v.redisVersion ?? null,
    series: v.series,
    metrics: v.metrics,
    timeline: timelines.get(v.name) ?? null,
    note: '',
  }));
  return {
    title: results.scenario,
    description: `${results.description}${results.description ? ' ' : ''}(seed ${results.seed})`,
    series,
    duplicates: results.variants.map((v) => ({ label: v.name, chains: v.duplicates.slice(0, CHAINS_SHOWN).map((d) => d.chain), total: v.duplicates.length })),
    crashes: results.variants.map((v) => crashBlock(v.name, v)),
  };
}

/** A variant's consumer failure and crash reasons, as the report words them. */
export function crashBlock(label: string, variant: LoadedVariant): CrashBlock {
  return {
    label,
    failure: variant.consumerFailure?.summary ?? null,
    reasons: consumerCrashReasons(variant.crashes).slice(0, CHAINS_SHOWN).map(describeCrashReason),
  };
}
