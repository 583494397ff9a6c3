import { buildCharts } from './charts/index.js';
import { buildHtml, type HtmlSection } from './html.js';
import { inlineScripts } from './html-assets.js';
import type { ReportModel, RenderedChart } from './model.js';
import { renderChart } from './render.js';
import { formatSpecJson } from './spec-json.js';
import { buildSummaryMd } from './summary-md.js';
import { writeGroup, type OutLabel, type OutputGroup } from '../output/index.js';

/** What a written report holds. */
export interface ReportSummary {
  /** The output folder (absolute). */
  readonly dir: string;
  /** Paths relative to `dir`, sorted: report.html, summary.md, charts/<name>.{vl.json,svg,png}, … */
  readonly files: readonly string[];
  /** Chart file stems, in page order. */
  readonly charts: readonly string[];
  /** Wall time of building and writing, ms (not written anywhere: the files stay deterministic). */
  readonly millis: number;
  /** Files of an earlier report (or comparison) in `dir` that this one replaced; 0 when none. */
  readonly replaced: number;
  /** One line per chart left out because it could not hold every series. */
  readonly skipped: readonly string[];
}

/** Where a report goes: the folder as the user named it (for messages) and its output group. */
export interface ReportTarget {
  readonly label: OutLabel;
  readonly group: OutputGroup;
}

/** Extra content for a comparison: an HTML section, a Markdown block, extra files. */
export interface ReportExtras {
  readonly sections?: readonly HtmlSection[];
  readonly markdown?: readonly string[];
  readonly files?: ReadonlyMap<string, string>;
}

/**
 * Renders every chart of `model` and writes report.html, summary.md and charts/* into `dir`,
 * touching only files pelsim wrote there (see `src/output/`): charts of an earlier report that this
 * one does not produce are removed, anything else in the folder stays.
 */
export async function buildAndWrite(dir: string, model: ReportModel, target: ReportTarget, extras: ReportExtras = {}): Promise<ReportSummary> {
  const started = performance.now();
  const skipped: string[] = [];
  const zero: string[] = [];
  const defs = buildCharts(model.series, skipped, zero);
  const charts: RenderedChart[] = [];
  for (const def of defs) charts.push(await renderChart(def));
  const files = new Map<string, string | Uint8Array>();
  for (const c of charts) {
    files.set(`charts/${c.name}.vl.json`, formatSpecJson(c.spec));
    files.set(`charts/${c.name}.svg`, `${c.svg}\n`);
    files.set(`charts/${c.name}.png`, c.png);
  }
  files.set('report.html', buildHtml(model, charts, await inlineScripts(), extras.sections, zero));
  files.set('summary.md', buildSummaryMd(model, charts, extras.markdown, zero));
  for (const [rel, content] of extras.files ?? []) files.set(rel, content);
  const written = await writeGroup(dir, target.label, target.group, files);
  return {
    dir,
    replaced: written.replaced,
    skipped,
    files: [...files.keys()].sort(),
    charts: charts.map((c) => c.name),
    millis: Math.round(performance.now() - started),
  };
}
