import type { ChartDef, ChartSeries } from '../model.js';
import { COMPLETED_CUMULATIVE } from './completed-cumulative.js';
import { CONSUMERS } from './consumers.js';
import { DUPLICATES_CUMULATIVE } from './duplicates-cumulative.js';
import { latencyChart } from './latency.js';
import { PEL_LENGTH } from './pel-length.js';
import { STRANDED } from './stranded.js';
import { swimlaneChart } from './swimlane.js';
import { allZero, timeSeriesChart, type TimeSeriesOptions } from './time-series.js';

/**
 * The time-series charts, in page order. Issues completed per hour is not among them: the
 * cumulative chart shows the same throughput, with the gap between variants growing visibly.
 */
export const TIME_SERIES: readonly TimeSeriesOptions[] = [COMPLETED_CUMULATIVE, DUPLICATES_CUMULATIVE, STRANDED, PEL_LENGTH, CONSUMERS];

/**
 * Most series one overlay chart holds. Beyond it lines are indistinguishable, colours repeat, and
 * Vega's renderer runs out of stack (a thousand variants); the chart is left out with a note.
 */
export const MAX_SERIES_PER_CHART = 50;

/** Most swimlane charts in one report (one per series): the rest are listed as left out. */
export const MAX_SWIMLANES = 20;

/**
 * Every chart of a report, in page order: cumulative completed, duplicates, stranded, PEL,
 * consumers, latency (when events exist), then one swimlane per series with events. A time series
 * that is 0 everywhere for every series is not drawn: a line in `allZero` says so instead. With
 * more series than a chart can hold, the overlay charts are left out and the swimlanes cut, each
 * with a line in `skipped` saying so.
 */
export function buildCharts(series: readonly ChartSeries[], skipped: string[] = [], zero: string[] = []): ChartDef[] {
  if (series.length > MAX_SERIES_PER_CHART) {
    skipped.push(
      `the overlay charts (throughput, completed, duplicates, stranded, PEL, consumers, latency) are left out: ` +
        `${series.length} series are more than one chart can show (at most ${MAX_SERIES_PER_CHART}); results.json holds every number`,
    );
    return swimlanes(series, skipped);
  }
  const charts: ChartDef[] = [];
  for (const options of TIME_SERIES) {
    if (allZero(series, options.values)) zero.push(`${options.title}: 0 in ${series.length === 1 ? 'the run' : `all ${series.length} series`} at every hour (chart not drawn)`);
    else charts.push(timeSeriesChart(series, options));
  }
  const latency = latencyChart(series);
  if (latency) charts.push(latency);
  charts.push(...swimlanes(series, skipped));
  return charts;
}

/** One swimlane per series with events, the first {@link MAX_SWIMLANES} of them. */
function swimlanes(series: readonly ChartSeries[], skipped: string[]): ChartDef[] {
  const charts: ChartDef[] = [];
  const used = new Set<string>();
  const withEvents = series.filter((s) => s.timeline !== null);
  for (const s of withEvents.slice(0, MAX_SWIMLANES)) {
    if (s.timeline) charts.push(swimlaneChart(s, s.timeline, uniqueName(`swimlane-${slug(s.label)}`, used)));
  }
  if (withEvents.length > MAX_SWIMLANES) {
    skipped.push(`swimlanes are drawn for the first ${MAX_SWIMLANES} of ${withEvents.length} series; events.jsonl holds every event`);
  }
  return charts;
}

/** A file-name-safe stem: lower case ASCII letters, digits and dashes, never empty. */
export function slug(text: string): string {
  const s = text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  return s || 'series';
}

function uniqueName(base: string, used: Set<string>): string {
  let name = base;
  for (let n = 2; used.has(name); n++) name = `${base}-${n}`;
  used.add(name);
  return name;
}
