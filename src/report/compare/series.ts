import { present } from '../../errors.js';
import type { LoadedMetrics, LoadedVariant } from '../load-results.js';
import { KEY_METRICS, runValues } from '../metrics-table.js';
import type { ChartSeries, HourlySeries } from '../model.js';
import { seriesColour, seriesDash, variantColours } from '../palette.js';
import type { VariantTimeline } from '../timeline.js';
import type { InputGroup } from './inputs.js';

/** A variant of a group: the same variant name in each of the group's runs (one per seed). */
export interface GroupVariant {
  readonly group: InputGroup;
  readonly name: string;
  readonly variants: readonly LoadedVariant[];
  readonly timelines: readonly VariantTimeline[];
}

/** The variants of a group by name, in order of first appearance. */
export function groupVariants(group: InputGroup): GroupVariant[] {
  const names: string[] = [];
  for (const run of group.runs) for (const v of run.results.variants) if (!names.includes(v.name)) names.push(v.name);
  return names.map((name) => ({
    group,
    name,
    variants: group.runs.flatMap((r) => r.results.variants.filter((v) => v.name === name)),
    timelines: group.runs.flatMap((r) => {
      const t = r.timelines?.get(name);
      return t ? [t] : [];
    }),
  }));
}

/**
 * One chart series per group variant. A group of several seeds is drawn as the mean of its hourly
 * series, its latency estimate pools every seed's issues, and its swimlane shows the first seed
 * (a mean of swimlanes means nothing); the swimlane's subtitle says so.
 */
export function comparisonSeries(groups: readonly InputGroup[]): ChartSeries[] {
  const perGroup = groups.map(groupVariants);
  const all = perGroup.flat();
  // Colour by variant name, so a variant looks as in its run's report; dash by input group.
  const colours = variantColours(all.map((gv) => gv.name));
  const groupOf = new Map(perGroup.flatMap((gvs, g) => gvs.map((gv) => [gv, g] as const)));
  const distinct = colours.size === all.length;
  return all.map((gv, i) => {
    const label = groups.length === 1 ? gv.name : `${gv.group.label} · ${gv.name}`;
    const seeds = gv.variants.length;
    const first = gv.timelines[0];
    const firstSeed = gv.variants[0]?.seed;
    const timeline: VariantTimeline | null = first ? { ...first, latencyObservations: gv.timelines.flatMap((t) => t.latencyObservations) } : null;
    return {
      label,
      colour: colours.get(gv.name) ?? seriesColour(i),
      // Distinct variants stay apart by dash as in a run; a variant repeated across inputs by its input.
      dash: seriesDash(distinct ? i : (groupOf.get(gv) ?? i)),
      durationHours: Math.max(...gv.variants.map((v) => v.durationHours)),
      redisVersion: versionOf(gv.variants),
      series: meanSeries(gv.variants.map((v) => v.series)),
      ...groupMetrics(gv.variants.map((v) => v.metrics)),
      timeline,
      note: seeds > 1 && first && firstSeed !== undefined ? `swimlane of the first input's seed ${firstSeed}; other charts: mean over ${seeds} seeds` : '',
    };
  });
}

/** The Redis version the runs of a group share; the versions joined by `/` when they differ. */
function versionOf(variants: readonly LoadedVariant[]): string | null {
  const versions = [...new Set(variants.flatMap((v) => (v.redisVersion === undefined ? [] : [v.redisVersion])))];
  return versions.length === 0 ? null : versions.join(' / ');
}

/** Element-wise mean; where the runs differ in length, each hour averages the runs that reach it. */
export function meanSeries(all: readonly HourlySeries[]): HourlySeries {
  const [only] = all;
  if (only !== undefined && all.length === 1) return only;
  const hours = Math.max(...all.map((s) => s.hour.length));
  const mean = (pick: (s: HourlySeries) => readonly number[]) =>
    Array.from({ length: hours }, (_, i) => {
      const values = all.map((s) => pick(s)[i]).filter((v): v is number => v !== undefined);
      return values.length === 0 ? 0 : Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 1000) / 1000;
    });
  return {
    hour: Array.from({ length: hours }, (_, i) => i),
    completed: mean((s) => s.completed),
    pelLength: mean((s) => s.pelLength),
    consumers: mean((s) => s.consumers),
    stranded: mean((s) => s.stranded),
    duplicatePRs: mean((s) => s.duplicatePRs),
  };
}

/**
 * A group's metrics: their means, except a latency percentile some seeds never reached, whose mean
 * is only a lower bound (those seeds counted at their horizon, as the diff table does): null there,
 * the bound in `atLeast`.
 */
function groupMetrics(all: readonly LoadedMetrics[]): Pick<ChartSeries, 'metrics' | 'atLeast'> {
  const mean = meanMetrics(all);
  if (all.length < 2) return { metrics: mean };
  const atLeast = new Map<string, number>();
  const metrics: Record<string, unknown> = { ...mean };
  for (const m of KEY_METRICS) {
    if (m.beyond === undefined) continue;
    const { values, beyond } = runValues(all, m);
    if (beyond === 0 || values.length === 0) continue;
    atLeast.set(m.key, Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 1000) / 1000);
    metrics[m.key] = null;
  }
  return atLeast.size === 0 ? { metrics: mean } : { metrics: metrics as LoadedMetrics, atLeast };
}

/** Mean of every numeric metric, and of each count in nested records (duplicates by mechanism). */
export function meanMetrics(all: readonly LoadedMetrics[]): LoadedMetrics {
  const [only] = all;
  if (only !== undefined && all.length === 1) return only;
  return meanRecord(all as readonly Record<string, unknown>[]) as LoadedMetrics;
}

function meanRecord(all: readonly Record<string, unknown>[]): Record<string, unknown> {
  const first = present(all[0], 'a mean over no runs');
  const out: Record<string, unknown> = { ...first };
  for (const key of Object.keys(first)) {
    const raw = all.map((m) => m[key]);
    const values = raw.filter((v): v is number => typeof v === 'number');
    if (values.length > 0 || raw[0] === null) {
      out[key] = values.length === 0 ? null : Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 1000) / 1000;
    } else if (typeof raw[0] === 'object' && raw[0] !== null && !Array.isArray(raw[0])) {
      out[key] = meanRecord(raw.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null));
    }
  }
  return out;
}
