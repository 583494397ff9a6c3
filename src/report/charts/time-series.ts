import type { ChartDef, ChartSeries, JsonValue } from '../model.js';
import { frame, HEIGHT, longestHours, r3, seriesColour, seriesWidth, spec, timeUnit, WIDTH } from './common.js';

/** How an hourly array becomes points. */
export type HourlyShape =
  /** A count per hour, drawn as steps over each hour. */
  | 'per-hour'
  /** A running total of a count per hour, at each hour's end, from 0 at time 0. */
  | 'cumulative'
  /** A state sampled at (or a maximum over) each hour, at the hour's end. */
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

/** A line per series over virtual time, coloured by the fixed palette. */
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
        interpolate: o.shape === 'per-hour' ? 'step-after' : 'linear',
        tooltip: true,
      },
      encoding: {
        x: { field: 't', type: 'quantitative', title: unit.title, scale: { domain: [0, r3(hours * unit.perHour)], nice: false } },
        y: { field: 'v', type: 'quantitative', title: o.yTitle },
        ...seriesColour(series),
        ...seriesWidth(series),
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
