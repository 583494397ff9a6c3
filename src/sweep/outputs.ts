/**
 * The files a sweep writes: `sweep.json` (the report), `sweep.csv`, `runs.jsonl` (every run's
 * metrics in task order: what `pelsim merge` reads), `charts/*.{vl.json,svg,png}` and `sweep.html`. A pure function of the
 * report and the runs, so a merged set of shards writes the same bytes as one machine.
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderPng, renderSvg } from '../report/index.js';
import { chartSpecs } from './charts.js';
import { sweepHtml } from './html.js';
import { toCsv } from './csv.js';
import { sortRecords } from './tasks.js';
import type { RunRecord, SweepReport } from './types.js';

/** The report file. */
export const REPORT_FILE = 'sweep.json';
/** Every run's metrics, one JSON object per line, in task order. */
export const RUNS_FILE = 'runs.jsonl';
/** One row per cell and variant. */
export const CSV_FILE = 'sweep.csv';
/** Charts: Vega-Lite specs `*.vl.json`, rendered `*.svg` and `*.png`. */
export const CHARTS_DIR = 'charts';

/** `runs.jsonl` text: records in task order. */
export function runsJsonl(records: readonly RunRecord[], variants: readonly string[]): string {
  return sortRecords(records, variants).map((r) => `${JSON.stringify(r)}\n`).join('');
}

/** Writes every output of `report` into `dir`; returns the files written, relative to `dir`. */
export async function writeSweepOutputs(dir: string, report: SweepReport, records: readonly RunRecord[]): Promise<string[]> {
  const chartsDir = join(dir, CHARTS_DIR);
  await mkdir(chartsDir, { recursive: true });
  // Specs of an earlier sweep with other axes would sit beside these and mislead.
  for (const name of await readdir(chartsDir)) if (/\.(vl\.json|svg|png)$/.test(name)) await rm(join(chartsDir, name));
  const files: [string, string][] = [
    [REPORT_FILE, `${JSON.stringify(report, null, 2)}\n`],
    [CSV_FILE, toCsv(report)],
    [RUNS_FILE, runsJsonl(records, report.variants)],
  ];
  const rendered: { name: string; svg: string }[] = [];
  const binary: [string, Buffer][] = [];
  for (const [name, spec] of chartSpecs(report)) {
    const stem = name.replace(/\.vl\.json$/, '');
    // The sweep builds specs from JSON-safe data only; the report types them as JSON values.
    const svg = await renderSvg(stem, spec as Parameters<typeof renderSvg>[1]);
    rendered.push({ name: stem, svg });
    files.push([join(CHARTS_DIR, name), `${JSON.stringify(spec, null, 2)}\n`], [join(CHARTS_DIR, `${stem}.svg`), svg]);
    binary.push([join(CHARTS_DIR, `${stem}.png`), renderPng(svg)]);
  }
  files.push(['sweep.html', sweepHtml(report, rendered)]);
  for (const [name, text] of files) await writeFile(join(dir, name), text);
  for (const [name, data] of binary) await writeFile(join(dir, name), data);
  return [...files.map(([name]) => name), ...binary.map(([name]) => name)];
}
