/**
 * What `pelsim run` prints after simulating: the table, its legend, the verdict, the first cause
 * chains of each variant's duplicate PRs, and how to measure rates over many seeds. Every line fits
 * {@link TERMINAL_WIDTH} except the table's rows under `--wide`.
 */
import { consumerCrashReasons, describeCrashReason } from '../../metrics/crashes.js';
import type { ScenarioResults } from '../../metrics/types.js';
import { formatLegend, formatTable, sharedVersion } from './table.js';
import { formatVerdict, verdictOf } from './verdict.js';
import { TERMINAL_WIDTH, wrapWords } from './wrap.js';

/** Duplicate-PR cause chains printed per variant; results.json holds them all. */
export const CHAINS_PRINTED = 3;

/** Options of {@link formatRunText}. */
export interface RunTextOptions {
  /** Every column of the table, on one line per variant. */
  readonly wide?: boolean;
  /** The `pelsim sweep …` command that measures the same variants over many seeds. */
  readonly sweepCommand: string;
  /** Seeds a sweep runs per variant (what the sweep command does by default). */
  readonly sweepSeeds: number;
}

/** The lines after the run's heading, blank lines between blocks. */
export function formatRunText(results: ScenarioResults, options: RunTextOptions): string[] {
  const wide = options.wide ?? false;
  const version = sharedVersion(results.variants);
  return [
    ...(version !== null && !wide ? [`every variant ran Redis ${version} semantics (redis.version)`, ''] : []),
    ...formatTable(results.variants, wide),
    '',
    ...formatLegend(wide, results.variants),
    '',
    ...formatVerdict(results.variants.map(verdictOf)),
    '',
    ...seedNote(results, options),
    ...chains(results),
    ...crashes(results),
  ];
}

/** Crash reasons printed per variant; results.json holds them all. */
export const CRASH_REASONS_PRINTED = 3;

/** Each variant's consumer crashes by reason, most frequent first, and why its run failed. */
function crashes(results: ScenarioResults): string[] {
  const lines: string[] = [];
  for (const v of results.variants) {
    const reasons = consumerCrashReasons(v.crashes);
    if (reasons.length === 0 && v.consumerFailure === null) continue;
    const shown = reasons.slice(0, CRASH_REASONS_PRINTED);
    lines.push('', `consumer crashes of ${v.name} (${shown.length} of ${reasons.length} reasons; results.json has every one):`);
    for (const c of shown) lines.push(...wrapWords(describeCrashReason(c), TERMINAL_WIDTH, '  ', '      '));
    if (v.consumerFailure !== null) lines.push(...wrapWords(`the run failed: ${v.consumerFailure.summary}`, TERMINAL_WIDTH, '  ', '      '));
  }
  return lines;
}

/** One seed is one sample: say so, and give the exact command for rates with intervals. */
function seedNote(results: ScenarioResults, options: RunTextOptions): string[] {
  const seeds = [...new Set(results.variants.map((v) => v.seed))];
  const which = seeds.length === 1 ? `seed ${seeds[0] ?? results.seed}` : `one seed per variant (${seeds.join(', ')})`;
  return [
    ...wrapWords(
      `This is one run of ${which}: a single sample, not a rate. For each variant's chance of a duplicate PR or a stranded issue, with 95 % intervals over ${options.sweepSeeds} seeds, run:`,
      TERMINAL_WIDTH,
    ),
    `  ${options.sweepCommand}`,
  ];
}

/** The first duplicate-PR chains of each variant, each wrapped with a hanging indent. */
function chains(results: ScenarioResults): string[] {
  const lines: string[] = [];
  for (const v of results.variants) {
    if (v.duplicates.length === 0) continue;
    const shown = v.duplicates.slice(0, CHAINS_PRINTED);
    lines.push('', `duplicate PRs of ${v.name} (${shown.length} of ${v.duplicates.length}; results.json has every chain):`);
    for (const d of shown) lines.push(...wrapWords(d.chain, TERMINAL_WIDTH, '  ', '      '));
  }
  return lines;
}
