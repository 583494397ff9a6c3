import type { ChartDef, ChartSeries } from '../model.js';
import { timeSeriesChart } from './time-series.js';

/** Running total of duplicate PRs (PRs beyond the first for an issue). */
export function duplicatesCumulativeChart(series: readonly ChartSeries[]): ChartDef {
  return timeSeriesChart(series, {
    name: 'duplicate-prs-cumulative',
    title: 'Duplicate PRs, cumulative',
    subtitle: 'PRs opened for an issue that already had one',
    yTitle: 'duplicate PRs (cumulative)',
    shape: 'cumulative',
    values: (s) => s.series.duplicatePRs,
  });
}
