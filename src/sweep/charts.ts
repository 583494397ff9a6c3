/**
 * Vega-Lite (v6) specs of a sweep, data inlined so each file renders on its own: heatmaps of
 * P(≥1 duplicate PR) and P(≥1 stranded issue) over the first two grid axes (one panel per
 * variant, rows for further axes), and issues/h against each axis with 95% CI bands.
 */
import { present } from '../errors.js';
import { variantColours } from '../report/palette.js';
import type { CellSummary, GridValue, SweepReport, VariantSummary } from './types.js';

/** A Vega-Lite spec: plain JSON. */
export type VegaLiteSpec = Record<string, unknown>;

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

type Row = Record<string, GridValue | null>;

/** `deployment.replicas` → `deployment-replicas`: a file-name-safe form of a path. */
export function slug(path: string): string {
  return path.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase();
}

type GridAxis = SweepReport['grid'][number];

/** The field name of the grid's axis `i`: Vega-Lite reads dots as nesting, so paths cannot be field names. */
function axisField(i: number): string {
  return `axis${i}`;
}

function label(cell: CellSummary, paths: readonly string[]): string {
  return paths.map((p) => `${p}=${String(cell.values[p])}`).join(', ');
}

function rows(report: SweepReport, restPaths: readonly string[]): Row[] {
  const out: Row[] = [];
  for (const cell of report.results) {
    for (const v of cell.variants) {
      const row: Row = { variant: v.variant, cell: cell.cell, rest: label(cell, restPaths) };
      report.grid.forEach((axis, i) => (row[axisField(i)] = present(cell.values[axis.path], `grid cell ${cell.cell} has a value on ${axis.path}`)));
      Object.assign(row, numbers(v));
      out.push(row);
    }
  }
  return out;
}

function numbers(v: VariantSummary): Row {
  const iph = v.metrics.issuesPerHour;
  return {
    pDuplicatePR: v.pDuplicatePR.p,
    pStrandedIssue: v.pStrandedIssue.p,
    issuesPerHour: iph?.mean ?? null,
    issuesPerHourLo: iph?.ci95?.[0] ?? iph?.mean ?? null,
    issuesPerHourHi: iph?.ci95?.[1] ?? iph?.mean ?? null,
  };
}

function title(report: SweepReport, what: string): Record<string, string> {
  return { text: `${what} — ${report.scenario}`, subtitle: `${report.seeds} seeds per cell and variant, base seed ${report.baseSeed}` };
}

/** Heatmap of a probability field over the first two axes (fewer axes: a strip, or bars). */
export function heatmap(report: SweepReport, field: 'pDuplicatePR' | 'pStrandedIssue', what: string): VegaLiteSpec {
  const paths = report.grid.map((a) => a.path);
  const restPaths = paths.slice(2);
  const data = { values: rows(report, restPaths) };
  const color = { field, type: 'quantitative', title: 'P', scale: { domain: [0, 1], scheme: 'orangered' } };
  const text = { field, type: 'quantitative', format: '.2f' };
  const ordinal = (axis: GridAxis, i: number) => ({ field: axisField(i), type: 'ordinal', title: axis.path, sort: axis.values, axis: { labelAngle: 0 } });
  const [first, second] = report.grid;
  if (first === undefined) {
    const x = { field: 'variant', type: 'nominal', sort: report.variants, axis: { labelAngle: 0 } };
    return { $schema: SCHEMA, title: title(report, what), data, mark: 'bar', encoding: { x, y: { ...color, scale: { domain: [0, 1] } } } };
  }
  const x = ordinal(first, 0);
  const y = second !== undefined ? ordinal(second, 1) : { field: 'variant', type: 'nominal', title: null, sort: report.variants };
  const layer = [
    { mark: 'rect', encoding: { color } },
    // Dark text on pale cells, white on dark ones, so every probability stays legible.
    { mark: { type: 'text', fontSize: 12 }, encoding: { text, color: { condition: { test: `datum['${field}'] > 0.55`, value: 'white' }, value: 'black' } } },
  ];
  const spec = { width: { step: cellWidth(report, paths.length) }, height: { step: 34 }, encoding: { x, y }, layer };
  if (paths.length === 1) return { $schema: SCHEMA, title: title(report, what), data, ...spec };
  const facet: Record<string, unknown> = { column: { field: 'variant', type: 'nominal', title: null, sort: report.variants } };
  if (restPaths.length > 0) facet.row = { field: 'rest', type: 'nominal', title: restPaths.join(', ') };
  return { $schema: SCHEMA, title: title(report, what), data, facet, spec };
}

/** Px per character of a 12 px label, generous so headers are never cut. */
const PX_PER_CHAR = 7.5;

/**
 * Width of one heatmap cell: room for `0.00` in 12 px and for each axis value, and wide enough
 * that a panel of cells is as wide as its variant's name (the panel header) above it.
 */
function cellWidth(report: SweepReport, axes: number): number {
  const first = report.grid[0]?.values ?? [];
  const valueChars = Math.max(4, ...first.map((v) => String(v).length));
  const panel = axes >= 2 ? Math.max(0, ...report.variants.map((v) => v.length)) * PX_PER_CHAR : 0;
  return Math.ceil(Math.max(64, valueChars * PX_PER_CHAR + 16, panel / Math.max(1, first.length)));
}

/** Variants in the scenario's order, coloured by the palette of run and compare reports. */
function variantColour(report: SweepReport): Record<string, unknown> {
  const colours = variantColours(report.variants);
  return { field: 'variant', type: 'nominal', sort: report.variants, scale: { domain: report.variants, range: report.variants.map((v) => colours.get(v) ?? '#4c78a8') } };
}

/** Mean issues/h against `axis`, the grid's axis `k`, one line per variant with its 95% CI band; panels for the other axes. */
export function issuesPerHourChart(report: SweepReport, axis: GridAxis, k: number): VegaLiteSpec {
  const paths = report.grid.map((a) => a.path);
  const restPaths = paths.filter((_, i) => i !== k);
  const values = axis.values;
  const numeric = values.every((v) => typeof v === 'number');
  const format = values.every((v) => Number.isInteger(v)) ? 'd' : '~g';
  const x = numeric
    ? { field: axisField(k), type: 'quantitative', title: axis.path, axis: { values, format } }
    : { field: axisField(k), type: 'ordinal', title: axis.path, sort: values, axis: { labelAngle: 0 } };
  const y = { field: 'issuesPerHour', type: 'quantitative', title: 'issues/h (mean, 95% CI)' };
  const spec = {
    width: 260,
    height: 180,
    encoding: { x, color: variantColour(report) },
    layer: [
      { mark: { type: 'errorband', opacity: 0.25 }, encoding: { y: { ...y, field: 'issuesPerHourLo' }, y2: { field: 'issuesPerHourHi' } } },
      { mark: { type: 'line', point: true }, encoding: { y } },
    ],
  };
  const data = { values: rows(report, restPaths) };
  const head = { $schema: SCHEMA, title: title(report, `issues/h by ${axis.path}`), data };
  if (restPaths.length === 0) return { ...head, ...spec };
  return { ...head, facet: { field: 'rest', type: 'nominal', title: null, columns: 3 }, spec };
}

/** Mean issues/h per variant with CI error bars (a sweep without grid axes). */
function issuesPerHourBars(report: SweepReport): VegaLiteSpec {
  const y = { field: 'issuesPerHour', type: 'quantitative', title: 'issues/h (mean, 95% CI)' };
  return {
    $schema: SCHEMA,
    title: title(report, 'issues/h'),
    data: { values: rows(report, []) },
    encoding: { x: { field: 'variant', type: 'nominal', sort: report.variants, axis: { labelAngle: 0 } } },
    layer: [
      { mark: 'bar', encoding: { y } },
      { mark: 'errorbar', encoding: { y: { ...y, field: 'issuesPerHourLo' }, y2: { field: 'issuesPerHourHi' } } },
    ],
  };
}

/** Every chart of `report`: file name (under `charts/`) → spec. */
export function chartSpecs(report: SweepReport): Map<string, VegaLiteSpec> {
  const charts = new Map<string, VegaLiteSpec>();
  charts.set('p-duplicate-pr.vl.json', heatmap(report, 'pDuplicatePR', 'P(≥1 duplicate PR)'));
  charts.set('p-stranded-issue.vl.json', heatmap(report, 'pStrandedIssue', 'P(≥1 stranded issue)'));
  if (report.grid.length === 0) charts.set('issues-per-hour.vl.json', issuesPerHourBars(report));
  report.grid.forEach((axis, k) => charts.set(`issues-per-hour-by-${slug(axis.path)}.vl.json`, issuesPerHourChart(report, axis, k)));
  return charts;
}
