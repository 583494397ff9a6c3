import { describe, expect, it } from 'vitest';
import { buildCharts, slug } from '../../src/report/charts/index.js';
import { MAX_BARS, MAX_LANES, sampleSwimlane } from '../../src/report/charts/swimlane-sample.js';
import { swimlaneChart } from '../../src/report/charts/swimlane.js';
import { points } from '../../src/report/charts/time-series.js';
import type { ChartDef, ChartSeries, JsonValue } from '../../src/report/model.js';
import { compileSpec, renderSvg } from '../../src/report/render.js';
import { TimelineBuilder, type Lane, type VariantTimeline, type WorkBar } from '../../src/report/timeline.js';
import { runModel } from '../../src/report/write-report.js';
import { storyRun } from './fixtures/story.js';
import { nth } from '../support/items.js';

function storySeries(): readonly ChartSeries[] {
  const run = storyRun();
  const timelines = new Map<string, VariantTimeline>();
  for (const v of run.results.variants) {
    const b = new TimelineBuilder(v.name);
    for (const e of run.events) if (e.variant === v.name) b.add(e);
    timelines.set(v.name, b.finish(v.durationHours * 3_600_000));
  }
  return runModel(run.results as never, timelines).series;
}

/** Every object in a spec that has `key`. */
function collect(value: JsonValue, key: string, out: JsonValue[] = []): JsonValue[] {
  if (Array.isArray(value)) for (const v of value) collect(v, key, out);
  else if (value && typeof value === 'object') {
    const record = value as Record<string, JsonValue>;
    if (key in record) out.push(record[key]!); // present: `in` said so
    for (const v of Object.values(record)) collect(v, key, out);
  }
  return out;
}

describe('chart specs', () => {
  const series = storySeries();
  const charts = buildCharts(series);

  it('has the cumulative, duplicate, PEL, consumer, latency and one swimlane per variant chart; no completed per hour; all-zero stranded as a line', () => {
    const zero: string[] = [];
    expect(buildCharts(series, [], zero).map((c) => c.name)).toEqual([
      'completed-cumulative', 'duplicate-prs-cumulative', 'pel-length', 'consumers', 'latency',
      'swimlane-1-replica-static-id', 'swimlane-2-replicas-static-id',
    ]);
    expect(zero).toEqual(['Stranded entries over time: 0 in all 2 series at every hour (chart not drawn)']);
  });

  it.each(charts.map((c) => [c.name, c] as [string, ChartDef]))('%s compiles without a Vega-Lite warning; axes titled with units', (_, chart) => {
    expect(compileSpec(chart.spec).warnings).toEqual([]);
    expect(chart.spec.title).toMatchObject({ text: chart.title });
    for (const channel of ['x', 'y']) {
      const titles = collect(chart.spec, channel)
        .map((enc) => (enc && typeof enc === 'object' && !Array.isArray(enc) ? (enc as Record<string, JsonValue>).title : undefined))
        .filter((t): t is string => typeof t === 'string');
      if (chart.name.startsWith('swimlane') && channel === 'y') continue; // lanes are named on the axis itself
      expect(titles.length, `${chart.name} ${channel}`).toBeGreaterThan(0);
      for (const t of titles) expect(t, `${chart.name} ${channel}`).toMatch(/\(.+\)|\/ hour/);
    }
  });

  it('colours each variant the same in every chart', () => {
    const scales = charts.flatMap((c) => collect(c.spec, 'color').concat(collect(c.spec, 'stroke')));
    const variantScales = scales.filter((s) => s && typeof s === 'object' && (s as Record<string, JsonValue>).field === 'variant');
    expect(variantScales.length).toBeGreaterThanOrEqual(5);
    for (const s of variantScales) {
      expect((s as Record<string, JsonValue>).scale).toEqual({ domain: series.map((x) => x.label), range: series.map((x) => x.colour) });
    }
  });

  it('renders SVG with ids scoped to the chart, identical however many charts were rendered before', async () => {
    const lane = charts.find((c) => c.name.startsWith('swimlane-'))?.spec ?? {};
    const first = await renderSvg('swimlane', lane);
    await renderSvg('other', charts[0]?.spec ?? {});
    expect(await renderSvg('swimlane', lane)).toBe(first);
    for (const id of first.matchAll(/\sid="([^"]+)"/g)) expect(id[1]).toMatch(/^swimlane-\d+$/);
  });
});

describe('hourly shapes', () => {
  it('steps counts over each hour, accumulates from 0, puts states at the hour end', () => {
    expect(points([1, 3], 'per-hour')).toEqual([[0, 1], [1, 3], [2, 3]]);
    expect(points([1, 3], 'cumulative')).toEqual([[0, 0], [1, 1], [2, 4]]);
    expect(points([1, 3], 'state')).toEqual([[1, 1], [2, 3]]);
  });

  it('slugs names into file stems', () => {
    expect(slug('2 replicas, pod-name id')).toBe('2-replicas-pod-name-id');
    expect(slug('<script>')).toBe('script');
    expect(slug('日本')).toBe('series');
  });
});

/** A month of 50 pods restarting daily, 30 000 pieces of work, duplicates on day 8. */
function hugeTimeline(): VariantTimeline {
  const H = 3_600_000;
  const lanes: Lane[] = [];
  const works: WorkBar[] = [];
  let inc = 0;
  for (let pod = 0; pod < 50; pod++) {
    for (let day = 0; day < 30; day++) {
      inc++;
      lanes.push({ incarnation: inc, pod: `pod-${pod}`, consumer: `pod-${pod}`, run: day + 1, start: day * 24 * H, startReason: day ? 'restart' : 'initial', end: (day + 1) * 24 * H, stopReason: 'crash' });
      for (let h = 0; h < 20; h++) {
        const start = (day * 24 + h) * H;
        works.push({ work: works.length + 1, issue: works.length + 1, incarnation: inc, start, end: start + 0.9 * H, outcome: 'merged', duplicatePr: false, duplicate: day === 8 && pod < 3 });
      }
    }
  }
  return { variant: 'fleet', endMs: 30 * 24 * H, latencyObservations: [], titles: new Map(), lanes, works, markers: [], rollouts: [] };
}

describe('the swimlane of a large run', () => {
  it('is sampled to the busiest day and the lanes with the most duplicate work, and says so', async () => {
    const big = hugeTimeline();
    const view = sampleSwimlane(big);
    expect(view.lanes.length).toBe(MAX_LANES);
    expect(view.works.length).toBeLessThanOrEqual(MAX_BARS);
    expect(view.fromMs).toBe(8 * 24 * 3_600_000);
    expect(view.lanes.slice(0, 3).map((l) => l.pod)).toEqual(['pod-0', 'pod-1', 'pod-2']);
    expect(view.sampled).toMatch(/sampled for readability: the 24 h from d9 00:00 to d10 00:00.*40 of 1500 pod incarnations/);

    const series = nth(storySeries(), 0);
    const chart = swimlaneChart(series, big, 'swimlane-fleet');
    expect(JSON.stringify(chart.spec.title)).toContain('sampled for readability');
    const svg = await renderSvg(chart.name, chart.spec);
    expect(svg.length).toBeLessThan(1_000_000);
  });

  it('is drawn whole when small', () => {
    const t = nth(storySeries(), 1).timeline as VariantTimeline;
    expect(sampleSwimlane(t).sampled).toBeNull();
  });
});

describe('chart specs read right (issue 11)', () => {
  const series = storySeries();
  const charts = buildCharts(series);
  const byName = (name: string) => charts.find((c) => c.name === name)?.spec ?? {};
  const timeSeries = charts.filter((c) => !c.name.startsWith('swimlane-') && c.name !== 'latency');

  it('draws counts and states as steps (the PEL too), cumulative totals as lines', () => {
    expect(collect(byName('pel-length'), 'interpolate')).toEqual(['step-after']);
    expect(collect(byName('consumers'), 'interpolate')).toEqual(['step-after']);
    expect(collect(byName('completed-cumulative'), 'interpolate')).toEqual(['linear']);
  });

  it('gives every count axis whole-number ticks only', () => {
    for (const c of timeSeries) expect(collect(c.spec, 'tickMinStep'), c.name).toEqual([1]);
  });

  it('dashes each series differently, so lines of equal values do not hide each other', () => {
    for (const c of [...timeSeries, charts.find((x) => x.name === 'latency')]) {
      const [dash] = collect(c?.spec ?? {}, 'strokeDash').filter((d) => d && typeof d === 'object' && !Array.isArray(d));
      const range = (dash as { scale: { range: number[][] } }).scale.range;
      expect(new Set(range.map((r) => r.join(','))).size, c?.name).toBe(series.length);
    }
  });

  it('gives latency in minutes, the unit of the table', () => {
    expect(JSON.stringify(byName('latency'))).toContain('latency, first dispatch → merge (min)');
  });

  it('draws the Kaplan–Meier estimate of the table: every dispatched issue, its median at p50, >N where censored', () => {
    const spec = byName('latency');
    const title = spec.title as { subtitle: string[] };
    const medians = collect(spec, 'values').flat() as Record<string, JsonValue>[];
    for (const s of series) {
      const { latencyP50Minutes: p50, latencyP95Minutes: p95, latencyHorizonMinutes: horizon } = s.metrics;
      const cell = (v: number | null | undefined) => (v === null || v === undefined ? `>${Math.round(horizon ?? 0)}` : String(Math.round(v)));
      expect(title.subtitle).toContain(`p50/p95 min, ${s.label}: ${cell(p50)}/${cell(p95)}`);
      const rule = medians.find((m) => m.variant === s.label && 'median' in m);
      if (p50 === null || p50 === undefined) expect(rule).toBeUndefined();
      else expect(rule?.median).toBeCloseTo(p50, 1);
      // The curve ends at the longest observation, at the share of dispatched issues merged.
      const last = medians.filter((m) => m.variant === s.label && 'pct' in m).at(-1);
      expect(last?.latency).toBeCloseTo(horizon ?? Number.NaN, 1);
      expect(last?.pct).toBeCloseTo((100 * s.metrics.issuesCompleted) / s.metrics.issuesDispatched, 1);
    }
  });

  it('reads >N for a variant that merged less than half its issues, as the table does', () => {
    const slow = series.map((s) => {
      const t = s.timeline as VariantTimeline;
      // Only one issue in four merged, the others unmerged at the end: the median is beyond the end.
      const end = Math.max(...t.latencyObservations.map((o) => o.minutes));
      const observations = t.latencyObservations.map((o, i) => (o.merged && i % 4 === 0 ? o : { minutes: end, merged: false }));
      return { ...s, timeline: { ...t, latencyObservations: observations } };
    });
    const spec = buildCharts(slow).find((c) => c.name === 'latency')?.spec ?? {};
    const subtitle = (spec.title as { subtitle: string[] }).subtitle;
    for (const s of slow) {
      const longest = Math.max(...(s.timeline?.latencyObservations ?? []).map((o) => o.minutes));
      expect(subtitle.find((l) => l.includes(s.label))).toMatch(new RegExp(`: >${Math.round(longest)}/>${Math.round(longest)}$`));
    }
    expect(collect(spec, 'values').flat().filter((v) => typeof v === 'object' && v !== null && 'median' in v)).toEqual([]);
  });

  it('hides a chart that is 0 everywhere behind a line of text', () => {
    const zero: string[] = [];
    const flat = series.map((s) => ({ ...s, series: { ...s.series, duplicatePRs: s.series.duplicatePRs.map(() => 0) } }));
    const names = buildCharts(flat, [], zero).map((c) => c.name);
    expect(names).not.toContain('duplicate-prs-cumulative');
    expect(zero).toContain('Duplicate PRs, cumulative: 0 in all 2 series at every hour (chart not drawn)');
  });
});

describe('one colour per variant across run, compare and sweep', () => {
  it('keys colours by variant name in order of first appearance', async () => {
    const { variantColours, seriesColour } = await import('../../src/report/palette.js');
    const colours = variantColours(['a', 'b', 'a', 'c']);
    expect([...colours]).toEqual([['a', seriesColour(0)], ['b', seriesColour(1)], ['c', seriesColour(2)]]);
  });

  it('a sweep colours its variants as a run report does', async () => {
    const { issuesPerHourChart } = await import('../../src/sweep/charts.js');
    const series = storySeries();
    const axis = { path: 'deployment.replicas', values: [1, 2] };
    const report = { scenario: 's', seeds: 2, baseSeed: 1, variants: series.map((s) => s.label), grid: [axis], results: [] } as unknown as Parameters<typeof issuesPerHourChart>[0];
    const spec = issuesPerHourChart(report, axis as Parameters<typeof issuesPerHourChart>[1], 0) as { spec?: { encoding: { color: { scale: unknown } } } ; encoding?: { color: { scale: unknown } } };
    const colour = (spec.encoding ?? spec.spec?.encoding)?.color.scale;
    expect(colour).toEqual({ domain: series.map((s) => s.label), range: series.map((s) => s.colour) });
  });
});
