import { inputError } from '../errors.js';
import { computeVariantResult } from '../metrics/index.js';
import { loadScenarioFile, qualifyScenario, selectVariant, type QualifiedScenario, type QualifiedVariant } from '../scenario/index.js';
import { runVariant } from '../world/run-variant.js';
import type { ScenarioInput } from './define-scenario.js';
import type { SimulatedRun, SimulationResult } from './types.js';
import { explainUnfinished } from './unfinished.js';

/** A scenario file path (`.yaml`, `.yml`, `.json`) or a scenario object in the file format. */
export type ScenarioSource = string | ScenarioInput;

/** Options of {@link simulate}. */
export interface SimulateOptions {
  /** Run only the variant with this name (a `ScenarioError` lists the names if there is none). */
  readonly variant?: string;
  /** Use this seed for every variant instead of the scenario's seeds. */
  readonly seed?: number;
  /** Run each variant with this many consecutive seeds: its seed, seed + 1, …. Default 1. */
  readonly seeds?: number;
  /** Where `consumer.module` paths of a scenario object resolve. Default: the working directory. */
  readonly baseDir?: string;
}

/**
 * Simulates a scenario and returns its results: metrics, duplicate PRs, stranded and lost issues,
 * each with its cause chain, for every variant and seed. A violated invariant is a result, never
 * an exception; an invalid scenario throws a `ScenarioError` listing every problem, and an
 * unloadable consumer module a `ConsumerModuleError`.
 *
 * @example
 * ```ts
 * const result = await simulate('scenarios/seed-story.yaml', { variant: '2 replicas, pod-name id', seeds: 5 });
 * for (const run of result.runs) console.log(run.seed, run.metrics.duplicatePRs, run.duplicates[0]?.chain);
 * ```
 */
export async function simulate(scenario: ScenarioSource, options: SimulateOptions = {}): Promise<SimulationResult> {
  let qualified = await qualify(scenario, options.baseDir);
  if (options.variant !== undefined) qualified = selectVariant(qualified, options.variant);
  return simulateQualified(qualified, options);
}

/** Loads a path, or validates an object; both throw a `ScenarioError` for an invalid scenario. */
export async function qualify(scenario: ScenarioSource, baseDir?: string): Promise<QualifiedScenario> {
  return typeof scenario === 'string' ? loadScenarioFile(scenario) : qualifyScenario(scenario, undefined, baseDir);
}

/** {@link simulate} for a scenario already qualified. */
export async function simulateQualified(
  scenario: QualifiedScenario,
  options: Pick<SimulateOptions, 'seed' | 'seeds'> = {},
): Promise<SimulationResult> {
  const count = options.seeds ?? 1;
  if (!Number.isInteger(count) || count < 1) {
    throw inputError(`seeds must be an integer >= 1, found ${count}`, { path: 'seeds', expected: 'an integer >= 1', found: String(count) });
  }
  if (options.seed !== undefined && !Number.isInteger(options.seed)) {
    throw inputError(`seed must be an integer, found ${options.seed}`, { path: 'seed', expected: 'an integer', found: String(options.seed) });
  }
  const runs: SimulatedRun[] = [];
  for (const variant of scenario.variants) {
    const first = options.seed ?? variant.seed;
    for (let i = 0; i < count; i++) runs.push(await simulateVariant(scenario, { ...variant, seed: first + i }));
  }
  return { scenario: scenario.name, description: scenario.description, source: scenario.source, seedCount: count, runs };
}

/** Runs one variant with its seed and explains what went wrong in it. */
export async function simulateVariant(scenario: Pick<QualifiedScenario, 'name' | 'source'>, variant: QualifiedVariant): Promise<SimulatedRun> {
  const run = await runVariant(variant);
  const result = computeVariantResult(run);
  const { stranded, lost } = explainUnfinished(run);
  return {
    scenario: scenario.name,
    source: scenario.source,
    variant: variant.name,
    seed: variant.seed,
    metrics: result.metrics,
    duplicates: result.duplicates,
    stranded,
    lost,
    result,
  };
}
