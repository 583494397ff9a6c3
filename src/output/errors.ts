import { inputError, type PelsimError } from '../errors.js';

/** An --out problem: an input error whose message starts with the flag and the path as given. */
export function outError(flag: string, out: string, problem: string): PelsimError {
  return inputError(`${flag === '' ? '' : `${flag} `}${out}: ${problem}`, { path: flag, found: out });
}

/** The reason of a file-system error, without Node's syscall noise (`EACCES: permission denied, mkdir '…'`). */
export function fsReason(error: unknown): string {
  if (error instanceof Error && 'code' in error) {
    const code = String((error as NodeJS.ErrnoException).code);
    const known: Record<string, string> = {
      EACCES: 'permission denied',
      ENOENT: 'no such file or folder',
      EPERM: 'operation not permitted',
      EROFS: 'read-only file system',
      ENOSPC: 'no space left on the device',
      ENOTDIR: 'a part of the path is a file, not a folder',
      EEXIST: 'a file is in the way',
      EISDIR: 'a folder is in the way',
      ENAMETOOLONG: 'the name is too long',
    };
    return known[code] ?? `${code}: ${error.message.replace(/^[A-Z]+: /, '')}`;
  }
  return error instanceof Error ? error.message : String(error);
}
