import type { ChartSeries, JsonValue, VegaLiteSpec } from '../model.js';

/** Plot width of the time-series charts, in px. */
export const WIDTH = 720;
/** Plot height of the time-series charts, in px. */
export const HEIGHT = 240;

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/**
 * Shared look: white background (the PNGs are viewed outside a page), readable font sizes, legend
 * labels long enough for variant names. The font is a generic family so the browser and resvg each
 * pick a sans-serif they have.
 */
const CONFIG: JsonValue = {
  background: 'white',
  font: 'sans-serif',
  padding: 12,
  title: { fontSize: 15, subtitleFontSize: 12, subtitleColor: '#555', anchor: 'start', offset: 10 },
  axis: { titleFontSize: 12, labelFontSize: 11, titleFontWeight: 'normal' },
  legend: { titleFontSize: 12, labelFontSize: 12, labelLimit: 420, symbolStrokeWidth: 3 },
  view: { stroke: '#ccc' },
};

/** The frame of every chart: schema, title with an optional subtitle, config. */
export function frame(title: string, subtitle?: string | readonly string[]): Record<string, JsonValue> {
  const sub = subtitle === undefined ? undefined : typeof subtitle === 'string' ? subtitle : [...subtitle];
  return { $schema: SCHEMA, title: sub === undefined || sub.length === 0 ? { text: title } : { text: title, subtitle: sub }, config: CONFIG };
}

/** The colour channel keyed by series label, with the fixed palette: one colour per variant everywhere. */
export function seriesColour(series: readonly ChartSeries[], channel: 'color' | 'stroke' = 'color'): Record<string, JsonValue> {
  return {
    [channel]: {
      field: 'variant',
      type: 'nominal',
      title: 'variant',
      sort: series.map((s) => s.label),
      scale: { domain: series.map((s) => s.label), range: series.map((s) => s.colour) },
      legend: { orient: 'bottom', direction: 'vertical' },
    },
  };
}

/**
 * Line widths by series, widest first: where variants coincide (two lines at 0 duplicates) the
 * earlier, wider line shows as a coloured edge around the later one instead of vanishing.
 */
const NARROWEST = 1.5;
const WIDTHS = [5, 3, 1.75, NARROWEST];

/** The stroke-width channel keyed by series label (see above). */
export function seriesWidth(series: readonly ChartSeries[]): Record<string, JsonValue> {
  return {
    strokeWidth: {
      field: 'variant',
      type: 'nominal',
      sort: series.map((s) => s.label),
      title: 'variant',
      scale: { type: 'ordinal', domain: series.map((s) => s.label), range: series.map((_, i) => WIDTHS[i] ?? NARROWEST) },
      // Same field and title as the colour channel: Vega-Lite merges the two into one legend.
      legend: { orient: 'bottom', direction: 'vertical' },
    },
  };
}

/**
 * The stroke-dash channel keyed by series label: where lines coincide (every variant at 0
 * stranded) each keeps its own pattern, so the legend's marks can still be found on the plot.
 */
export function seriesDashes(series: readonly ChartSeries[]): Record<string, JsonValue> {
  return {
    strokeDash: {
      field: 'variant',
      type: 'nominal',
      sort: series.map((s) => s.label),
      title: 'variant',
      scale: { type: 'ordinal', domain: series.map((s) => s.label), range: series.map((s) => [...s.dash]) },
      legend: { orient: 'bottom', direction: 'vertical', symbolType: 'stroke', symbolSize: 400 },
    },
  };
}

/** A count axis: whole numbers only (no 0.5 ticks), from 0. */
export const COUNT_AXIS: JsonValue = { tickMinStep: 1, format: 'd' };

/** The x unit for a run of `hours`: hours up to four days, days beyond (720 h ticks read badly). */
export function timeUnit(hours: number): { readonly perHour: number; readonly title: string } {
  return hours > 96 ? { perHour: 1 / 24, title: 'virtual time (days)' } : { perHour: 1, title: 'virtual time (h)' };
}

/** The longest run among the series, in hours. */
export function longestHours(series: readonly ChartSeries[]): number {
  return Math.max(1, ...series.map((s) => Math.max(s.durationHours, s.series.hour.length)));
}

/** Rounds coordinates so the inlined data stays small and byte-stable. */
export function r3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** A finished spec. */
export function spec(parts: Record<string, JsonValue>): VegaLiteSpec {
  return parts;
}
