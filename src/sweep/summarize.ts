/**
 * From runs to the report: every metric of every run flattened to numbers, grouped by cell and
 * variant in task order, and summarised. Pure and order-independent in its input: records are
 * sorted first, so completion order, shards and resumes never change a byte of the result.
 */
import type { Metrics } from '../metrics/types.js';
import { describe, proportion } from './stats.js';
import { sortRecords } from './tasks.js';
import type { CellSummary, MetricStats, RunRecord, Shard, SweepHeader, SweepReport, VariantSummary } from './types.js';

/** `metrics` as `name → number | null`, with `duplicatesByMechanism.<mechanism>` flattened. */
export function flattenMetrics(metrics: Metrics): Record<string, number | null> {
  const flat: Record<string, number | null> = {};
  for (const [key, value] of Object.entries(metrics) as [string, unknown][]) {
    if (typeof value === 'number' || value === null) flat[key] = value;
    else if (typeof value === 'object') {
      for (const [inner, count] of Object.entries(value as Record<string, unknown>)) {
        if (typeof count === 'number') flat[`${key}.${inner}`] = count;
      }
    }
  }
  return flat;
}

/** The statistics of one cell and variant over its runs. */
export function summarizeRuns(variant: string, runs: readonly RunRecord[], label = variant): VariantSummary {
  const flats = runs.map((r) => flattenMetrics(r.metrics));
  const names: string[] = [];
  for (const flat of flats) for (const name of Object.keys(flat)) if (!names.includes(name)) names.push(name);
  const metrics: Record<string, MetricStats> = {};
  for (const name of names) metrics[name] = describe(flats.map((f) => f[name] ?? null));
  return {
    variant,
    label,
    runs: runs.length,
    pDuplicatePR: proportion(runs.filter((r) => r.metrics.duplicatePRs >= 1).length, runs.length),
    pStrandedIssue: proportion(runs.filter((r) => r.metrics.strandedIssues >= 1).length, runs.length),
    metrics,
  };
}

/** The `sweep.json` of `header` and `records` (any order); `shard` only for a shard's own output. */
export function buildReport(header: SweepHeader, records: readonly RunRecord[], shard?: Shard): SweepReport {
  const sorted = sortRecords(records, header.variants);
  const groups = new Map<string, RunRecord[]>();
  for (const record of sorted) {
    const key = `${record.cell}\u0000${record.variant}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [record]);
    else group.push(record);
  }
  const results: CellSummary[] = header.cells.map((cell) => ({
    cell: cell.index,
    values: cell.values,
    variants: header.variants.map((name, v) =>
      summarizeRuns(name, groups.get(`${cell.index}\u0000${name}`) ?? [], header.rowLabels[cell.index]?.[v] ?? name),
    ),
  }));
  return { ...header, ...(shard === undefined ? {} : { shard }), runs: sorted.length, results };
}
