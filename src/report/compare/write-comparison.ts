import { resolve } from 'node:path';
import type { OutLabel } from '../../output/index.js';
import { buildAndWrite, type ReportSummary } from '../build-report.js';
import type { ReportModel } from '../model.js';
import { CHAINS_SHOWN, crashBlock } from '../write-report.js';
import { diffTableHtml, diffTableMd } from './diff-format.js';
import { buildDiffTable, type DiffTable } from './diff-table.js';
import { groupInputs, loadInputs } from './inputs.js';
import { comparisonSeries } from './series.js';

/** What comparison.json holds: the inputs, how they were grouped, and the diff table. */
export interface Comparison extends DiffTable {
  /** Every input as given, with the scenario and seed its results.json names. */
  readonly inputs: readonly { readonly input: string; readonly scenario: string; readonly seed: number }[];
  /** The columns of the diff table: one per group of inputs (seeds of one scenario group together). */
  readonly groups: readonly { readonly label: string; readonly inputs: readonly string[] }[];
}

/** A written comparison: the report's files, and the comparison itself. */
export interface ComparisonSummary extends ReportSummary {
  readonly comparison: Comparison;
}

/**
 * Compares runs of different scenario files (or seeds): writes into `outDir` the same charts as a
 * run's report with every input's variants overlaid, plus a diff table (metric, each input,
 * change; mean ± 95 % CI when an input group carries several seeds of one scenario) in
 * report.html, summary.md and comparison.json. Inputs are folders or results.json paths; an
 * events.jsonl beside results.json adds the latency and swimlane charts.
 */
export async function writeComparison(inputs: readonly string[], outDir: string, label: OutLabel = { flag: '--out', given: outDir }): Promise<ComparisonSummary> {
  const runs = await loadInputs(inputs);
  const groups = groupInputs(runs);
  const series = comparisonSeries(groups);
  const table = buildDiffTable(groups);
  const description = groups
    .map((g) => `${g.label}: ${g.runs.map((r) => `${r.files.given} (seed ${r.results.seed})`).join(', ')}`)
    .join('; ');
  const model: ReportModel = {
    title: `comparison of ${groups.map((g) => g.label).join(' vs ')}`,
    description: `Inputs: ${description}. Runs of one scenario with different seeds are grouped: their charts show the mean over seeds.`,
    series,
    duplicates: groups.flatMap((g) =>
      g.runs.flatMap((r) =>
        r.results.variants.map((v) => ({
          label: `${groups.length > 1 ? `${g.label} · ` : ''}${v.name} (seed ${r.results.seed})`,
          chains: v.duplicates.slice(0, CHAINS_SHOWN).map((d) => d.chain),
          total: v.duplicates.length,
        })),
      ),
    ),
    crashes: groups.flatMap((g) =>
      g.runs.flatMap((r) => r.results.variants.map((v) => crashBlock(`${groups.length > 1 ? `${g.label} · ` : ''}${v.name} (seed ${r.results.seed})`, v))),
    ),
  };
  const json: Comparison = {
    inputs: runs.map((r) => ({ input: r.files.given, scenario: r.results.scenario, seed: r.results.seed })),
    groups: groups.map((g) => ({ label: g.label, inputs: g.runs.map((r) => r.files.given) })),
    ...table,
  };
  const summary = await buildAndWrite(resolve(outDir), model, { label, group: 'comparison' }, {
    sections: [{ id: 'diff', heading: 'Diff', html: diffTableHtml(table) }],
    markdown: [diffTableMd(table)],
    files: new Map([['comparison.json', `${JSON.stringify(json, null, 2)}\n`]]),
  });
  return { ...summary, comparison: json };
}
