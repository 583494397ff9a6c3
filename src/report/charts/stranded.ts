import type { ChartDef, ChartSeries } from '../model.js';
import { timeSeriesChart, type TimeSeriesOptions } from './time-series.js';

/** Pending entries owned by consumer names no running pod uses: work nobody will redeliver. */
export const STRANDED: TimeSeriesOptions = {
  name: 'stranded',
  title: 'Stranded entries over time',
  subtitle: 'pending entries owned by consumer names no existing pod uses, at the end of each hour',
  yTitle: 'stranded pending entries (count)',
  shape: 'state',
  values: (s) => s.series.stranded,
};

/** The chart of {@link STRANDED}. */
export function strandedChart(series: readonly ChartSeries[]): ChartDef {
  return timeSeriesChart(series, STRANDED);
}
