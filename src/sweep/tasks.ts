/**
 * The tasks of a sweep and their order. Task t is (cell, variant, run) in row-major order — cell
 * slowest, run fastest — and run r uses seed `baseSeed + r`. Shard i of n runs the tasks with
 * `t mod n = i`: deterministic, and it spreads expensive cells (many replicas) over every shard.
 */
import { SweepUsageError } from './errors.js';
import type { RunRecord, Shard, TaskKey } from './types.js';

/** The sizes that fix the task list. */
export interface TaskSpace {
  readonly cells: number;
  readonly variants: number;
  readonly seeds: number;
}

/** How a sweep documents its seeds, in `sweep.json` and the README. */
export const SEED_RULE = 'run r (0-based) of every cell and variant uses seed baseSeed + r, reproducible with pelsim run --seed';

/** The position of `key` in the task order. */
export function taskIndex(space: TaskSpace, key: TaskKey): number {
  return (key.cell * space.variants + key.variant) * space.seeds + key.run;
}

/** Every task of `space` (or of its `shard`), in task order. */
export function listTasks(space: TaskSpace, shard?: Shard): TaskKey[] {
  const tasks: TaskKey[] = [];
  const total = space.cells * space.variants * space.seeds;
  const start = shard?.index ?? 0;
  const step = shard?.count ?? 1;
  for (let t = start; t < total; t += step) {
    const run = t % space.seeds;
    const rest = (t - run) / space.seeds;
    tasks.push({ cell: Math.floor(rest / space.variants), variant: rest % space.variants, run });
  }
  return tasks;
}

/** `"2/8"` → `{ index: 2, count: 8 }`; indices are 0-based like a Kubernetes completion index. */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = match === null ? NaN : Number(match[1]);
  const count = match === null ? NaN : Number(match[2]);
  if (!(count >= 1 && index >= 0 && index < count)) {
    throw new SweepUsageError(`--shard expects i/n with 0 <= i < n (e.g. 0/4 … 3/4), found ${JSON.stringify(text)}`);
  }
  return { index, count };
}

/** The key of a finished run: `cell/variant index/seed`. */
export function recordKey(record: RunRecord, variants: readonly string[]): string {
  return `${record.cell}/${variants.indexOf(record.variant)}/${record.seed}`;
}

/** The key of the run a task produces. */
export function taskKey(task: TaskKey, baseSeed: number): string {
  return `${task.cell}/${task.variant}/${baseSeed + task.run}`;
}

/** `records` in task order (cell, variant, seed): never completion order. */
export function sortRecords(records: readonly RunRecord[], variants: readonly string[]): RunRecord[] {
  const order = new Map(variants.map((name, i) => [name, i]));
  return [...records].sort(
    (a, b) => a.cell - b.cell || (order.get(a.variant) ?? 0) - (order.get(b.variant) ?? 0) || a.seed - b.seed,
  );
}
