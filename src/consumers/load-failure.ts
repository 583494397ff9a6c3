/**
 * Why a consumer module failed to load, in one line a user can act on. tsx compiles TypeScript
 * modules with esbuild, whose error message is a header ("Transform failed with 1 error:") followed
 * by one `file:line:column: ERROR: text` line per error: the location and the compiler's own words
 * are on those lines, not the first. Node's SyntaxError for a JavaScript module carries no location
 * at all (and under vitest the module runner's parser reports it instead); `node --check` prints
 * Node's own report with the place (see {@link nodeSyntaxError}).
 */
import { spawnSync } from 'node:child_process';

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

/** How long `node --check` may take on one file before pelsim reports the error without a place. */
const CHECK_TIMEOUT_MS = 10_000;

/** The first compiler error of a failed load, with its location when the message carries one. */
export function describeLoadFailure(error: unknown): LoadFailure {
  if (!(error instanceof Error)) return { reason: `could not be loaded: ${String(error)}` };
  const lines = error.message.split('\n');
  const located = lines.map((l) => ESBUILD_LINE.exec(l.trim())).filter((m): m is RegExpExecArray => m !== null);
  const first = located[0];
  if (first !== undefined) {
    const more = located.length > 1 ? ` (and ${located.length - 1} more error${located.length === 2 ? '' : 's'})` : '';
    // esbuild counts columns from 0; editors, tsc and Node count them from 1.
    return { line: Number(first[2]), column: Number(first[3]) + 1, reason: `could not be compiled: ${first[4] ?? ''}${more}` };
  }
  const kind = error.name === 'SyntaxError' ? 'syntax error' : `could not be loaded (${error.name})`;
  return { reason: `${kind}: ${lines[0] ?? ''}` };
}

/**
 * A JavaScript module's syntax error as `node --check` reports it: `file:line`, the source line, a
 * caret under the column, then `SyntaxError: message`. Undefined when the file parses (the load
 * failed for another reason) or the report has another shape.
 */
export function nodeSyntaxError(file: string): Required<LoadFailure> | undefined {
  const check = spawnSync(process.execPath, ['--check', file], { encoding: 'utf8', timeout: CHECK_TIMEOUT_MS });
  return check.status === 0 ? undefined : parseNodeCheck(check.stderr);
}

/** The place and message of a `node --check` report. */
export function parseNodeCheck(report: string): Required<LoadFailure> | undefined {
  const lines = report.split('\n');
  const line = /:(\d+)$/.exec(lines[0] ?? '')?.[1];
  const caret = lines.findIndex((l, i) => i > 0 && /^\s*\^+\s*$/.test(l));
  const message = lines.find((l) => l.startsWith('SyntaxError: '))?.slice('SyntaxError: '.length);
  if (line === undefined || caret < 0 || message === undefined) return undefined;
  return { line: Number(line), column: (lines[caret]?.indexOf('^') ?? 0) + 1, reason: `syntax error: ${message}` };
}
