/**
 * Executors of sweep runs. The default is child processes (process-pool.ts); this file also keeps
 * the worker-thread pool (piscina threads running {@link WorkerTask}s) for comparison in
 * bench/sweep.ts. From the TypeScript sources the threads load `worker-dev.mjs` (tsx); from a
 * build, `worker.js`.
 */
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { ConsumerFailure, Metrics } from '../metrics/types.js';
import type { QualifiedVariant } from '../scenario/types.js';
import type { WorkerReply, WorkerTask } from './worker.js';

/** What a sweep keeps of one run: its metrics, and whether its consumer worked. */
export interface RunOutcome {
  readonly metrics: Metrics;
  /** Why the run's consumer did not work (crashed on every start, never completed an issue), or null. */
  readonly consumerFailure: ConsumerFailure | null;
}

/** Runs tasks somewhere (the pool, or an in-process fake in tests). */
export interface TaskExecutor {
  run(variant: QualifiedVariant): Promise<RunOutcome>;
  close(): Promise<void>;
  /** Largest V8 heap a worker reported after a run, in bytes; null when unknown. */
  peakHeapBytes(): number | null;
}

/** Creates an executor with `threads` worker threads. */
export type ExecutorFactory = (threads: number) => TaskExecutor;

/** One worker per core: what `--workers` defaults to. */
export function defaultWorkers(): number {
  return availableParallelism();
}

/** The file piscina loads in each worker. */
export function workerFilename(): string {
  const here = new URL(import.meta.url);
  const fromSource = here.pathname.endsWith('.ts');
  return fileURLToPath(new URL(fromSource ? './worker-dev.mjs' : './worker.js', here));
}

/** A piscina pool of exactly `threads` worker threads (one process, one V8 platform). */
export const createPoolExecutor: ExecutorFactory = (threads) => {
  const pool = new Piscina<WorkerTask, WorkerReply>({
    filename: workerFilename(),
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: 60_000,
  });
  let peak: number | null = null;
  return {
    async run(variant) {
      const reply = await pool.run({ variant });
      peak = Math.max(peak ?? 0, reply.heapUsedBytes);
      return { metrics: reply.metrics, consumerFailure: reply.consumerFailure };
    },
    close: () => pool.destroy(),
    peakHeapBytes: () => peak,
  };
};
