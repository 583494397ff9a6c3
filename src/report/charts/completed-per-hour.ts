import type { ChartDef, ChartSeries } from '../model.js';
import { longestHours } from './common.js';
import { timeSeriesChart } from './time-series.js';

/** Beyond three days hourly counts of several variants overlap into noise; days are averaged. */
const HOURLY_UP_TO_HOURS = 72;

/** The throughput comparison: issues merged per hour, per variant. */
export function completedPerHourChart(series: readonly ChartSeries[]): ChartDef {
  const daily = longestHours(series) > HOURLY_UP_TO_HOURS;
  return timeSeriesChart(series, {
    name: 'completed-per-hour',
    title: 'Issues completed per hour',
    subtitle: daily
      ? 'daily mean of hourly counts (aggregated: run longer than 3 days); an issue counts once, at its first merge'
      : 'issues merged in each hour; an issue counts once, at its first merge',
    yTitle: 'issues / hour',
    shape: 'per-hour',
    values: (s) => (daily ? dailyMean(s.series.completed) : s.series.completed),
  });
}

/** Each hour replaced by the mean of its day, so the step line draws one level per day. */
export function dailyMean(hourly: readonly number[]): number[] {
  const out: number[] = [];
  for (let day = 0; day * 24 < hourly.length; day++) {
    const slice = hourly.slice(day * 24, day * 24 + 24);
    const mean = slice.reduce((a, b) => a + b, 0) / slice.length;
    for (let i = 0; i < slice.length; i++) out.push(mean);
  }
  return out;
}
