/**
 * The verdict after a run: per variant, the safety findings (duplicate PRs by mechanism, stranded,
 * lost and idle pending issues) and one suggestion, drawn from the mechanisms the cause chains
 * name through {@link ADVICE}, never from the variant's name.
 */
import { ADVICE, type FindingKind } from '../../metrics/advice.js';
import type { DuplicateMechanism, VariantResult } from '../../metrics/types.js';
import { TERMINAL_WIDTH, wrapWords } from './wrap.js';

/** One safety finding of one variant's run. */
export interface Finding {
  readonly kind: FindingKind;
  /** Duplicate PRs for a mechanism, else issues. */
  readonly count: number;
  /** `8 duplicate PRs via history reads under a shared consumer name`. */
  readonly text: string;
}

/** What one variant's run says about safety. */
export interface VariantVerdict {
  readonly variant: string;
  readonly seed: number;
  /** No finding: no duplicate PR, nothing stranded, lost or idle pending. */
  readonly safe: boolean;
  /** Largest count first; equal counts in the order of {@link SEVERITY}. */
  readonly findings: readonly Finding[];
  /** The fix for the first finding; null when safe. */
  readonly suggestion: string | null;
}

/** Ties between equal counts: issues nobody will ever finish first, then duplicates, then waiting work. */
const SEVERITY: readonly FindingKind[] = [
  'consumer-failed', 'lost', 'history-read-shared-name', 'claim-of-live-work', 'conductor-redispatch', 'retry-after-crash', 'stranded', 'idle-pending',
];

/** What a safe variant's line says (crashes of consumer code are findings too). */
export const SAFE_TEXT = 'safe on this seed: no duplicate PR, nothing stranded, lost or left idle';

/** Widest variant name the verdict puts beside its text; a longer one gets a line of its own. */
const MAX_NAME_COLUMN = 36;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The findings and the suggestion of one variant's results. */
export function verdictOf(v: VariantResult): VariantVerdict {
  const findings: Finding[] = [];
  const mechanisms = Object.entries(v.metrics.duplicatesByMechanism) as [DuplicateMechanism, number][];
  for (const [kind, count] of mechanisms) {
    if (count > 0) findings.push({ kind, count, text: `${plural(count, 'duplicate PR', 'duplicate PRs')} via ${ADVICE[kind].how}` });
  }
  const issues: [FindingKind, number, string][] = [
    ['stranded', v.metrics.strandedIssues, 'stranded'],
    ['lost', v.metrics.lostIssues, 'lost'],
    ['idle-pending', v.metrics.idlePendingIssues, 'idle'],
  ];
  for (const [kind, count, word] of issues) {
    if (count > 0) findings.push({ kind, count, text: `${plural(count, 'issue', 'issues')} ${word} (${ADVICE[kind].how})` });
  }
  findings.sort((a, b) => b.count - a.count || SEVERITY.indexOf(a.kind) - SEVERITY.indexOf(b.kind));
  // A consumer that did not work makes every other finding meaningless: it comes first, whatever the counts.
  const crashes = v.metrics.consumerCrashes;
  const crashText = plural(crashes, 'consumer crash', 'consumer crashes');
  if (v.consumerFailure !== null) {
    const what = v.consumerFailure.kind === 'crash-loop' ? `crashed on every start (${crashText})` : 'never completed an issue while work waited';
    findings.unshift({ kind: 'consumer-failed', count: crashes, text: `the consumer ${what}` });
  } else if (crashes > 0) {
    findings.push({ kind: 'consumer-crashes', count: crashes, text: crashText });
  }
  const top = findings[0];
  return { variant: v.name, seed: v.seed, safe: top === undefined, findings, suggestion: top === undefined ? null : ADVICE[top.kind].fix };
}

/**
 * The verdict block as lines of at most {@link TERMINAL_WIDTH}: a heading, then per variant its
 * name, its findings (or {@link SAFE_TEXT}) and, under them, `→ <suggestion>`. Names sit in a
 * column when they are short enough, else on a line of their own.
 */
export function formatVerdict(verdicts: readonly VariantVerdict[]): string[] {
  const widest = Math.max(0, ...verdicts.map((v) => v.variant.length));
  const column = widest <= MAX_NAME_COLUMN;
  const indent = column ? ' '.repeat(2 + widest + 2) : '    ';
  const lines = ['verdict:'];
  for (const v of verdicts) {
    const findings = v.safe ? SAFE_TEXT : `UNSAFE: ${v.findings.map((f) => f.text).join('; ')}`;
    if (column) lines.push(...wrapWords(findings, TERMINAL_WIDTH, `  ${v.variant.padEnd(widest)}  `, `${indent}  `));
    else lines.push(...wrapWords(v.variant, TERMINAL_WIDTH, '  ', '    '), ...wrapWords(findings, TERMINAL_WIDTH, indent, `${indent}  `));
    if (v.suggestion !== null) lines.push(...wrapWords(`→ ${v.suggestion}`, TERMINAL_WIDTH, indent, `${indent}  `));
  }
  return lines;
}
