/**
 * `pelsim merge`: the outputs of shards 0/n … n-1/n (each a folder with `sweep.json` and
 * `runs.jsonl`) combined into exactly the files one unsharded sweep writes. Refuses shards of
 * different sweeps, a missing or doubled shard, and any run missing or present twice.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { present } from '../errors.js';
import { SweepUsageError } from './errors.js';
import { checkOutFolder, type OutLabel } from '../output/index.js';
import { FIXED_FILES, REPORT_FILE, RUNS_FILE, writeSweepOutputs } from './outputs.js';
import { buildReport } from './summarize.js';
import { listTasks, recordKey, taskKey } from './tasks.js';
import type { RunRecord, SweepHeader, SweepReport } from './types.js';

/** What {@link mergeShards} wrote. */
export interface MergeResult {
  readonly report: SweepReport;
  /** Absolute output folder. */
  readonly dir: string;
  /** Files written, relative to {@link dir}. */
  readonly files: readonly string[];
  /** Files of an earlier sweep in {@link dir} this merge replaced; 0 when none. */
  readonly replaced: number;
  readonly shards: number;
}

/**
 * Merges the shard output folders `dirs` (any order) into `out`. Throws a `UsageError` when they
 * are not exactly the shards 0..n-1 of one sweep with every run present once.
 */
export async function mergeShards(dirs: readonly string[], out: string): Promise<MergeResult> {
  if (dirs.length === 0) throw new SweepUsageError('merge expects the output folders of the shards');
  const label: OutLabel = { flag: '--out', given: out };
  await checkOutFolder(out, label, FIXED_FILES);
  const shards = await Promise.all(dirs.map(readShard));
  const first = present(shards[0], 'one shard read per folder, and there are folders (checked above)');
  const count = first.report.shard?.count ?? 0;
  const byIndex = new Map<number, string>();
  for (const { dir, report } of shards) {
    if (report.fingerprint !== first.report.fingerprint) {
      throw new SweepUsageError(`${dir} is a shard of another sweep than ${first.dir} (scenario, grid, seeds or variants differ)`);
    }
    const shard = report.shard;
    if (shard === undefined) throw new SweepUsageError(`${dir} is not a shard's output (its ${REPORT_FILE} has no shard)`);
    if (shard.count !== count) throw new SweepUsageError(`${dir} is shard ${shard.index}/${shard.count}, but ${first.dir} is one of ${count}`);
    const twice = byIndex.get(shard.index);
    if (twice !== undefined) throw new SweepUsageError(`shard ${shard.index}/${count} is given twice: ${twice} and ${dir}`);
    byIndex.set(shard.index, dir);
  }
  const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !byIndex.has(i));
  if (missing.length > 0) throw new SweepUsageError(`missing shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')}`);

  const header = headerOf(first.report);
  const space = { cells: header.cells.length, variants: header.variants.length, seeds: header.seeds };
  const expected = new Set(listTasks(space).map((t) => taskKey(t, header.baseSeed)));
  const runs = new Map<string, RunRecord>();
  for (const { dir, records } of shards) {
    for (const record of records) {
      const key = recordKey(record, header.variants);
      if (!expected.has(key)) throw new SweepUsageError(`${dir}/${RUNS_FILE}: a run (${key}) that is not part of the sweep`);
      if (runs.has(key)) throw new SweepUsageError(`${dir}/${RUNS_FILE}: the run ${key} (cell/variant/seed) appears twice`);
      runs.set(key, record);
    }
  }
  if (runs.size !== expected.size) {
    const absent = [...expected].find((k) => !runs.has(k));
    throw new SweepUsageError(`the shards hold ${runs.size} of ${expected.size} runs; missing e.g. ${absent} (cell/variant/seed)`);
  }
  const records = [...runs.values()];
  const report = buildReport(header, records);
  const dir = resolve(out);
  const { files, replaced } = await writeSweepOutputs(dir, report, records, label);
  return { report, dir, files, replaced, shards: count };
}

async function readShard(dir: string): Promise<{ dir: string; report: SweepReport; records: RunRecord[] }> {
  const read = async (name: string): Promise<string> => {
    try {
      return await readFile(join(dir, name), 'utf8');
    } catch {
      throw new SweepUsageError(`${dir}: no ${name} (is it a finished sweep shard's --out folder?)`);
    }
  };
  const report = JSON.parse(await read(REPORT_FILE)) as SweepReport;
  if (report.format !== 'pelsim-sweep/1') throw new SweepUsageError(`${dir}/${REPORT_FILE}: not a pelsim sweep report`);
  const records = (await read(RUNS_FILE))
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as RunRecord);
  return { dir, report, records };
}

/** The header fields of a report, in the order {@link planSweep} writes them. */
function headerOf(r: SweepReport): SweepHeader {
  return {
    format: r.format,
    scenario: r.scenario,
    description: r.description,
    fingerprint: r.fingerprint,
    baseSeed: r.baseSeed,
    seeds: r.seeds,
    seedRule: r.seedRule,
    grid: r.grid,
    variants: r.variants,
    cells: r.cells,
    warnings: r.warnings,
    rowLabels: r.rowLabels,
  };
}
