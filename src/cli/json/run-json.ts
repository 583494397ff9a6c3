/** The document `pelsim run --json` prints. */
import type { ScenarioResults, VariantResult } from '../../metrics/types.js';
import { verdictOf, type VariantVerdict } from '../../run/terminal/verdict.js';
import type { WrittenFiles } from './written-files.js';

/**
 * `pelsim run --json`: what the terminal output says, as data. Keys come in this order in every
 * document: command, scenario, source, seed, out, files, variants, sweepCommand, notes.
 */
export interface RunJson extends WrittenFiles {
  readonly command: 'run';
  readonly scenario: string;
  /** The scenario file as given (relative to the working directory when inside it). */
  readonly source: string;
  /** The run's seed (each variant's own seed is in its `seed`). */
  readonly seed: number;
  readonly variants: readonly RunJsonVariant[];
  /** The command that measures these variants over many seeds (one run is one sample). */
  readonly sweepCommand: string;
  /** What the terminal would print as notes: charts left out, an earlier run replaced. */
  readonly notes: readonly string[];
}

/**
 * One variant of {@link RunJson}: results.json's name, seed, Redis version, every metric (in its
 * order) and every duplicate PR with its mechanism and cause chain, beside the verdict the terminal
 * prints. Keys in this order: name, seed, redisVersion, safe, findings, suggestion, metrics, duplicates.
 */
export type RunJsonVariant = Pick<VariantResult, 'name' | 'seed' | 'redisVersion' | 'metrics' | 'duplicates'> &
  Pick<VariantVerdict, 'safe' | 'findings' | 'suggestion'>;

/** What {@link runJson} needs beyond the results. */
export type RunJsonContext = WrittenFiles & Pick<RunJson, 'source' | 'sweepCommand' | 'notes'>;

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
