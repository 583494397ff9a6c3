import { percentileOfSorted } from '../../metrics/stats.js';
import type { ChartDef, ChartSeries, JsonValue } from '../model.js';
import { frame, HEIGHT, r3, seriesColour, seriesDashes, seriesWidth, spec, WIDTH } from './common.js';

/**
 * Latency distribution per variant as overlaid cumulative curves: the share of each variant's
 * merged issues merged within x of their first dispatch (per-issue latencies from events.jsonl),
 * with a dashed rule at each median. Cumulative curves stay readable overlaid, where histograms of
 * a few dozen issues per variant are mostly noise; each curve is drawn through its percentiles, so
 * the data stays at 101 points per variant however many issues a run merged. Null when no series
 * has events.
 */
export function latencyChart(series: readonly ChartSeries[]): ChartDef | null {
  const withEvents = series.filter((s) => s.timeline !== null);
  if (withEvents.length === 0) return null;
  const all = withEvents.flatMap((s) => s.timeline?.latenciesMinutes ?? []).sort((a, b) => a - b);
  // Always minutes: the run table and results.json give p50/p95 in minutes, so the chart reads against them.
  const unitName = 'min';
  const rows: JsonValue[] = [];
  const medians: JsonValue[] = [];
  for (const s of withEvents) {
    const sorted = [...(s.timeline?.latenciesMinutes ?? [])].sort((a, b) => a - b);
    if (sorted.length === 0) continue;
    for (let p = 0; p <= 100; p++) rows.push({ variant: s.label, latency: r3(percentileOfSorted(sorted, p / 100) ?? 0), pct: p, merged: sorted.length });
    medians.push({ variant: s.label, median: r3(percentileOfSorted(sorted, 0.5) ?? 0), merged: sorted.length });
  }
  const missing = series.length - withEvents.length;
  const title = 'Latency distribution (cumulative)';
  return {
    name: 'latency',
    title,
    spec: spec({
      ...frame(title, [
        "share of each variant's merged issues that merged within x of their first dispatch",
        "dashed line: the variant's median",
        ...(all.length === 0 ? ['no issue was merged'] : []),
        ...(missing > 0 ? [`${missing} series without events.jsonl not shown`] : []),
      ]),
      width: WIDTH,
      height: HEIGHT,
      layer: [
        {
          data: { values: rows },
          mark: { type: 'line', interpolate: 'step-after', tooltip: true },
          encoding: {
            x: { field: 'latency', type: 'quantitative', title: `latency, first dispatch → merge (${unitName})` },
            y: { field: 'pct', type: 'quantitative', title: '% of merged issues (cumulative)', scale: { domain: [0, 100] } },
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
