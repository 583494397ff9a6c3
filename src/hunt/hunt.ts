/**
 * The hunter: fast-check searches fault plans for one that breaks an invariant, shrinks it to a
 * minimal plan, and returns it as a replayable scenario object with the violation's cause chain.
 */
import { errorKind, inputError, PelsimError, present } from '../errors.js';
import * as fc from 'fast-check';
import { causeChain, holds, metricValue } from '../check/index.js';
import { DEFAULT_MAX_COST, checkBudget } from '../run/cost.js';
import { simulateQualified } from '../run/simulate.js';
import type { SimulatedRun } from '../run/types.js';
import type { ScenarioFile } from '../scenario/schema.js';
import { qualifyScenario, selectVariant, type QualifiedVariant } from '../scenario/index.js';
import type { PlainObject } from '../scenario/merge.js';
import { resolveInvariant, type InvariantName, type ResolvedInvariant } from './invariants.js';
import { EMPTY_PLAN, FAULT_KINDS, formatPlan, planArbitrary, type FaultKind, type FaultPlan, type PlanBounds } from './plan.js';
import { candidateScenario, readRawScenario, variantSettings, type RawScenario } from './scenario-file.js';

/** Options of {@link hunt}. */
export interface HuntOptions {
  /** A named invariant (`no-duplicate-prs`, …) or an expression such as `issuesPerHour >= 1.5`. */
  readonly invariant: InvariantName | (string & {});
  /** Fault plans to try per variant before giving up. Shrinking may run as many again. Default 200. */
  readonly budget?: number;
  /** Hunt only this variant. Default: each variant in turn, until one breaks the invariant. */
  readonly variant?: string;
  /** fast-check seed. Default: the variant's simulation seed. */
  readonly seed?: number;
  /** Replace the run length, e.g. `"6h"` (shorter runs hunt faster). */
  readonly duration?: string;
  /** Most faults in one plan. Default 4. */
  readonly maxFaults?: number;
  /** Fault kinds to search. Default all: reconnect, containerRestart, podReplacement. */
  readonly faults?: readonly FaultKind[];
  /** Search constant work minutes per complexity class too. Default true. */
  readonly searchWork?: boolean;
  /** Where `consumer.module` of a scenario object resolves. Default: the working directory. */
  readonly baseDir?: string;
  /**
   * Most simulated operations to accept, estimated before hunting: every variant hunted, each with
   * `budget` plans for the search and as many for shrinking. Default 1e9 (an input error beyond it).
   */
  readonly maxCost?: number;
  /**
   * Let runs whose consumer did not work (crashed on every start, or never completed an issue while
   * work waited) count like any other. By default the first such run stops the hunt with a
   * `violation` PelsimError (exit 1): an invariant "holds" trivially when nothing happened.
   */
  readonly allowCrashes?: boolean;
  /** Called after every simulated fault schedule (the CLI's progress line on a terminal). */
  readonly onProgress?: (progress: HuntProgress) => void;
}

/** Where a hunt is, after each simulated fault schedule. */
export interface HuntProgress {
  /** The variant being hunted, and its position (0-based) among {@link variants}. */
  readonly variant: string;
  readonly index: number;
  readonly variants: number;
  /** Schedules simulated for this variant so far, search and shrinking. */
  readonly runs: number;
  /** Schedules the search may try per variant; shrinking may run as many again. */
  readonly budget: number;
  /** True once a violation was found and fast-check is shrinking it. */
  readonly shrinking: boolean;
}

interface HuntCommon {
  readonly scenario: string;
  /** The invariant as given, and the expectation it stands for. */
  readonly invariant: string;
  readonly expectation: string;
  /** Plans simulated in all (search and shrinking). */
  readonly runs: number;
  /** Variants searched, in order. */
  readonly variants: readonly string[];
}

/** A hunt that found a violation: the minimal plan, what broke, and the file that replays it. */
export interface HuntFound extends HuntCommon {
  readonly found: true;
  readonly variant: string;
  /** fast-check seed of the search that found it. */
  readonly seed: number;
  readonly plan: FaultPlan;
  readonly shrinks: number;
  /** The run of the minimal plan. */
  readonly run: SimulatedRun;
  readonly actual: number | null;
  /** The cause chain of the first violation, when the metric has one. */
  readonly chain?: string;
  /** The scenario that replays it, in the file format; `consumer.module` relative to {@link baseDir}. */
  readonly scenarioFile: PlainObject;
  readonly baseDir: string;
}

/** A hunt that tried its whole budget on every variant without a violation. */
export interface HuntNotFound extends HuntCommon {
  readonly found: false;
}

/** What {@link hunt} returns. */
export type HuntResult = HuntFound | HuntNotFound;

const DEFAULT_BUDGET = 200;
const WORK_RANGE: readonly [number, number] = [5, 180];

/**
 * Searches fault plans (reconnects, container restarts and pod replacements at explicit minutes and
 * pods; optionally constant work minutes) for one that breaks `options.invariant`, and shrinks it
 * to a minimal one. Poisson fault rates of the scenario are dropped: the plan is the whole fault
 * timeline. Deterministic for a given seed. Throws a `ScenarioError` for an invalid scenario and an
 * `ExpectationError` for an unknown invariant.
 */
export async function hunt(scenario: string | ScenarioFile, options: HuntOptions): Promise<HuntResult> {
  const invariant = resolveInvariant(options.invariant);
  const source = await rawScenario(scenario, options.baseDir);
  const budget = options.budget ?? DEFAULT_BUDGET;
  if (!Number.isInteger(budget) || budget < 1) {
    throw inputError(`budget must be an integer >= 1, found ${budget}`, { path: 'budget', expected: 'an integer >= 1', found: String(budget) });
  }
  const names = options.variant !== undefined ? [variantName(source, options.variant)] : source.qualified.variants.map((v) => v.name);
  const planned = names.map((name) => variantBuilder(source, name, options).base);
  checkBudget(planned, 2 * budget, options.maxCost ?? DEFAULT_MAX_COST, 'the hunt', 'variant', 'fault schedules');
  let runs = 0;
  for (const [index, name] of names.entries()) {
    const report = options.onProgress;
    const progress = report && ((runs: number, shrinking: boolean) => report({ variant: name, index, variants: names.length, runs, budget, shrinking }));
    const outcome = await huntVariant(source, name, invariant, budget, options, progress);
    runs += outcome.runs;
    if (outcome.found) {
      return { ...outcome.found, runs, variants: names.slice(0, names.indexOf(name) + 1) };
    }
  }
  return { found: false, scenario: source.qualified.name, invariant: invariant.name, expectation: invariant.expectation.text, runs, variants: names };
}

async function rawScenario(scenario: string | ScenarioFile, baseDir?: string): Promise<RawScenario> {
  if (typeof scenario === 'string') return readRawScenario(scenario);
  const dir = baseDir ?? process.cwd();
  return { raw: scenario as PlainObject, qualified: qualifyScenario(scenario, undefined, dir), baseDir: dir };
}

/** The variant's name; a `ScenarioError` lists the names there are when it has none such. */
function variantName(source: RawScenario, name: string): string {
  selectVariant(source.qualified, name);
  return name;
}

/** The one variant (or run) of a candidate scenario: candidateScenario writes exactly one variant. */
function theOnly<T>(items: readonly T[], what: string): T {
  return present(items[0], `a hunt's candidate scenario gave no ${what}`);
}

/** How one variant's candidate scenarios are built from fault plans, and its plan-free base. */
function variantBuilder(source: RawScenario, variant: string, options: HuntOptions) {
  const settings = variantSettings(source.raw, variant);
  const meta = { scenario: source.qualified.name, variant, ...(options.duration === undefined ? {} : { duration: options.duration }) };
  const build = (plan: FaultPlan) => candidateScenario(settings, plan, meta);
  const qualifyPlan = (plan: FaultPlan) => qualifyScenario(build(plan), undefined, source.baseDir);
  const base = theOnly(qualifyPlan(EMPTY_PLAN).variants, 'variant');
  return { build, qualifyPlan, base };
}

async function huntVariant(
  source: RawScenario,
  variant: string,
  invariant: ResolvedInvariant,
  budget: number,
  options: HuntOptions,
  progress?: (runs: number, shrinking: boolean) => void,
): Promise<{ runs: number; found?: Omit<HuntFound, 'runs' | 'variants'> }> {
  const { build, qualifyPlan, base } = variantBuilder(source, variant, options);
  const seed = options.seed ?? base.seed;

  let runs = 0;
  let firstFailure: number | undefined;
  let broken: { plan: FaultPlan; run: SimulatedRun } | undefined;
  const failing = new Map<string, SimulatedRun>();
  const property = fc.asyncProperty(planArbitrary(bounds(base, options)), async (plan) => {
    // Shrinking gets the same budget as the search; past it, candidates count as passing.
    if (firstFailure !== undefined && runs - firstFailure >= budget) return true;
    // After a run whose consumer did not work, the hunt only lets fast-check finish: nothing runs.
    if (broken !== undefined) return true;
    runs++;
    const run = theOnly((await simulateQualified(qualifyPlan(plan))).runs, 'run');
    progress?.(runs, firstFailure !== undefined);
    if (run.result.consumerFailure !== null && options.allowCrashes !== true) {
      broken = { plan, run };
      return true;
    }
    if (holds(invariant.expectation, metricValue(run.metrics, invariant.expectation.metric))) return true;
    firstFailure ??= runs;
    failing.set(JSON.stringify(plan), run);
    return false;
  });
  const details = await fc.check(property, { numRuns: budget, seed, examples: [[EMPTY_PLAN]] });
  if (broken !== undefined) throw consumerBroken(variant, broken.run, broken.plan);
  if (!details.failed || details.counterexample === null) return { runs };
  const plan = present(details.counterexample[0], 'fast-check gives a counterexample as the [plan] the property takes');
  const run = failing.get(JSON.stringify(plan));
  if (run === undefined) {
    const reason = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    throw new PelsimError(errorKind(details.errorInstance), `the simulation failed for the fault plan ${JSON.stringify(plan)} (seed ${seed}): ${reason}`, {
      cause: details.errorInstance,
    });
  }
  const chain = causeChain(run, invariant.expectation.metric);
  return {
    runs,
    found: {
      found: true,
      scenario: source.qualified.name,
      invariant: invariant.name,
      expectation: invariant.expectation.text,
      variant,
      seed,
      plan,
      shrinks: details.numShrinks,
      run,
      actual: metricValue(run.metrics, invariant.expectation.metric),
      ...(chain === undefined ? {} : { chain }),
      scenarioFile: build(plan),
      baseDir: source.baseDir,
    },
  };
}

/** The hunt's stop when a run's consumer did not work: which variant, seed and fault schedule, and why. */
function consumerBroken(variant: string, run: SimulatedRun, plan: FaultPlan): PelsimError {
  const schedule = plan.faults.length === 0 && plan.workMinutes === undefined ? 'without faults' : `under the fault schedule ${formatPlan(plan).map((line) => line.replace(/ {2,}/g, ' ')).join('; ')}`;
  return new PelsimError(
    'violation',
    `pelsim hunt: the consumer did not work in variant ${JSON.stringify(variant)}, seed ${run.seed}, ${schedule}: ${run.result.consumerFailure?.summary ?? ''}; ` +
      'the hunt stopped (pass --allow-crashes (allowCrashes: true in code) if that is what the scenario tests)',
  );
}

function bounds(variant: QualifiedVariant, options: HuntOptions): PlanBounds {
  const pods = Math.max(1, variant.deployment.replicas, ...variant.faults.scale.map((s) => s.replicas));
  return {
    kinds: options.faults ?? FAULT_KINDS,
    lastMinute: Math.max(1, Math.floor(variant.durationMs / 60_000) - 1),
    pods,
    maxFaults: options.maxFaults ?? 4,
    searchWork: options.searchWork ?? true,
    workMinutes: WORK_RANGE,
  };
}
