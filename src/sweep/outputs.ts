/**
 * The files a sweep writes: `sweep.json` (the report), `sweep.csv`, `runs.jsonl` (every run's
 * metrics in task order: what `pelsim merge` reads), `charts/*.{vl.json,svg,png}` and `sweep.html`. A pure function of the
 * report and the runs, so a merged set of shards writes the same bytes as one machine.
 */
import { writeGroup, type OutLabel } from '../output/index.js';
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

/** The files of a sweep with fixed names: checked before a sweep starts. */
export const FIXED_FILES = [REPORT_FILE, CSV_FILE, RUNS_FILE, 'sweep.html'];

/**
 * Writes every output of `report` into `dir`; returns the files written, relative to `dir`, and how
 * many files of an earlier sweep there were replaced. Touches only files pelsim wrote there: charts
 * of an earlier sweep with other axes are removed, a user's own files stay.
 */
export async function writeSweepOutputs(
  dir: string,
  report: SweepReport,
  records: readonly RunRecord[],
  label: OutLabel = { flag: '--out', given: dir },
): Promise<{ readonly files: string[]; readonly replaced: number }> {
  const files = new Map<string, string | Uint8Array>([
    [REPORT_FILE, `${JSON.stringify(report, null, 2)}\n`],
    [CSV_FILE, toCsv(report)],
    [RUNS_FILE, runsJsonl(records, report.variants)],
  ]);
  // Loaded when the charts are drawn: a sweep's worker processes and `pelsim run` never need Vega or resvg.
  const { renderPng, renderSvg } = await import('../report/render.js');
  const rendered: { name: string; svg: string }[] = [];
  for (const [name, spec] of chartSpecs(report)) {
    const stem = name.replace(/\.vl\.json$/, '');
    // The sweep builds specs from JSON-safe data only; the report types them as JSON values.
    const svg = await renderSvg(stem, spec as Parameters<typeof renderSvg>[1]);
    rendered.push({ name: stem, svg });
    files.set(`${CHARTS_DIR}/${name}`, `${JSON.stringify(spec, null, 2)}\n`);
    files.set(`${CHARTS_DIR}/${stem}.svg`, svg);
    files.set(`${CHARTS_DIR}/${stem}.png`, renderPng(svg));
  }
  files.set('sweep.html', sweepHtml(report, rendered));
  const written = await writeGroup(dir, label, 'sweep', files);
  return { files: written.files, replaced: written.replaced };
}
