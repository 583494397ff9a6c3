/**
 * Scenario errors. Every problem is reported as `file: path: expected X, found Y` so a user can fix
 * the file from the message alone, and all problems of a file are reported at once so fixing a
 * scenario takes one round trip, not one per mistake.
 */
import { PelsimError } from '../errors.js';

/** One step of a path into a scenario: an object key or a list index. */
export type PathSegment = string | number;

/** What kind of failure a problem is; decides how its line is formatted. */
export type ProblemKind = 'schema' | 'syntax' | 'io';

/** A single thing wrong with a scenario. */
export interface ScenarioProblem {
  readonly kind: ProblemKind;
  /** Dotted path such as `variants[1].deployment.replicas`; '' for the file as a whole. */
  readonly path: string;
  /** The same path as segments, for tools that want to walk the document. */
  readonly segments: readonly PathSegment[];
  /** What a valid value looks like, e.g. `an integer >= 0`. */
  readonly expected: string;
  /** What the file held, e.g. `-1`, `"abc"`, `nothing`. */
  readonly found: string;
  /** 1-based position in the file, when known (always for syntax errors). */
  readonly line?: number;
  readonly column?: number;
}

/** A problem before it is placed in a file: what the schema and converters produce. */
export interface Issue {
  readonly segments: readonly PathSegment[];
  readonly expected: string;
  readonly found: string;
}

/**
 * An input error for anything wrong with a scenario (or a duration flag); lists every problem found.
 * `file` is the file as the user named it, `<inline>` for objects, undefined for CLI flags; `path`,
 * `expected` and `found` are those of the first problem (see {@link ScenarioError.problems} for all).
 */
export class ScenarioError extends PelsimError {
  override readonly name = 'ScenarioError';
  declare readonly path: string;
  declare readonly expected: string;
  declare readonly found: string;
  /** Every problem of the file, in the order found. */
  readonly problems: readonly ScenarioProblem[];

  constructor(file: string | undefined, problems: readonly ScenarioProblem[]) {
    const first = problems[0];
    if (first === undefined) throw new RangeError('ScenarioError needs at least one problem');
    super('input', problems.map((p) => formatProblem(file, p)).join('\n'), {
      file, path: first.path, expected: first.expected, found: first.found,
    });
    this.problems = problems;
  }
}

/** One line of a {@link ScenarioError} message. */
export function formatProblem(file: string | undefined, p: ScenarioProblem): string {
  if (p.kind === 'syntax') {
    const where = `${file ?? '<inline>'}:${p.line ?? 1}:${p.column ?? 1}`;
    return `${where}: malformed ${p.expected}: ${p.found}`;
  }
  if (p.kind === 'io') return `${file ?? '<inline>'}: cannot read the file: ${p.found}`;
  const parts = [file, p.path === '' ? undefined : p.path, `expected ${p.expected}, found ${p.found}`];
  return parts.filter((s) => s !== undefined).join(': ');
}

/** A schema problem at `segments` (prefixed by `prefix`, e.g. `['variants', 1]`). */
export function toProblem(issue: Issue, prefix: readonly PathSegment[] = []): ScenarioProblem {
  const segments = [...prefix, ...issue.segments];
  return { kind: 'schema', path: formatPath(segments), segments, expected: issue.expected, found: issue.found };
}

/** `['variants', 1, 'deployment']` → `variants[1].deployment`. */
export function formatPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(s)) out += out === '' ? s : `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

const MAX_FOUND = 60;

/** How a value reads in a message: JSON, shortened; `nothing` when the key is absent. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > MAX_FOUND ? `${text.slice(0, MAX_FOUND - 1)}…` : text;
}

/** The value at `segments` inside `root`, or undefined when any step is missing. */
export function valueAt(root: unknown, segments: readonly PathSegment[]): unknown {
  let here = root;
  for (const s of segments) {
    if (here === null || typeof here !== 'object') return undefined;
    here = (here as Record<PathSegment, unknown>)[s];
  }
  return here;
}

/** The close match for a misspelt key, if there is exactly one obvious candidate. */
export function suggestKey(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = editDistance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  // A third of the key's length keeps suggestions for typos, not for unrelated words.
  return bestDistance <= Math.max(1, Math.floor(key.length / 3)) ? best : undefined;
}

// Every index read below is at most b.length and filled before it is read, hence the `!`s.
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}
