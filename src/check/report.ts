/** Text reports of expectation outcomes: for `pelsim check`, `assertScenario` and the vitest matchers. */
import { relative } from 'node:path';
import { latencyText } from '../metrics/latency-text.js';
import { INLINE_SOURCE } from '../scenario/index.js';
import { ALLOW_CRASHES_HINT, type FailedConsumerRun } from './consumer-health.js';
import type { CheckReport, ExpectationOutcome, RunFailure } from './evaluate.js';

const MAX_SEEDS_LISTED = 10;

/** The whole report: a header, whether the consumer worked, then one block per expectation (✓ or ✗). */
export function formatCheckReport(report: CheckReport): string {
  const failed = report.outcomes.filter((o) => o.failures.length > 0).length;
  const runs = `${report.variants.length} variant${report.variants.length === 1 ? '' : 's'} × ${report.seedCount} seed${report.seedCount === 1 ? '' : 's'}`;
  const held = failed === 0 ? `all ${report.outcomes.length} expectation(s) held` : `${failed} of ${report.outcomes.length} expectation(s) failed`;
  const brokenRuns = report.consumerFailures.length;
  const verdict = brokenRuns > 0 && !report.crashesAllowed ? `the consumer failed in ${brokenRuns} run${brokenRuns === 1 ? '' : 's'}; ${held}` : held;
  const lines = [`${report.scenario} (${displaySource(report.source)}): ${verdict} over ${runs}`];
  lines.push(...formatConsumerFailures(report.consumerFailures, report.runs, report.source, report.crashesAllowed));
  for (const outcome of report.outcomes) lines.push(...formatOutcome(outcome, report.source));
  return lines.join('\n');
}

/** One expectation: `✓ text — held in N runs`, or the failing runs by variant, the first chain and how to reproduce it. */
export function formatOutcome(outcome: ExpectationOutcome, source: string): string[] {
  const { expectation, failures, runs } = outcome;
  const [first] = failures;
  if (first === undefined) return [`✓ ${expectation.text} — held in ${runs} of ${runs} runs`];
  const lines = [`✗ ${expectation.text} — failed in ${failures.length} of ${runs} runs`];
  const byVariant = new Map<string, RunFailure[]>();
  for (const f of failures) byVariant.set(f.variant, [...(byVariant.get(f.variant) ?? []), f]);
  for (const [variant, list] of byVariant) {
    const shown = list.slice(0, MAX_SEEDS_LISTED);
    const more = list.length > shown.length ? `, … ${list.length - shown.length} more` : '';
    const seeds = shown.map((f) => f.seed).join(', ');
    const values = shown.map(formatValue).join(', ');
    lines.push(`    variant ${JSON.stringify(variant)}: seed${list.length === 1 ? '' : 's'} ${seeds}${more} (${expectation.metric} = ${values}${more ? ', …' : ''})`);
  }
  lines.push(...formatFirstFailure(first, expectation.metric, source).map((l) => `    ${l}`));
  return lines;
}

/**
 * `✗ the consumer worked — failed in N of M runs`, each failing run's one line, and how to replay
 * the first; when `allowed`, one line saying the failure was let through.
 */
export function formatConsumerFailures(failed: readonly FailedConsumerRun[], runs: number, source: string, allowed: boolean): string[] {
  const first = failed[0];
  if (first === undefined) return [];
  if (allowed) return [`! the consumer did not work in ${failed.length} of ${runs} runs (allowed): ${first.failure.summary}`];
  const lines = [`✗ the consumer worked — failed in ${failed.length} of ${runs} runs (${ALLOW_CRASHES_HINT})`];
  for (const f of failed.slice(0, 10)) lines.push(`    variant ${JSON.stringify(f.variant)}, seed ${f.seed}: ${f.failure.summary}`);
  if (failed.length > 10) lines.push(`    … ${failed.length - 10} more`);
  lines.push(`    reproduce: ${reproduction(source, first.variant, first.seed)}`);
  return lines;
}

/** The first failing run: its value, its cause chain, and the command that replays it. */
export function formatFirstFailure(failure: RunFailure, metric: string, source: string): string[] {
  const lines = [`first failure: variant ${JSON.stringify(failure.variant)}, seed ${failure.seed}: ${metric} = ${formatValue(failure)}`];
  if (failure.chain !== undefined) lines.push(`  ${failure.chain}`);
  lines.push(`  reproduce: ${reproduction(source, failure.variant, failure.seed)}`);
  return lines;
}

/** How to replay one run: a `pelsim run` command for a file, a `simulate` call for an object. */
export function reproduction(source: string, variant: string, seed: number): string {
  if (source === INLINE_SOURCE) return `simulate(scenario, { variant: ${JSON.stringify(variant)}, seed: ${seed} })`;
  return `pelsim run ${shellQuote(displaySource(source))} --variant ${shellQuote(variant)} --seed ${seed}`;
}

/** A scenario file relative to the working directory when it is inside it. */
export function displaySource(source: string): string {
  if (source === INLINE_SOURCE) return source;
  const rel = relative(process.cwd(), source);
  return rel !== '' && !rel.startsWith('..') ? rel : source;
}

/** A run's value as the run table reads it: `>N` for a latency percentile beyond the run. */
function formatValue(failure: RunFailure): string {
  if (failure.actual !== null) return String(failure.actual);
  return failure.beyondMinutes === undefined ? 'undefined (no issue dispatched)' : latencyText(null, failure.beyondMinutes);
}

/** `text` as one shell word: bare when it is plain, else single-quoted. */
export function shellQuote(text: string): string {
  return /^[\w./:@%+=-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
