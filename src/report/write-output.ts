import { mkdir, mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** Relative path (with `/`) → content. */
export type OutputFiles = ReadonlyMap<string, string | Uint8Array>;

/**
 * Writes `files` into `dir` so a failure leaves no half-written report: everything is written into
 * a staging folder inside `dir` (same file system, so renames are atomic) and only then renamed
 * into place. Top-level folders in `files` (charts/) are swapped whole, so charts of a variant
 * that no longer exists do not linger. Returns the paths written, sorted.
 */
export async function writeOutputs(dir: string, files: OutputFiles): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const staging = await mkdtemp(join(dir, '.report-staging-'));
  try {
    for (const [rel, content] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const target = join(staging, rel);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, content);
    }
    const folders = new Set([...files.keys()].filter((rel) => rel.includes('/')).map((rel) => rel.split('/')[0]));
    for (const folder of [...folders].sort()) {
      const current = join(dir, folder);
      if (await stat(current).catch(() => null)) await rename(current, join(staging, `.previous-${folder}`));
      await rename(join(staging, folder), current);
    }
    for (const rel of [...files.keys()].filter((r) => !r.includes('/')).sort()) await rename(join(staging, rel), join(dir, rel));
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return [...files.keys()].map((rel) => join(dir, rel)).sort();
}
