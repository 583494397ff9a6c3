/**
 * A sweep worker's task: simulate one variant at one seed and return its metrics — a few hundred
 * bytes, never the trace. Called by worker-process.ts in a worker process (the default), or loaded
 * by piscina in a worker thread as `dist/sweep/worker.js` when built, or through `worker-dev.mjs`
 * (tsx) from the TypeScript sources.
 */
import { getHeapStatistics } from 'node:v8';
import type { ConsumerFailure, Metrics } from '../metrics/types.js';
import { simulateVariant } from '../run/simulate-variant.js';
import type { QualifiedVariant } from '../scenario/types.js';

/** What the main thread posts: the cell's variant with the run's seed already set. */
export interface WorkerTask {
  readonly variant: QualifiedVariant;
}

/** What a worker answers. */
export interface WorkerReply {
  readonly metrics: Metrics;
  /** Why the consumer did not work, or null: the sweep fails on it unless crashes are allowed. */
  readonly consumerFailure: ConsumerFailure | null;
  /** The worker's V8 heap in use after the run (bench: memory per worker). */
  readonly heapUsedBytes: number;
}

/** Runs one task; piscina calls the default export. */
export default async function runSweepTask(task: WorkerTask): Promise<WorkerReply> {
  const { analysis } = await simulateVariant(task.variant);
  return { metrics: analysis.result.metrics, consumerFailure: analysis.result.consumerFailure, heapUsedBytes: getHeapStatistics().used_heap_size };
}
