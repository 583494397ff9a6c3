/**
 * The run pipeline: qualified variant → simulation → analysis. The CLI, the library, sweeps and
 * hunts all simulate through these functions, so a run means the same thing everywhere.
 */
import { inputError } from '../errors.js';
import { DEFAULT_MAX_COST, checkBudget } from './cost.js';
import type { TaggedEvent, VariantResult } from '../metrics/types.js';
import { loadScenarioFile, qualifyScenario, selectVariant, type QualifiedScenario, type QualifiedVariant } from '../scenario/index.js';
import type { ScenarioFile } from '../scenario/schema.js';
import type { VariantRun } from '../world/run-variant.js';
import { simulateVariant, type AnalyzedRun } from './simulate-variant.js';
import type { ScenarioRun, SimulatedRun, SimulationResult } from './types.js';

export type { ScenarioResults, ScenarioRun, SimulatedRun, SimulationResult, TaggedEvent } from './types.js';

export { simulateVariant, type AnalyzedRun } from './simulate-variant.js';

/** Which seeds each variant runs with. */
export interface SeedOptions {
  /** Use this seed for every variant instead of the scenario's seeds. */
  readonly seed?: number;
  /** Run each variant with this many consecutive seeds: its seed, seed + 1, …. Default 1. */
  readonly seeds?: number;
}

/** How many seeds each variant runs with, after checking both seed options (input errors). */
function seedCount(options: SeedOptions): number {
  const count = options.seeds ?? 1;
  if (!Number.isInteger(count) || count < 1) {
    throw inputError(`seeds must be an integer >= 1, found ${count}`, { path: 'seeds', expected: 'an integer >= 1', found: String(count) });
  }
  if (options.seed !== undefined && !Number.isInteger(options.seed)) {
    throw inputError(`seed must be an integer, found ${options.seed}`, { path: 'seed', expected: 'an integer', found: String(options.seed) });
  }
  return count;
}

/** Every variant of `scenario`, each with its seeds, simulated and analysed one after the other. */
export async function* simulateScenarioRuns(scenario: QualifiedScenario, options: SeedOptions = {}): AsyncGenerator<AnalyzedRun> {
  const count = seedCount(options);
  for (const variant of scenario.variants) {
    const first = options.seed ?? variant.seed;
    for (let i = 0; i < count; i++) yield simulateVariant({ ...variant, seed: first + i });
  }
}

/** Where a scenario run is: simulated time over every variant so far, against all of it. */
export interface ScenarioProgress {
  /** The variant being simulated, and its position (0-based) among {@link variants}. */
  readonly variant: string;
  readonly index: number;
  readonly variants: number;
  /** Virtual ms simulated so far, finished variants included. */
  readonly simulatedMs: number;
  /** Virtual ms of all variants (a variant stopped early by `untilBacklogEmpty` ends sooner). */
  readonly totalMs: number;
}

/** Options of {@link simulateScenario}. */
export interface ScenarioRunOptions {
  /** Called as virtual time advances (every monitor sample, and after each variant). */
  readonly onProgress?: (progress: ScenarioProgress) => void;
}

/** Receives each variant's trace as soon as the variant is done, so a run never holds them all. */
export type TraceSink = (variant: string, events: VariantRun['events']) => Promise<void>;

/**
 * Runs every variant of `scenario` with its own seed: what results.json and events.jsonl hold.
 * With a `sink`, each variant's trace goes there and is dropped (the returned `events` is empty):
 * memory holds one variant's trace at a time, however many variants there are.
 */
export async function simulateScenario(scenario: QualifiedScenario, sink?: TraceSink, options: ScenarioRunOptions = {}): Promise<ScenarioRun> {
  const variants: VariantResult[] = [];
  const events: TaggedEvent[] = [];
  const report = options.onProgress;
  const totalMs = scenario.variants.reduce((sum, v) => sum + v.durationMs, 0);
  let doneMs = 0;
  for (const [index, variant] of scenario.variants.entries()) {
    const progress = report && ((ms: number) => report({ variant: variant.name, index, variants: scenario.variants.length, simulatedMs: doneMs + ms, totalMs }));
    const { run, analysis } = await simulateVariant(variant, { onProgress: progress });
    doneMs += variant.durationMs;
    progress?.(0);
    variants.push(analysis.result);
    if (sink) await sink(variant.name, run.events);
    else for (const event of run.events) events.push({ variant: variant.name, ...event });
  }
  return {
    results: { scenario: scenario.name, description: scenario.description, seed: scenario.seed, variants },
    events,
  };
}

/** The scenario with every variant's seed replaced by `seed` (the CLI's --seed). */
export function withSeed(scenario: QualifiedScenario, seed: number): QualifiedScenario {
  return { ...scenario, seed, variants: scenario.variants.map((v) => ({ ...v, seed })) };
}

/** A scenario file path (`.yaml`, `.yml`, `.json`) or a scenario object in the file format. */
export type ScenarioSource = string | ScenarioFile;

/** Options of {@link simulate}. */
export interface SimulateOptions extends SeedOptions {
  /** Run only the variant with this name (a `ScenarioError` lists the names if there is none). */
  readonly variant?: string;
  /** Where `consumer.module` paths of a scenario object resolve. Default: the working directory. */
  readonly baseDir?: string;
  /**
   * Most simulated operations to accept, estimated before anything runs (pods × duration ÷ poll
   * interval, per variant and seed). Beyond it `simulate` throws an input `PelsimError` naming the
   * estimate. Default 1e9, about ten minutes of one core.
   */
  readonly maxCost?: number;
}

/**
 * Simulates a scenario and returns its results: metrics, duplicate PRs, stranded and lost issues,
 * each with its cause chain, for every variant and seed. A violated invariant is a result, never
 * an exception; an invalid scenario throws a `ScenarioError` listing every problem, and an
 * unloadable consumer module a `ConsumerModuleError` (both `PelsimError`s of kind `input`).
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
  checkBudget(qualified.variants, seedCount(options), options.maxCost ?? DEFAULT_MAX_COST, 'the simulation');
  return simulateQualified(qualified, options);
}

/** Loads a path, or validates an object; both throw a `ScenarioError` for an invalid scenario. */
export async function qualify(scenario: ScenarioSource, baseDir?: string): Promise<QualifiedScenario> {
  return typeof scenario === 'string' ? loadScenarioFile(scenario) : qualifyScenario(scenario, undefined, baseDir);
}

/** {@link simulate} for a scenario already qualified. */
export async function simulateQualified(scenario: QualifiedScenario, options: SeedOptions = {}): Promise<SimulationResult> {
  const runs: SimulatedRun[] = [];
  for await (const { variant, analysis } of simulateScenarioRuns(scenario, options)) {
    runs.push({
      scenario: scenario.name,
      source: scenario.source,
      variant: variant.name,
      seed: variant.seed,
      metrics: analysis.result.metrics,
      duplicates: analysis.result.duplicates,
      stranded: analysis.stranded,
      lost: analysis.lost,
      result: analysis.result,
    });
  }
  return { scenario: scenario.name, description: scenario.description, source: scenario.source, seedCount: options.seeds ?? 1, runs };
}
