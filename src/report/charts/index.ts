import type { ChartDef, ChartSeries } from '../model.js';
import { completedCumulativeChart } from './completed-cumulative.js';
import { completedPerHourChart } from './completed-per-hour.js';
import { consumersChart } from './consumers.js';
import { duplicatesCumulativeChart } from './duplicates-cumulative.js';
import { latencyChart } from './latency.js';
import { pelLengthChart } from './pel-length.js';
import { strandedChart } from './stranded.js';
import { swimlaneChart } from './swimlane.js';

/**
 * Every chart of a report, in page order: throughput, cumulative completed, duplicates, stranded,
 * PEL, consumers, latency (when events exist), then one swimlane per series with events.
 */
export function buildCharts(series: readonly ChartSeries[]): ChartDef[] {
  const charts: ChartDef[] = [
    completedPerHourChart(series),
    completedCumulativeChart(series),
    duplicatesCumulativeChart(series),
    strandedChart(series),
    pelLengthChart(series),
    consumersChart(series),
  ];
  const latency = latencyChart(series);
  if (latency) charts.push(latency);
  const used = new Set<string>();
  for (const s of series) {
    if (!s.timeline) continue;
    charts.push(swimlaneChart(s, s.timeline, uniqueName(`swimlane-${slug(s.label)}`, used)));
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
