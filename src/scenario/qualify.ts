/**
 * Raw scenario (parsed YAML/JSON, or an object from code) → {@link QualifiedScenario}. Validates
 * the base and every merged variant, collects every problem, and throws them together.
 */
import { resolve } from 'node:path';
import { DEFAULTS } from './defaults.js';
import { ScenarioError, describeValue, toProblem, type Issue, type ScenarioProblem } from './errors.js';
import { qualifyRun } from './convert.js';
import { issuesFromZod } from './issues.js';
import { isPlainObject } from './merge.js';
import { baseSchema, variantSchema } from './schema.js';
import type { QualifiedScenario, QualifiedVariant } from './types.js';
import { mergeVariant, readVariants, runPart } from './variants.js';

/** The `file` of errors about objects that did not come from a file. */
export const INLINE_SOURCE = '<inline>';

/**
 * Validates `input` and applies every default. `source` names the input in errors (and, resolved,
 * becomes {@link QualifiedScenario.source}); `baseDir` is where `consumer.module` paths are resolved
 * (default: the directory of `source`, else the working directory). Throws a {@link ScenarioError}
 * listing every problem.
 */
export function qualifyScenario(input: unknown, source?: string, baseDir?: string): QualifiedScenario {
  const file = source ?? INLINE_SOURCE;
  const dir = baseDir ?? (source === undefined ? process.cwd() : resolve(source, '..'));
  if (!isPlainObject(input)) {
    throw new ScenarioError(file, [toProblem({ segments: [], expected: 'an object with at least a name', found: describeValue(input) })]);
  }

  const problems: ScenarioProblem[] = [];
  const baseIssues: Issue[] = [];
  const base = baseSchema.safeParse(input);
  if (!base.success) baseIssues.push(...issuesFromZod(base.error.issues, input));
  const entries = readVariants(input.variants, baseIssues);
  const baseRun = runPart(input);
  // Without variants the base is the one run; with them it is still checked on its own, so a
  // mistake in the base is reported once rather than once per variant.
  const baseAsRun = base.success ? variantSchema.safeParse({ name: DEFAULTS.variantName, ...baseRun }) : undefined;
  const own = baseAsRun?.success ? qualifyRun(baseAsRun.data, dir, baseIssues) : undefined;
  problems.push(...baseIssues.map((issue) => toProblem(issue)));

  const seen = new Set(baseIssues.map(issueKey));
  const variants: QualifiedVariant[] = [];
  for (const entry of entries ?? []) {
    const merged = mergeVariant(baseRun, entry);
    const issues: Issue[] = [];
    const parsed = variantSchema.safeParse(merged);
    if (!parsed.success) issues.push(...issuesFromZod(parsed.error.issues, merged));
    const variant = parsed.success ? qualifyRun(parsed.data, dir, issues) : undefined;
    // A problem the base already has is the base's, whichever variant inherits it.
    const fresh = issues.filter((issue) => !seen.has(issueKey(issue)));
    problems.push(...fresh.map((issue) => toProblem(issue, ['variants', entry.index])));
    if (variant !== undefined) variants.push(variant);
  }

  if (problems.length > 0) throw new ScenarioError(file, dedupe(problems));
  const name = (input as { name: string }).name;
  const description = typeof input.description === 'string' ? input.description : '';
  return {
    name,
    description,
    source: source === undefined ? INLINE_SOURCE : resolve(source),
    seed: own?.seed ?? DEFAULTS.seed,
    variants: entries === undefined && own !== undefined ? [own] : variants,
  };
}

function issueKey(issue: Issue): string {
  return JSON.stringify([issue.segments, issue.expected, issue.found]);
}

function dedupe(problems: ScenarioProblem[]): ScenarioProblem[] {
  const keys = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path}\u0000${p.expected}\u0000${p.found}`;
    if (keys.has(key)) return false;
    keys.add(key);
    return true;
  });
}
