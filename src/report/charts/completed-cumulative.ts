import type { ChartDef, ChartSeries } from '../model.js';
import { timeSeriesChart } from './time-series.js';

/** Running total of merged issues: where the throughput gap accumulates. */
export function completedCumulativeChart(series: readonly ChartSeries[]): ChartDef {
  return timeSeriesChart(series, {
    name: 'completed-cumulative',
    title: 'Issues completed, cumulative',
    subtitle: 'unique issues merged since the start',
    yTitle: 'issues merged (cumulative)',
    shape: 'cumulative',
    values: (s) => s.series.completed,
  });
}
