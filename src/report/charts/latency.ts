import { kaplanMeier, latencyText, longestObservation, survivalQuantile, type SurvivalStep } from '../../metrics/index.js';
import { formatMetric } from '../metrics-table.js';
import type { ChartDef, ChartSeries, JsonValue } from '../model.js';
import { frame, HEIGHT, r3, seriesColour, seriesDashes, seriesWidth, spec, WIDTH } from './common.js';

/** Most series whose p50/p95 the subtitle lists one per line; beyond it the table says them. */
const MAX_LISTED = 8;

/** One series' estimate: its curve, where it ends, and the percentiles as the table reads them. */
interface Estimate {
  readonly label: string;
  readonly steps: readonly SurvivalStep[];
  readonly horizon: number;
  readonly issues: number;
  readonly p50: number | null;
  readonly p95: number | null;
}

/**
 * Latency per variant as overlaid Kaplan–Meier curves: the estimated share of the variant's
 * dispatched issues merged within x minutes of their first dispatch, an issue still unmerged at the
 * end counted as censored there (it took at least that long). The same estimate, from the same
 * events, as results.json's p50/p95 and the run table: the dashed rule is the median (p50), and a
 * curve that ends below 50 % has its median beyond its last observation, read `>N` as in the table.
 * Each curve is drawn through its whole percentiles, so the data stays at about 100 points per
 * variant however many issues a run dispatched. Null when no series has events.
 */
export function latencyChart(series: readonly ChartSeries[]): ChartDef | null {
  const withEvents = series.filter((s) => s.timeline !== null);
  if (withEvents.length === 0) return null;
  const estimates = withEvents.flatMap((s) => estimateOf(s));
  const rows: JsonValue[] = [];
  const medians: JsonValue[] = [];
  for (const e of estimates) {
    const merged = 100 * (1 - (e.steps.at(-1)?.survival ?? 1));
    const point = (minutes: number, pct: number): JsonValue => ({
      variant: e.label, latency: r3(minutes), pct: r3(pct), p50: text(e.p50, e.horizon), p95: text(e.p95, e.horizon), issues: e.issues,
    });
    rows.push(point(0, 0));
    for (let p = 1; p <= 100; p++) {
      const at = survivalQuantile(e.steps, p / 100);
      if (at === null) break;
      rows.push(point(at, p));
    }
    // The curve runs on, flat, to the longest observation: where the estimate ends.
    rows.push(point(e.horizon, merged));
    if (e.p50 !== null) medians.push({ variant: e.label, median: r3(e.p50), p50: text(e.p50, e.horizon) });
  }
  const missing = series.length - withEvents.length;
  const title = 'Latency: share of dispatched issues merged (Kaplan–Meier)';
  return {
    name: 'latency',
    title,
    spec: spec({
      ...frame(title, [
        // Lines of at most ~90 characters: Vega sizes the chart by its own estimate of their width.
        "share of each variant's dispatched issues merged within x minutes of their first dispatch",
        '(Kaplan–Meier: an issue still unmerged at the end counts as censored there, at least that long)',
        'dashed line: the median (p50); a curve ending below 50 % has its median beyond its end (>N)',
        ...percentileLines(estimates),
        ...(estimates.every((e) => e.steps.length === 0) ? ['no issue was merged'] : []),
        ...(missing > 0 ? [`${missing} series without events.jsonl not shown`] : []),
      ]),
      width: WIDTH,
      height: HEIGHT,
      layer: [
        {
          data: { values: [{ half: 50 }] },
          mark: { type: 'rule', color: '#999', strokeDash: [2, 3], strokeWidth: 1 },
          encoding: { y: { field: 'half', type: 'quantitative' } },
        },
        {
          data: { values: rows },
          mark: { type: 'line', interpolate: 'step-after', tooltip: true },
          encoding: {
            x: { field: 'latency', type: 'quantitative', title: 'latency, first dispatch → merge (min)' },
            y: { field: 'pct', type: 'quantitative', title: 'merged (% of dispatched issues)', scale: { domain: [0, 100] } },
            ...seriesColour(withEvents),
            ...seriesWidth(withEvents),
            ...seriesDashes(withEvents),
          },
        },
        {
          data: { values: medians },
          mark: { type: 'rule', strokeDash: [6, 4], strokeWidth: 1.5, tooltip: true },
          encoding: { x: { field: 'median', type: 'quantitative' }, ...seriesColour(withEvents) },
        },
      ],
    }),
  };
}

function estimateOf(s: ChartSeries): Estimate[] {
  const observations = s.timeline?.latencyObservations ?? [];
  const horizon = longestObservation(observations);
  if (horizon === null) return [];
  const steps = kaplanMeier(observations);
  return [{ label: s.label, steps, horizon, issues: observations.length, p50: survivalQuantile(steps, 0.5), p95: survivalQuantile(steps, 0.95) }];
}

/**
 * The run table's `p50/p95` reading of one percentile: whole minutes, or `>N`. Rounded to tenths
 * first, as results.json stores them, so a value near a half rounds as the table's does.
 */
function text(value: number | null, horizon: number): string {
  return latencyText(value === null ? null : Math.round(value * 10) / 10, Math.round(horizon * 10) / 10, '–', (m) => formatMetric(m, 0));
}

/** `p50/p95 min: variant 1393/>1440`, one line per series (a few of them), as the run table reads. */
function percentileLines(estimates: readonly Estimate[]): string[] {
  if (estimates.length > MAX_LISTED) return ['p50/p95 of each variant: see the metrics table'];
  return estimates.map((e) => `p50/p95 min, ${e.label}: ${text(e.p50, e.horizon)}/${text(e.p95, e.horizon)}`);
}
