import type { ChartDef, ChartSeries } from '../model.js';
import { timeSeriesChart, type TimeSeriesOptions } from './time-series.js';

/** Running total of merged issues: where the throughput gap accumulates. */
export const COMPLETED_CUMULATIVE: TimeSeriesOptions = {
  name: 'completed-cumulative',
  title: 'Issues completed, cumulative',
  subtitle: 'unique issues merged since the start',
  yTitle: 'issues merged (cumulative)',
  shape: 'cumulative',
  values: (s) => s.series.completed,
};

/** The chart of {@link COMPLETED_CUMULATIVE}. */
export function completedCumulativeChart(series: readonly ChartSeries[]): ChartDef {
  return timeSeriesChart(series, COMPLETED_CUMULATIVE);
}
