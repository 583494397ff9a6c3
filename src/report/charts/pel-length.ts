import type { ChartDef, ChartSeries } from '../model.js';
import { timeSeriesChart, type TimeSeriesOptions } from './time-series.js';

/** The group's pending-entries list: delivered, not yet acknowledged. */
export const PEL_LENGTH: TimeSeriesOptions = {
  name: 'pel-length',
  title: 'PEL length over time',
  subtitle: 'largest pending-entries list sampled in each hour (samples every 5 virtual minutes), drawn over that hour',
  yTitle: 'pending entries (max per hour)',
  shape: 'per-hour',
  values: (s) => s.series.pelLength,
};

/** The chart of {@link PEL_LENGTH}. */
export function pelLengthChart(series: readonly ChartSeries[]): ChartDef {
  return timeSeriesChart(series, PEL_LENGTH);
}
