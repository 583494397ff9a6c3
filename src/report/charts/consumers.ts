import type { ChartDef, ChartSeries } from '../model.js';
import { timeSeriesChart, type TimeSeriesOptions } from './time-series.js';

/** Consumers listed by XINFO CONSUMERS: names of replaced pods pile up (the consumer leak). */
export const CONSUMERS: TimeSeriesOptions = {
  name: 'consumers',
  title: 'Consumers in the group over time (the leak)',
  subtitle: 'XINFO CONSUMERS count at the end of each hour; names of replaced pods stay until deleted',
  yTitle: 'consumers in group (count)',
  shape: 'state',
  values: (s) => s.series.consumers,
};

/** The chart of {@link CONSUMERS}. */
export function consumersChart(series: readonly ChartSeries[]): ChartDef {
  return timeSeriesChart(series, CONSUMERS);
}
