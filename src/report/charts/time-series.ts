import type { ChartDef, ChartSeries, JsonValue } from '../model.js';
import { COUNT_AXIS, frame, HEIGHT, longestHours, r3, seriesColour, seriesDashes, seriesWidth, spec, timeUnit, WIDTH } from './common.js';

/** How an hourly array becomes points. */
export type HourlyShape =
  /** A count per hour (or a maximum over it), drawn as steps over each hour. */
  | 'per-hour'
  /** A running total of a count per hour, at each hour's end, from 0 at time 0. */
  | 'cumulative'
  /** A state sampled at each hour's end, drawn as steps held until the next sample. */
  | 'state';

/** What one time-series chart shows. */
export interface TimeSeriesOptions {
  readonly name: string;
  readonly title: string;
  readonly subtitle?: string | readonly string[];
  readonly yTitle: string;
  readonly shape: HourlyShape;
  readonly values: (s: ChartSeries) => readonly number[];
}

/**
 * A line per series over virtual time, coloured by the fixed palette, dashed and widened by series
 * so equal lines stay visible. Counts and states are steps (an entry is never half pending); only
 * cumulative totals are joined by straight lines. The y axis has whole-number ticks.
 */
export function timeSeriesChart(series: readonly ChartSeries[], o: TimeSeriesOptions): ChartDef {
  const hours = longestHours(series);
  const unit = timeUnit(hours);
  const rows: JsonValue[] = [];
  for (const s of series) {
    for (const [hour, v] of points(o.values(s), o.shape)) rows.push({ variant: s.label, t: r3(hour * unit.perHour), v: r3(v) });
  }
  return {
    name: o.name,
    title: o.title,
    spec: spec({
      ...frame(o.title, o.subtitle),
      width: WIDTH,
      height: HEIGHT,
      data: { values: rows },
      mark: {
        type: 'line',
        interpolate: o.shape === 'cumulative' ? 'linear' : 'step-after',
        tooltip: true,
      },
      encoding: {
        x: { field: 't', type: 'quantitative', title: unit.title, scale: { domain: [0, r3(hours * unit.perHour)], nice: false } },
        y: { field: 'v', type: 'quantitative', title: o.yTitle, axis: COUNT_AXIS },
        ...seriesColour(series),
        ...seriesWidth(series),
        ...seriesDashes(series),
      },
    }),
  };
}

/** [hour, value] pairs for one hourly array. */
export function points(values: readonly number[], shape: HourlyShape): [number, number][] {
  const last = values.at(-1);
  if (last === undefined) return [];
  if (shape === 'per-hour') {
    // step-after draws each value over [i, i+1); a last point closes the final hour.
    return [...values.map((v, i): [number, number] => [i, v]), [values.length, last]];
  }
  if (shape === 'cumulative') {
    let total = 0;
    return [[0, 0], ...values.map((v, i): [number, number] => [i + 1, (total += v)])];
  }
  return values.map((v, i): [number, number] => [i + 1, v]);
}

/** Whether every series is 0 at every hour: such a chart says nothing a line of text would not. */
export function allZero(series: readonly ChartSeries[], values: (s: ChartSeries) => readonly number[]): boolean {
  return series.every((s) => values(s).every((v) => v === 0));
}
