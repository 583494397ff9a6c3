/**
 * Progress of a running sweep: a cli-progress bar (done/total, runs/s, ETA) on a terminal, and a
 * plain line every few seconds otherwise (CI logs, `kubectl logs`), so logs stay readable.
 */
import { Presets, SingleBar } from 'cli-progress';
import type { SweepProgress } from './run-sweep.js';

/** Shows a sweep's progress. */
export interface ProgressReporter {
  start(total: number, done: number): void;
  update(progress: SweepProgress): void;
  stop(): void;
}

/** Where and how to show progress. */
export interface ProgressTarget {
  /** The terminal stream for the bar; without one, plain lines go to {@link write}. */
  readonly tty?: NodeJS.WritableStream;
  readonly write: (text: string) => void;
  /** Least time between two plain lines (default 10 s); the last line always shows. */
  readonly intervalMs?: number;
}

/** `95` → `1m35s`. */
export function formatSeconds(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/** A bar on `target.tty`, else plain lines through `target.write`. */
export function createProgressReporter(target: ProgressTarget): ProgressReporter {
  return target.tty === undefined ? plainLines(target.write, target.intervalMs ?? 10_000) : bar(target.tty);
}

function bar(stream: NodeJS.WritableStream): ProgressReporter {
  const progress = new SingleBar(
    {
      stream,
      format: 'sweep {bar} {value}/{total} runs | {rate} runs/s | ETA {left}',
      hideCursor: true,
      etaBuffer: 50,
    },
    Presets.shades_classic,
  );
  return {
    start: (total, done) => progress.start(total, done, { rate: '-', left: '?' }),
    update: (p) => progress.update(p.done, { rate: p.runsPerSecond.toFixed(1), left: formatSeconds(p.etaSeconds) }),
    stop: () => progress.stop(),
  };
}

function plainLines(write: (text: string) => void, intervalMs: number): ProgressReporter {
  let last = 0;
  let latest: SweepProgress | undefined;
  let shown: SweepProgress | undefined;
  const line = (p: SweepProgress) => {
    const pct = p.total === 0 ? 100 : Math.floor((100 * p.done) / p.total);
    write(`sweep: ${p.done}/${p.total} runs (${pct}%), ${p.runsPerSecond.toFixed(1)} runs/s, ETA ${formatSeconds(p.etaSeconds)}\n`);
    shown = p;
    last = Date.now();
  };
  return {
    start: (total, done) => {
      last = Date.now();
      if (done > 0) write(`sweep: resuming at ${done}/${total} runs\n`);
    },
    update: (p) => {
      latest = p;
      if (p.done === p.total || Date.now() - last >= intervalMs) line(p);
    },
    stop: () => {
      if (latest !== undefined && latest !== shown) line(latest);
    },
  };
}
