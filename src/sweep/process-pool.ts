/**
 * The default sweep executor: one child process per worker, each running runs one at a time.
 *
 * Why processes and not worker threads: a run allocates heavily, and the worker threads of one
 * process share one V8 platform whose GC helper threads then compete for the same cores, so two
 * threads ran at 0.9-1.3x of one on a 2-core machine. A child process has its own heap and GC and is
 * started with `--single-threaded-gc`: each worker then uses one core, no more, and N workers on N
 * idle cores run N times as many runs (bench/sweep.ts measures both executors).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { QualifiedVariant } from '../scenario/types.js';
import type { ExecutorFactory, RunOutcome, TaskExecutor } from './pool.js';
import type { ProcessReply, ProcessRequest } from './worker-process.js';
import { failureError } from './worker-failure.js';

/**
 * V8 flags of every worker process. A young generation larger than the default 16 MiB lets most of
 * a run's short-lived objects die before a scavenge has to copy them.
 */
export const WORKER_PROCESS_FLAGS: readonly string[] = ['--single-threaded-gc', '--max-semi-space-size=32', '--expose-gc'];

/** Runs a worker keeps queued beyond the one it runs, so it never waits for the parent between runs. */
const QUEUED_PER_WORKER = 1;

interface Job {
  readonly id: number;
  readonly variant: QualifiedVariant;
  readonly collectGarbage: boolean;
  resolve(outcome: RunOutcome): void;
  reject(error: Error): void;
}

interface Worker {
  readonly child: ChildProcess;
  readonly running: Map<number, Job>;
  /** The worker's CPU time (user + system, µs) at its latest reply: all of it, and inside runs. */
  cpuMicros: number;
  runCpuMicros: number;
  /** The worker's V8 heap in use after its latest run. */
  heapBytes: number;
  exited: boolean;
}

function workerEntry(): { file: string; execArgv: string[] } {
  const here = new URL(import.meta.url);
  if (!here.pathname.endsWith('.ts')) return { file: fileURLToPath(new URL('./worker-process.js', here)), execArgv: [] };
  // From the TypeScript sources (tests, a checkout): the child needs tsx to load worker-process.ts.
  return { file: fileURLToPath(new URL('./worker-process.ts', here)), execArgv: ['--import', import.meta.resolve('tsx')] };
}

/** A process pool; besides runs it tells each worker's CPU time and heap (for bench/). */
export interface ProcessExecutor extends TaskExecutor {
  /** `collectGarbage`: the worker collects garbage before it reports its heap (bench: live heap). */
  run(variant: QualifiedVariant, options?: { readonly collectGarbage?: boolean }): Promise<RunOutcome>;
  workerCpuSeconds(): number[];
  /** CPU seconds each worker spent inside runs (its start-up excluded). */
  workerRunCpuSeconds(): number[];
  /** Each worker's V8 heap in use after its latest run, in bytes. */
  workerHeapBytes(): number[];
}

/** A pool of exactly `workers` child processes. */
export const createProcessExecutor = ((workers: number): ProcessExecutor => {
  const entry = workerEntry();
  const queue: Job[] = [];
  const pool: Worker[] = [];
  let nextId = 0;
  let peak: number | null = null;
  let closing = false;

  const pump = (): void => {
    while (queue.length > 0) {
      // The least busy live worker takes the next run.
      let target: Worker | undefined;
      for (const worker of pool) {
        if (worker.exited || worker.running.size > QUEUED_PER_WORKER) continue;
        if (target === undefined || worker.running.size < target.running.size) target = worker;
      }
      if (target === undefined) return;
      const job = queue.shift() as Job;
      target.running.set(job.id, job);
      const request: ProcessRequest = { id: job.id, variant: job.variant, collectGarbage: job.collectGarbage };
      target.child.send(request);
    }
  };

  for (let i = 0; i < workers; i++) {
    const child = fork(entry.file, [], {
      // Never inherit the parent's flags (a profiler, vitest's loader): every worker runs alike.
      execArgv: [...entry.execArgv, ...WORKER_PROCESS_FLAGS],
      // Structured clone, like worker threads: NaN, -0 and undefined survive exactly as computed.
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const worker: Worker = { child, running: new Map(), cpuMicros: 0, runCpuMicros: 0, heapBytes: 0, exited: false };
    pool.push(worker);
    child.on('message', (message: ProcessReply) => {
      const job = worker.running.get(message.id);
      if (job === undefined) return;
      worker.running.delete(message.id);
      worker.cpuMicros = message.cpuMicros;
      worker.runCpuMicros = message.runCpuMicros;
      if (message.ok) {
        peak = Math.max(peak ?? 0, message.heapUsedBytes);
        worker.heapBytes = message.heapUsedBytes;
        job.resolve({ metrics: message.metrics, consumerFailure: message.consumerFailure });
      } else {
        job.reject(failureError(message.error));
      }
      pump();
    });
    child.on('exit', (code, signal) => {
      worker.exited = true;
      if (closing && worker.running.size === 0) return;
      const why = new Error(`sweep worker process ${child.pid} exited (${signal ?? `code ${code}`}) with ${worker.running.size} run(s) unfinished`);
      for (const job of worker.running.values()) job.reject(why);
      worker.running.clear();
      // Nobody left to run the queue: fail it rather than hang.
      if (pool.every((w) => w.exited)) for (const job of queue.splice(0)) job.reject(why);
      else pump();
    });
  }

  const executor: ProcessExecutor = {
    run(variant, options = {}) {
      return new Promise<RunOutcome>((resolve, reject) => {
        if (closing) {
          reject(new Error('the sweep pool is closed'));
          return;
        }
        queue.push({ id: nextId++, variant, collectGarbage: options.collectGarbage === true, resolve, reject });
        pump();
      });
    },
    async close() {
      closing = true;
      await Promise.all(
        pool.map(
          (worker) =>
            new Promise<void>((resolve) => {
              if (worker.exited) return resolve();
              worker.child.once('exit', () => resolve());
              // Closing the channel ends the worker's loop; it exits once its run finished.
              worker.child.disconnect();
            }),
        ),
      );
    },
    peakHeapBytes: () => peak,
    workerCpuSeconds: () => pool.map((w) => w.cpuMicros / 1e6),
    workerRunCpuSeconds: () => pool.map((w) => w.runCpuMicros / 1e6),
    workerHeapBytes: () => pool.map((w) => w.heapBytes),
  };
  return executor;
}) satisfies ExecutorFactory;
