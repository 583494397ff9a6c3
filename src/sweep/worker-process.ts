/**
 * A sweep worker process (forked by process-pool.ts): receives runs over IPC, simulates them one
 * at a time in arrival order and answers each with its metrics — never the trace. Exits when the
 * parent closes the channel.
 */
import { getHeapStatistics } from 'node:v8';
import type { ConsumerFailure, Metrics } from '../metrics/types.js';
import type { QualifiedVariant } from '../scenario/types.js';
import runSweepTask from './worker.js';
import { workerFailure, type WorkerFailure } from './worker-failure.js';

/** What the parent sends: one run. */
export interface ProcessRequest {
  readonly id: number;
  readonly variant: QualifiedVariant;
  /** Collect garbage before reporting the heap, so it is the live heap (bench: memory per worker). */
  readonly collectGarbage?: boolean;
}

/** The worker's CPU time so far, in µs: all of it, and the part spent inside runs (start-up excluded). */
export interface WorkerCpu {
  readonly cpuMicros: number;
  readonly runCpuMicros: number;
}

/** What a worker answers for run `id`, with its CPU time so far (bench: cost per worker). */
export type ProcessReply = WorkerCpu &
  (
    | { readonly id: number; readonly ok: true; readonly metrics: Metrics; readonly consumerFailure: ConsumerFailure | null; readonly heapUsedBytes: number }
    | { readonly id: number; readonly ok: false; readonly error: WorkerFailure }
  );

function cpuMicros(): number {
  const used = process.cpuUsage();
  return used.user + used.system;
}

let runCpuMicros = 0;

// Only when forked: imported anywhere else (a type import is erased) this file does nothing.
if (process.send !== undefined) {
  let chain = Promise.resolve();
  const send = (reply: ProcessReply): void => {
    process.send?.(reply);
  };
  process.on('message', (request: ProcessRequest) => {
    // One run at a time: runs never interleave, so each behaves exactly as it would alone.
    chain = chain.then(async () => {
      // Two CPU readings per run, no more: each is a getrusage call.
      const before = cpuMicros();
      try {
        const { metrics, consumerFailure, heapUsedBytes } = await runSweepTask({ variant: request.variant });
        const after = cpuMicros();
        runCpuMicros += after - before;
        // Started with --expose-gc (process-pool.ts); only a benchmark asks for it, to read the live heap.
        const heap = request.collectGarbage === true && globalThis.gc !== undefined ? (globalThis.gc(), getHeapStatistics().used_heap_size) : heapUsedBytes;
        send({ id: request.id, ok: true, metrics, consumerFailure, heapUsedBytes: heap, cpuMicros: after, runCpuMicros });
      } catch (error) {
        const after = cpuMicros();
        runCpuMicros += after - before;
        send({ id: request.id, ok: false, error: workerFailure(error), cpuMicros: after, runCpuMicros });
      }
    });
  });
  process.on('disconnect', () => {
    void chain.then(() => process.exit(0));
  });
}
