/**
 * Running a sweep: plan (every check before any run), resume from the checkpoint, run what is
 * left on the worker pool, append each finished run to the checkpoint, then write the outputs and
 * drop the checkpoint. Results are ordered by (cell, variant, seed), never by completion.
 */
import { errorKind, PelsimError, present } from '../errors.js';
import { rm } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { OutputFolder, checkOutFolder, folderSlug, type OutLabel } from '../output/index.js';
import { DEFAULT_MAX_COST, checkBudget } from '../run/cost.js';
import { CHECKPOINT_FILE, Checkpoint } from './checkpoint.js';
import { SweepUsageError } from './errors.js';
import { FIXED_FILES, writeSweepOutputs } from './outputs.js';
import { planCell, planSweep, taskVariant, type PlanOptions, type SweepPlan } from './plan.js';
import { cellLabel } from './grid-apply.js';
import { defaultWorkers, type ExecutorFactory, type RunOutcome, type TaskExecutor } from './pool.js';
import { createProcessExecutor } from './process-pool.js';
import { buildReport } from './summarize.js';
import { listTasks, recordKey, taskKey, type TaskSpace } from './tasks.js';
import type { RunRecord, Shard, SweepReport, TaskKey } from './types.js';

/** Where a running sweep is, after each finished run. */
export interface SweepProgress {
  /** Runs finished, including those resumed from the checkpoint. */
  readonly done: number;
  /** Runs of this sweep (or shard). */
  readonly total: number;
  /** Runs finished by this process. */
  readonly ran: number;
  /** Runs per second by this process so far. */
  readonly runsPerSecond: number;
  /** Seconds left at that rate; null before the first run. */
  readonly etaSeconds: number | null;
}

/** Everything {@link runSweep} accepts. */
export interface SweepOptions extends PlanOptions {
  /** Output folder (default `reports/<slug of the scenario name>/sweep`, and `…/sweep/shard-<i>-of-<n>` for a shard). */
  readonly out?: string;
  /** Most simulated operations the whole sweep (or shard) may cost; default {@link DEFAULT_MAX_COST}. */
  readonly maxCost?: number;
  /** Worker processes (default one per core; never more than runs left). */
  readonly workers?: number;
  /** Finish an interrupted sweep from the checkpoint in `out`. */
  readonly resume?: boolean;
  /** Run only this deterministic slice of the tasks. */
  readonly shard?: Shard;
  /** Called once the plan is checked, before any run. */
  readonly onStart?: (info: { readonly plan: SweepPlan; readonly total: number; readonly resumed: number; readonly workers: number }) => void;
  /** Called after every finished run. */
  readonly onProgress?: (progress: SweepProgress) => void;
  /**
   * Let runs whose consumer did not work (crashed on every start, or never completed an issue while
   * work waited) count like any other. By default the first such run stops the sweep with a
   * `violation` PelsimError (exit 1), as `pelsim run` fails: its numbers mean nothing.
   */
  readonly allowCrashes?: boolean;
  /** Where tasks run (default: child processes; `createPoolExecutor` for worker threads); tests pass an in-process fake. */
  readonly executor?: ExecutorFactory;
}

/** What {@link runSweep} did. */
export interface SweepResult {
  /** The content of `sweep.json`. */
  readonly report: SweepReport;
  /** Absolute output folder. */
  readonly dir: string;
  /** Files written, relative to {@link dir}. */
  readonly files: readonly string[];
  /** Files of an earlier sweep in {@link dir} this one replaced; 0 when none. */
  readonly replaced: number;
  /** Runs this process ran; {@link resumed} came from the checkpoint. */
  readonly ran: number;
  readonly resumed: number;
  readonly workers: number;
  /** Wall-clock seconds running tasks (pool start-up included). */
  readonly seconds: number;
  /** Largest V8 heap a worker reported, in bytes; null if nothing ran. */
  readonly peakWorkerHeapBytes: number | null;
}

/**
 * Runs the sweep described by `options` and writes `sweep.json`, `sweep.csv`, `runs.jsonl` and
 * `charts/*.vl.json` into the output folder. Every check (grid keys, every cell's scenario, shard,
 * checkpoint) happens before the first run. Deterministic: the same options give byte-identical
 * files with any number of workers, with or without an interruption and `resume`.
 */
export async function runSweep(options: SweepOptions): Promise<SweepResult> {
  const plan = await planSweep(options);
  const { header } = plan;
  const shardDir = options.shard === undefined ? [] : [`shard-${options.shard.index}-of-${options.shard.count}`];
  const dir = resolve(options.out ?? join('reports', folderSlug(header.scenario), 'sweep', ...shardDir));
  const label: OutLabel = { flag: '--out', given: options.out ?? relative(process.cwd(), dir) };
  const variants = plan.cells.flatMap((cell) => cell.scenario.variants);
  checkBudget(variants, header.seeds / (options.shard?.count ?? 1), options.maxCost ?? DEFAULT_MAX_COST, 'the sweep', 'variant × grid cell');
  await checkOutFolder(dir, label, FIXED_FILES);
  // Made here, as an input error if it cannot be, before the checkpoint goes in it.
  await OutputFolder.open(dir, label);
  const space: TaskSpace = { cells: header.cells.length, variants: header.variants.length, seeds: header.seeds };
  const tasks = listTasks(space, options.shard);
  const checkpointPath = join(dir, CHECKPOINT_FILE);
  const checkpoint = Checkpoint.open(
    checkpointPath,
    { checkpoint: 'pelsim-sweep/1', fingerprint: header.fingerprint, shard: options.shard ?? null },
    options.resume === true,
  );
  let done: Map<string, RunRecord>;
  try {
    done = resumedRuns(checkpoint.resumed, tasks, header.variants, header.baseSeed, checkpointPath);
  } catch (error) {
    checkpoint.close();
    throw error;
  }
  const resumed = done.size;
  const pending = tasks.filter((t) => !done.has(taskKey(t, header.baseSeed)));
  const workers = Math.max(1, Math.min(options.workers ?? defaultWorkers(), pending.length));

  const started = performance.now();
  let ran = 0;
  let peak: number | null = null;
  const record = (task: TaskKey, outcome: RunOutcome): void => {
    const { metrics, consumerFailure } = outcome;
    const run: RunRecord = { cell: task.cell, variant: present(header.variants[task.variant], `task variant ${task.variant} is in the sweep`), seed: header.baseSeed + task.run, metrics };
    checkpoint.append(run);
    done.set(taskKey(task, header.baseSeed), run);
    ran++;
    if (consumerFailure !== null && options.allowCrashes !== true) {
      // The run is in the checkpoint: --resume --allow-crashes goes on from here.
      throw new PelsimError(
        'violation',
        `pelsim sweep: the consumer did not work in ${describeTask(plan, task)}: ${consumerFailure.summary}; ` +
          `the sweep stopped, the runs done kept in ${CHECKPOINT_FILE} (pass --allow-crashes, with --resume to keep them, if that is what the scenario tests)`,
      );
    }
    const seconds = (performance.now() - started) / 1000;
    const rate = seconds > 0 ? ran / seconds : 0;
    const left = tasks.length - done.size;
    options.onProgress?.({ done: done.size, total: tasks.length, ran, runsPerSecond: rate, etaSeconds: rate > 0 ? left / rate : null });
  };
  try {
    options.onStart?.({ plan, total: tasks.length, resumed, workers });
    if (pending.length > 0) {
      const executor = (options.executor ?? createProcessExecutor)(workers);
      try {
        await runBounded(pending, workers * 2, async (task) => record(task, await runOne(plan, task, executor)));
      } finally {
        peak = executor.peakHeapBytes();
        await executor.close();
      }
    }
  } finally {
    checkpoint.close();
  }
  const seconds = (performance.now() - started) / 1000;
  const records = [...done.values()];
  const report = buildReport(header, records, options.shard);
  const { files, replaced } = await writeSweepOutputs(dir, report, records, label);
  await rm(checkpointPath, { force: true });
  return { report, dir, files, replaced, ran, resumed, workers, seconds, peakWorkerHeapBytes: peak };
}

/** One task on `executor`; a failure names the cell, variant and seed to replay it with `pelsim run`. */
async function runOne(plan: SweepPlan, task: TaskKey, executor: TaskExecutor): Promise<RunOutcome> {
  try {
    return await executor.run(taskVariant(plan, task.cell, task.variant, task.run));
  } catch (error) {
    // The user's own mistakes read as one line; only pelsim's failures carry a stack.
    const reason = error instanceof Error ? (errorKind(error) === 'internal' ? (error.stack ?? error.message) : error.message) : String(error);
    throw new PelsimError(errorKind(error), `run failed: ${describeTask(plan, task)}: ${reason}`, { cause: error });
  }
}

/** `grid cell 1 (deployment.replicas=2), variant "default", seed 8`: what replays the task. */
function describeTask(plan: SweepPlan, task: TaskKey): string {
  const cell = planCell(plan, task.cell);
  const variant = taskVariant(plan, task.cell, task.variant, task.run);
  return `grid cell ${cell.index}${Object.keys(cell.values).length === 0 ? '' : ` (${cellLabel(cell)})`}, variant ${JSON.stringify(variant.name)}, seed ${variant.seed}`;
}

/** The checkpoint's runs by key; a run outside this sweep's tasks means the file is not this sweep's. */
function resumedRuns(
  records: readonly RunRecord[],
  tasks: readonly TaskKey[],
  variants: readonly string[],
  baseSeed: number,
  path: string,
): Map<string, RunRecord> {
  const wanted = new Set(tasks.map((t) => taskKey(t, baseSeed)));
  const done = new Map<string, RunRecord>();
  for (const record of records) {
    const key = recordKey(record, variants);
    if (!wanted.has(key)) {
      throw new SweepUsageError(`${path}: run ${JSON.stringify({ cell: record.cell, variant: record.variant, seed: record.seed })} is not part of this sweep`);
    }
    // A run recorded twice is kept once: the second copy is identical (same seed).
    if (!done.has(key)) done.set(key, record);
  }
  return done;
}

/** Runs `work` over `items` with at most `limit` in flight; stops taking new items after a failure. */
async function runBounded<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  const pending = items.values();
  let failure: { error: unknown } | undefined;
  const lane = async (): Promise<void> => {
    while (failure === undefined) {
      const next = pending.next();
      if (next.done === true) return;
      try {
        await work(next.value);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  if (failure !== undefined) throw failure.error;
}
