/**
 * The checkpoint: a JSONL file in the output folder, a header line naming the sweep, then one line
 * per finished run, written the moment the run's result arrives (so `kill -9` loses only runs in
 * flight) and fsync'd within {@link SYNC_EVERY_MS} and on close (so a power cut loses at most the
 * last second's runs). On resume a torn last line — the process died mid-write — is cut off before appending.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, truncateSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { SweepUsageError } from './errors.js';
import type { RunRecord, Shard } from './types.js';

/** File name of the checkpoint inside the output folder. */
export const CHECKPOINT_FILE = 'checkpoint.jsonl';

/** Longest time a written line waits for its fsync. */
export const SYNC_EVERY_MS = 1000;

/** What a checkpoint belongs to: a resume must match it exactly. */
export interface CheckpointHeader {
  readonly checkpoint: 'pelsim-sweep/1';
  readonly fingerprint: string;
  readonly shard: Shard | null;
}

/** An open checkpoint, appending runs. */
export class Checkpoint {
  private dirty = false;
  private readonly timer: NodeJS.Timeout;

  private constructor(
    private readonly fd: number,
    /** Runs already in the file when it was opened (resumed), in file order. */
    readonly resumed: readonly RunRecord[],
  ) {
    // One fsync per interval for however many lines arrived: cheap at hundreds of runs per second.
    this.timer = setInterval(() => this.sync(), SYNC_EVERY_MS).unref();
  }

  /**
   * Opens the checkpoint at `path`. A file there means an unfinished sweep: without `resume` that
   * is an error (never silently thrown away); with `resume` its runs are read back, and its header
   * must match `header`. No file: a fresh checkpoint.
   */
  static open(path: string, header: CheckpointHeader, resume: boolean): Checkpoint {
    mkdirSync(dirname(path), { recursive: true });
    const resumed = existsSync(path) ? readExisting(path, header, resume) : undefined;
    const fd = openSync(path, resumed === undefined ? 'w' : 'a');
    if (resumed === undefined) {
      writeSync(fd, `${JSON.stringify(header)}\n`);
      fsyncSync(fd);
    }
    return new Checkpoint(fd, resumed ?? []);
  }

  /** Appends one finished run (one `write`, so a line is whole unless the process dies inside it). */
  append(record: RunRecord): void {
    writeSync(this.fd, `${JSON.stringify(record)}\n`);
    this.dirty = true;
  }

  /** Forces what was appended to disk. */
  sync(): void {
    if (!this.dirty) return;
    fsyncSync(this.fd);
    this.dirty = false;
  }

  /** Syncs and closes the file. */
  close(): void {
    clearInterval(this.timer);
    this.sync();
    closeSync(this.fd);
  }
}

function readExisting(path: string, header: CheckpointHeader, resume: boolean): RunRecord[] | undefined {
  const text = readFileSync(path, 'utf8');
  const end = text.lastIndexOf('\n') + 1;
  const lines = text.slice(0, end).split('\n').slice(0, -1);
  const [headerLine] = lines;
  if (headerLine === undefined) return undefined; // died before the header was whole: start afresh
  if (!resume) {
    throw new SweepUsageError(
      `${path} holds an unfinished sweep (${lines.length - 1} runs done): pass --resume to finish it, or delete it to start over`,
    );
  }
  const found = parseLine(headerLine, path, 1) as Partial<CheckpointHeader>;
  if (found.checkpoint !== header.checkpoint || found.fingerprint !== header.fingerprint) {
    throw new SweepUsageError(`${path} belongs to another sweep (scenario, grid, seeds or variants differ): delete it or use another --out`);
  }
  if (JSON.stringify(found.shard ?? null) !== JSON.stringify(header.shard)) {
    const shard = (s: Shard | null | undefined) => (s == null ? 'no shard' : `shard ${s.index}/${s.count}`);
    throw new SweepUsageError(`${path} was written by ${shard(found.shard)}, not ${shard(header.shard)}`);
  }
  if (end < text.length) truncateSync(path, Buffer.byteLength(text.slice(0, end)));
  return lines.slice(1).map((line, i) => parseLine(line, path, i + 2) as RunRecord);
}

function parseLine(line: string, path: string, n: number): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    throw new SweepUsageError(`${path}:${n}: not a JSON line; the checkpoint is damaged (delete it to start over)`);
  }
}
