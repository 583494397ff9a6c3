import type { ChartDef, ChartSeries } from '../model.js';
import { timeSeriesChart, type TimeSeriesOptions } from './time-series.js';

/** Running total of duplicate PRs (PRs beyond the first for an issue). */
export const DUPLICATES_CUMULATIVE: TimeSeriesOptions = {
  name: 'duplicate-prs-cumulative',
  title: 'Duplicate PRs, cumulative',
  subtitle: 'PRs opened for an issue that already had one',
  yTitle: 'duplicate PRs (cumulative)',
  shape: 'cumulative',
  values: (s) => s.series.duplicatePRs,
};

/** The chart of {@link DUPLICATES_CUMULATIVE}. */
export function duplicatesCumulativeChart(series: readonly ChartSeries[]): ChartDef {
  return timeSeriesChart(series, DUPLICATES_CUMULATIVE);
}
