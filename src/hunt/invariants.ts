/** The invariants `pelsim hunt` searches for violations of: named ones, or any expectation expression. */
import { ExpectationError, parseExpectation, type Expectation } from '../check/index.js';

/** Named invariants and the expectation each stands for. */
export const INVARIANTS = {
  'no-duplicate-prs': 'duplicatePRs == 0',
  'no-stranded-issues': 'strandedIssues == 0',
  'no-lost-issues': 'lostIssues == 0',
} as const;

/** A named invariant. */
export type InvariantName = keyof typeof INVARIANTS;

/** An invariant resolved to the expectation every run must satisfy. */
export interface ResolvedInvariant {
  /** The name as given (`no-duplicate-prs`) or the expression itself. */
  readonly name: string;
  readonly expectation: Expectation;
}

/**
 * A named invariant, or an expression `<metric> <op> <number>` (e.g. `issuesPerHour >= 1.5`).
 * Throws an `ExpectationError` naming both forms when `text` is neither.
 */
export function resolveInvariant(text: string): ResolvedInvariant {
  const name = text.trim();
  if (Object.hasOwn(INVARIANTS, name)) {
    return { name, expectation: parseExpectation(INVARIANTS[name as InvariantName]) };
  }
  if (/^[a-z]+(-[a-z]+)+$/.test(name)) {
    throw new ExpectationError(text, `an invariant, one of ${Object.keys(INVARIANTS).join(', ')}, or an expression <metric> <op> <number>`, JSON.stringify(name));
  }
  return { name, expectation: parseExpectation(text) };
}
