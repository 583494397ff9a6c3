/**
 * Parameter sweeps: a scenario run over a grid of settings × many seeds, on worker processes, with
 * per-cell statistics (mean, median, p95, 95% CI of every metric; P(≥1 duplicate PR), P(≥1 stranded
 * issue)), a resumable checkpoint, deterministic shards and their merge.
 *
 * ```ts
 * import { runSweep } from './sweep/index.js';
 * const { report, dir } = await runSweep({
 *   scenario: 'scenarios/seed-story.yaml',
 *   seeds: 200,
 *   grid: ['deployment.replicas=1,2,4,8', 'faults.containerRestart.perDay=0,1,4'],
 * });
 * ```
 *
 * Seeds: run r (0-based) of every cell and variant uses seed `baseSeed + r`, where the base is
 * the scenario's `seed` (or `seed` in the options), so any run can be replayed alone with
 * `pelsim run --seed`.
 *
 * @packageDocumentation
 */
export { runSweep, type SweepOptions, type SweepResult, type SweepProgress } from './run-sweep.js';
export { planSweep, DEFAULT_SEEDS, type PlanOptions, type SweepPlan, type PlannedCell } from './plan.js';
export { mergeShards, type MergeResult } from './merge.js';
export { SweepUsageError } from './errors.js';
export { parseGridFlag, parseValues, parsePath, type GridSpec } from './grid-parse.js';
export { checkGridPath } from './grid-keys.js';
export { gridCells, applyCell, cellLabel } from './grid-apply.js';
export { readSweepSection, type SweepSection } from './sweep-section.js';
export { listTasks, parseShard, taskIndex, SEED_RULE, type TaskSpace } from './tasks.js';
export { describe as describeValues, proportion, tCritical } from './stats.js';
export { buildReport, summarizeRuns, flattenMetrics } from './summarize.js';
export { Checkpoint, CHECKPOINT_FILE, type CheckpointHeader } from './checkpoint.js';
export { writeSweepOutputs, REPORT_FILE, RUNS_FILE, CSV_FILE, CHARTS_DIR } from './outputs.js';
export { toCsv } from './csv.js';
export { chartSpecs, type VegaLiteSpec } from './charts.js';
export { createProgressReporter, formatSeconds, type ProgressReporter, type ProgressTarget } from './progress.js';
export { createPoolExecutor, defaultWorkers, type TaskExecutor, type ExecutorFactory } from './pool.js';
export { createProcessExecutor, WORKER_PROCESS_FLAGS } from './process-pool.js';
export type * from './types.js';
