/**
 * Checking an output folder before any work: so a bad --out costs nothing and leaves nothing
 * half-written. Catches a file where the folder should be, a file among its parents, a folder that
 * cannot be created or written, control characters in the name, and files pelsim would have to
 * overwrite but did not write.
 */
import { constants } from 'node:fs';
import { access, mkdir, rmdir, stat } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { CONTROL_IN_NAME } from '../scenario/limits.js';
import { fsReason, outError } from './errors.js';
import { OutputFolder, type OutLabel } from './folder.js';

/**
 * Throws an input error (exit 2, one line) when `out` cannot serve as an output folder, or when
 * one of `files` (relative paths) is there and pelsim did not write it.
 */
export async function checkOutFolder(out: string, label: OutLabel, files: readonly string[] = []): Promise<void> {
  const fail = (problem: string): never => {
    throw outError(label.flag, label.given, problem);
  };
  if (out === '') fail('expected a folder name, found an empty string');
  if (CONTROL_IN_NAME.test(out)) fail('expected a folder name without control characters');
  const dir = resolve(out);
  const found = await stat(dir).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : error));
  if (found instanceof Error) {
    if (found.code !== 'ENOTDIR') fail(`cannot use it (${fsReason(found)})`);
  } else if (found !== undefined) {
    if (!found.isDirectory()) fail('expected a folder, found a file');
    await access(dir, constants.W_OK | constants.X_OK).catch((error: unknown) => fail(`cannot write in it (${fsReason(error)})`));
    if (files.length > 0) await (await OutputFolder.inspect(dir, label)).claim(files);
    return;
  }
  // The folder does not exist yet (or a file is among its parents): its nearest existing parent
  // must be a folder we may write in.
  for (let child = dir, parent = dirname(dir); ; child = parent, parent = dirname(parent)) {
    const s = await stat(parent).catch(() => undefined);
    if (s !== undefined) {
      if (!s.isDirectory()) fail(`${shown(out, dir, parent)} is a file, not a folder`);
      await access(parent, constants.W_OK | constants.X_OK).catch((error: unknown) =>
        fail(`cannot create it: ${shown(out, dir, parent)} is not writable (${fsReason(error)})`),
      );
      // Permission bits do not tell everything (root, read-only mounts, /proc): make the first
      // missing level and take it away again.
      await mkdir(child).catch((error: unknown) => fail(`cannot create the folder (${fsReason(error)})`));
      await rmdir(child);
      return;
    }
    if (dirname(parent) === parent) return;
  }
}

/** `path` as the user would recognise it: relative to where `out` is, when `out` was relative. */
function shown(out: string, dir: string, path: string): string {
  if (resolve(out) !== dir) return path;
  const rel = relative(process.cwd(), path);
  return out.startsWith('/') || rel.startsWith('..') ? path : rel || '.';
}
