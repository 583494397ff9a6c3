/**
 * Turns zod issues into scenario problems. The schema's error messages are already the "expected"
 * phrases (see `schema-kit.ts`); what is left is reading the found value from the input, splitting
 * unknown keys one per problem, and seeing through unions to the alternative the user meant.
 */
import type * as z from 'zod';
import { describeValue, suggestKey, valueAt, type Issue, type PathSegment } from './errors.js';
import { knownKeysFrom } from './schema-kit.js';

type ZodIssue = z.core.$ZodIssue;

/** Problems for `issues` raised while validating `input`. */
export function issuesFromZod(issues: readonly ZodIssue[], input: unknown): Issue[] {
  const out: Issue[] = [];
  for (const issue of issues) collect(issue, [], input, out);
  return out;
}

function collect(issue: ZodIssue, base: readonly PathSegment[], input: unknown, out: Issue[]): void {
  const segments = [...base, ...issue.path.map(toSegment)];
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = knownKeysFrom(issue.message);
      for (const key of issue.keys) {
        const suggestion = suggestKey(key, known);
        const found = `unknown key "${key}"${suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`}`;
        out.push({ segments: [...segments, key], expected: issue.message, found });
      }
      return;
    }
    case 'invalid_union': {
      const branch = issue.errors.length === 0 ? undefined : intendedBranch(issue.errors, valueAt(input, segments));
      if (branch === undefined) break;
      for (const inner of branch) collect(inner, segments, input, out);
      return;
    }
    case 'custom': {
      const found = issue.params?.found;
      if (typeof found === 'string') {
        out.push({ segments, expected: issue.message, found });
        return;
      }
      break;
    }
  }
  out.push({ segments, expected: issue.message, found: describeValue(valueAt(input, segments)) });
}

function toSegment(key: PropertyKey): PathSegment {
  return typeof key === 'number' ? key : String(key);
}

/**
 * The alternative of a union the user evidently meant, judged by how far its issues got: one that
 * rejected the value's very type was not meant; one that only objects to deeper fields was. Returns
 * undefined when that is ambiguous, and the union's own message (listing every form) is reported.
 */
function intendedBranch(branches: readonly (readonly ZodIssue[])[], value: unknown): readonly ZodIssue[] | undefined {
  const ranks = branches.map((issues) => rank(issues, value));
  const best = Math.max(...ranks);
  const candidates = branches.filter((_, i) => ranks[i] === best);
  if (best === 0) return undefined;
  if (candidates.length === 1) return candidates[0];
  if (best < 2) return undefined;
  const fewest = Math.min(...candidates.map((c) => c.length));
  const tied = candidates.filter((c) => c.length === fewest);
  return tied.length === 1 ? tied[0] : undefined;
}

/** 0: wrong type; 1: right type, wrong value or keys at the top; 2: only deeper fields are wrong. */
function rank(issues: readonly ZodIssue[], value: unknown): number {
  let result = 2;
  for (const issue of issues) {
    if (issue.path.length > 0) continue;
    result = Math.min(result, rootRank(issue, value));
  }
  return result;
}

function rootRank(issue: ZodIssue, value: unknown): number {
  switch (issue.code) {
    case 'invalid_type':
      return 0;
    case 'invalid_value':
      // A string that is not one of the names was meant as a name; an object was not.
      return typeof value === issue.values.map((v) => typeof v)[0] ? 1 : 0;
    case 'invalid_union':
      return issue.errors.length === 0 ? 1 : Math.max(...issue.errors.map((inner) => rank(inner, value)));
    default:
      return 1;
  }
}
