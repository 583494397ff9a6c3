/** The document `pelsim run --json` prints. */
import type { RedisVersion } from '../../redis/model/index.js';
import type { DuplicateReport, Metrics, ScenarioResults } from '../../metrics/types.js';
import { verdictOf, type Finding } from '../../run/terminal/verdict.js';

/**
 * `pelsim run --json`: what the terminal output says, as data. Keys appear in the order listed
 * here, in every document.
 */
export interface RunJson {
  readonly command: 'run';
  readonly scenario: string;
  /** The scenario file as given (relative to the working directory when inside it). */
  readonly source: string;
  /** The run's seed (each variant's own seed is in {@link RunJsonVariant.seed}). */
  readonly seed: number;
  /** The output folder, absolute. */
  readonly out: string;
  /** Files written there, relative to {@link out}, sorted. */
  readonly files: readonly string[];
  readonly variants: readonly RunJsonVariant[];
  /** The command that measures these variants over many seeds (one run is one sample). */
  readonly sweepCommand: string;
  /** What the terminal would print as notes: charts left out, an earlier run replaced. */
  readonly notes: readonly string[];
}

/** One variant of {@link RunJson}. */
export interface RunJsonVariant {
  readonly name: string;
  readonly seed: number;
  /** Whose semantics the simulated server followed (`redis.version`). */
  readonly redisVersion: RedisVersion;
  /** No duplicate PR, nothing stranded, lost or idle pending. */
  readonly safe: boolean;
  /** Largest count first: duplicate PRs per mechanism, stranded, lost and idle pending issues. */
  readonly findings: readonly Finding[];
  /** The fix for the first finding, null when safe. */
  readonly suggestion: string | null;
  /** Every metric of results.json, in its order. */
  readonly metrics: Metrics;
  /** Every duplicate PR with its mechanism and cause chain, in order of opening. */
  readonly duplicates: readonly DuplicateReport[];
}

/** What {@link runJson} needs beyond the results. */
export interface RunJsonContext {
  readonly source: string;
  readonly out: string;
  readonly files: readonly string[];
  readonly sweepCommand: string;
  readonly notes: readonly string[];
}

/** The run's document, keys in the documented order. */
export function runJson(results: ScenarioResults, context: RunJsonContext): RunJson {
  return {
    command: 'run',
    scenario: results.scenario,
    source: context.source,
    seed: results.seed,
    out: context.out,
    files: [...context.files].sort(),
    variants: results.variants.map((v): RunJsonVariant => {
      const verdict = verdictOf(v);
      return {
        name: v.name,
        seed: v.seed,
        redisVersion: v.redisVersion,
        safe: verdict.safe,
        findings: verdict.findings.map((f) => ({ kind: f.kind, count: f.count, text: f.text })),
        suggestion: verdict.suggestion,
        metrics: v.metrics,
        duplicates: v.duplicates.map((d) => ({ issue: d.issue, pr: d.pr, at: d.at, mechanism: d.mechanism, chain: d.chain })),
      };
    }),
    sweepCommand: context.sweepCommand,
    notes: context.notes,
  };
}
