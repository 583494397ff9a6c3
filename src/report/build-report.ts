import { buildCharts } from './charts/index.js';
import { buildHtml, type HtmlSection } from './html.js';
import { inlineScripts } from './html-assets.js';
import type { ReportModel, RenderedChart } from './model.js';
import { renderChart } from './render.js';
import { formatSpecJson } from './spec-json.js';
import { buildSummaryMd } from './summary-md.js';
import { writeOutputs } from './write-output.js';

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
}

/** Extra content for a comparison: an HTML section, a Markdown block, extra files. */
export interface ReportExtras {
  readonly sections?: readonly HtmlSection[];
  readonly markdown?: readonly string[];
  readonly files?: ReadonlyMap<string, string>;
}

/** Renders every chart of `model` and writes report.html, summary.md and charts/* into `dir`. */
export async function buildAndWrite(dir: string, model: ReportModel, extras: ReportExtras = {}): Promise<ReportSummary> {
  const started = performance.now();
  const defs = buildCharts(model.series);
  const charts: RenderedChart[] = [];
  for (const def of defs) charts.push(await renderChart(def));
  const files = new Map<string, string | Uint8Array>();
  for (const c of charts) {
    files.set(`charts/${c.name}.vl.json`, formatSpecJson(c.spec));
    files.set(`charts/${c.name}.svg`, `${c.svg}\n`);
    files.set(`charts/${c.name}.png`, c.png);
  }
  files.set('report.html', buildHtml(model, charts, await inlineScripts(), extras.sections));
  files.set('summary.md', buildSummaryMd(model, charts, extras.markdown));
  for (const [rel, content] of extras.files ?? []) files.set(rel, content);
  await writeOutputs(dir, files);
  return {
    dir,
    files: [...files.keys()].sort(),
    charts: charts.map((c) => c.name),
    millis: Math.round(performance.now() - started),
  };
}
