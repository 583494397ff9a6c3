/**
 * Why a consumer module failed to load, in one line a user can act on. tsx compiles TypeScript
 * modules with esbuild, whose error message is a header ("Transform failed with 1 error:") followed
 * by one `file:line:column: ERROR: text` line per error: the location and the compiler's own words
 * are on those lines, not the first.
 */

/** Where in the module the loader stopped, and what it said there. */
export interface LoadFailure {
  /** 1-based line and column, when the compiler gave them. */
  readonly line?: number;
  readonly column?: number;
  /** The compiler's (or Node's) message, e.g. `syntax error: Unexpected ";"`. */
  readonly reason: string;
}

/** `file:line:column: ERROR: text` or `…: WARNING: text`, as esbuild prints each message. */
const ESBUILD_LINE = /^(.*):(\d+):(\d+): ERROR: (.*)$/;

/** The first compiler error of a failed load, with its location when the message carries one. */
export function describeLoadFailure(error: unknown): LoadFailure {
  if (!(error instanceof Error)) return { reason: `could not be loaded: ${String(error)}` };
  const lines = error.message.split('\n');
  const located = lines.map((l) => ESBUILD_LINE.exec(l.trim())).filter((m): m is RegExpExecArray => m !== null);
  const first = located[0];
  if (first !== undefined) {
    const more = located.length > 1 ? ` (and ${located.length - 1} more error${located.length === 2 ? '' : 's'})` : '';
    return { line: Number(first[2]), column: Number(first[3]), reason: `could not be compiled: ${first[4] ?? ''}${more}` };
  }
  const kind = error.name === 'SyntaxError' ? 'syntax error' : `could not be loaded (${error.name})`;
  return { reason: `${kind}: ${lines[0] ?? ''}` };
}
