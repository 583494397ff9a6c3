/**
 * Writing into an output folder safely. Every file goes to a temporary name beside its target and
 * is renamed into place (no half-written file under a real name); before anything is written, every
 * target is checked: a file pelsim did not write (absent from the manifest) is never overwritten.
 * Afterwards files of the rewritten groups that this write did not produce are removed (only
 * those the manifest lists), and the manifest is updated.
 */
import { lstat, mkdir, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fsReason, outError } from './errors.js';
import { MANIFEST_FILE, isInside, manifestText, readManifest, type Manifest, type OutputGroup } from './manifest.js';

/** How an output folder was named on the command line, for messages: `--out reports/x`. */
export interface OutLabel {
  readonly flag: string;
  readonly given: string;
}

/** A write session into one output folder. */
export class OutputFolder {
  private readonly written = new Map<string, OutputGroup>();
  private readonly temps = new Set<string>();

  private constructor(
    /** Absolute folder. */
    readonly dir: string,
    private readonly label: OutLabel,
    private readonly manifest: Manifest,
    /** The folders this session created, outermost first: taken away again if it fails. */
    private readonly created: readonly string[] = [],
  ) {}

  /** Creates `dir` if needed and reads its manifest. A folder that cannot be made is an input error. */
  static async open(dir: string, label: OutLabel): Promise<OutputFolder> {
    let created: string[];
    try {
      created = await makeFolder(dir);
    } catch (error) {
      throw outError(label.flag, label.given, `cannot create the folder (${fsReason(error)})`);
    }
    return new OutputFolder(dir, label, await readManifest(dir), created);
  }

  /** The folder as it is, without creating it: for checks before any work. */
  static async inspect(dir: string, label: OutLabel): Promise<OutputFolder> {
    return new OutputFolder(dir, label, await readManifest(dir));
  }

  /** Files of `group` an earlier pelsim command wrote here (0: nothing of that kind to replace). */
  previous(group: OutputGroup): number {
    let n = 0;
    for (const g of this.manifest.values()) if (g === group) n++;
    return n;
  }

  /**
   * Checks, before anything is written, that each of `rels` may be written: absent, or listed in
   * the manifest. Throws an input error naming the first foreign file.
   */
  async claim(rels: Iterable<string>): Promise<void> {
    for (const rel of rels) {
      if (!isInside(rel)) throw new Error(`pelsim tried to write outside its output folder: ${JSON.stringify(rel)}`);
      const found = await lstat(join(this.dir, rel)).catch(() => undefined);
      if (found === undefined) continue;
      if (!found.isFile()) throw outError(this.label.flag, this.label.given, `${rel} is in the way (a folder or link pelsim did not write)`);
      if (!this.manifest.has(rel)) {
        throw outError(
          this.label.flag,
          this.label.given,
          `${rel} is already there and pelsim did not write it (it is not in ${MANIFEST_FILE}); ` +
            'pelsim overwrites only its own files: move it or choose another folder',
        );
      }
    }
  }

  /** A temporary path beside `rel`, for streaming a large file; {@link adopt} renames it into place. */
  async tempFor(rel: string): Promise<string> {
    const temp = join(this.dir, dirname(rel), `.${rel.split('/').pop() ?? 'out'}.${process.pid}.tmp`);
    await makeFolder(dirname(temp));
    this.temps.add(temp);
    return temp;
  }

  /** Moves a finished temporary file (from {@link tempFor}) to `rel`. */
  async adopt(group: OutputGroup, rel: string, temp: string): Promise<void> {
    await this.fs(() => rename(temp, join(this.dir, rel)));
    this.temps.delete(temp);
    this.written.set(rel, group);
  }

  /** Writes `content` to `rel` through a temporary file. Call {@link claim} for it first. */
  async write(group: OutputGroup, rel: string, content: string | Uint8Array): Promise<void> {
    const temp = await this.fs(() => this.tempFor(rel));
    await this.fs(() => writeFile(temp, content));
    await this.adopt(group, rel, temp);
  }

  /**
   * Removes files of `groups` that the manifest lists and this session did not write, then writes
   * the manifest. Returns the paths written, relative, sorted.
   */
  async finish(groups: readonly OutputGroup[]): Promise<string[]> {
    const next: Manifest = new Map();
    for (const [rel, group] of this.manifest) {
      if (this.written.has(rel)) continue;
      if (groups.includes(group)) await rm(join(this.dir, rel), { force: true });
      else next.set(rel, group);
    }
    for (const [rel, group] of this.written) next.set(rel, group);
    const temp = join(this.dir, `${MANIFEST_FILE}.${process.pid}.tmp`);
    await this.fs(() => writeFile(temp, manifestText(next)));
    await this.fs(() => rename(temp, join(this.dir, MANIFEST_FILE)));
    return [...this.written.keys()].sort();
  }

  /** Removes temporary files left by a failed session. */
  async abandon(): Promise<void> {
    for (const temp of this.temps) await rm(temp, { force: true });
    this.temps.clear();
    // Folders this session made, if still empty: a failed command leaves nothing behind.
    for (const folder of [...this.created].reverse()) await rmdir(folder).catch(() => undefined);
  }

  /** Runs a file-system step; its failure (disk full, permissions) is an input error about --out. */
  private async fs<T>(step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (error) {
      await this.abandon();
      throw outError(this.label.flag, this.label.given, `cannot write there (${fsReason(error)})`);
    }
  }
}

/**
 * Writes `files` (relative path → content) into `dir` as `group`: claims all first, then writes,
 * then tidies and records. Returns the folder session's result and how many files of the group an
 * earlier command had written there (0: nothing replaced).
 */
export async function writeGroup(
  dir: string,
  label: OutLabel,
  group: OutputGroup,
  files: ReadonlyMap<string, string | Uint8Array>,
): Promise<{ readonly files: string[]; readonly replaced: number }> {
  const folder = await OutputFolder.open(dir, label);
  const replaced = folder.previous(group);
  await folder.claim(files.keys());
  for (const [rel, content] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) await folder.write(group, rel, content);
  return { files: await folder.finish([group]), replaced };
}

/**
 * `mkdir -p` one level at a time; returns the folders it made, outermost first. Node's `mkdir(…, { recursive: true })` spins forever on some
 * paths it cannot create (under /proc, for one); this fails at the first level that cannot be made.
 */
async function makeFolder(dir: string): Promise<string[]> {
  const missing: string[] = [];
  for (let at = dir; ; at = dirname(at)) {
    const found = await stat(at).catch(() => undefined);
    if (found !== undefined) break;
    missing.push(at);
    if (dirname(at) === at) break;
  }
  const created: string[] = [];
  for (const folder of missing.reverse()) {
    await mkdir(folder).then(
      () => created.push(folder),
      (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
      },
    );
  }
  return created;
}
