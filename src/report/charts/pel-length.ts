import type { ChartDef, ChartSeries } from '../model.js';
import { timeSeriesChart } from './time-series.js';

/** The group's pending-entries list: delivered, not yet acknowledged. */
export function pelLengthChart(series: readonly ChartSeries[]): ChartDef {
  return timeSeriesChart(series, {
    name: 'pel-length',
    title: 'PEL length over time',
    subtitle: 'largest pending-entries list sampled in each hour (samples every 5 virtual minutes)',
    yTitle: 'pending entries (max per hour)',
    shape: 'state',
    values: (s) => s.series.pelLength,
  });
}
