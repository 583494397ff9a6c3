/**
 * Evaluates expectations over every run of a simulation: each (variant, seed) must satisfy each
 * expectation. Failures keep the first cause chain of their run, so a report can say why.
 */
import type { SimulatedRun, SimulationResult } from '../run/types.js';
import { failedConsumerRuns, type FailedConsumerRun } from './consumer-health.js';
import { holds, type Expectation } from './expression.js';
import { metricValue, type MetricName } from './metrics.js';

/** One run that broke an expectation. */
export interface RunFailure {
  readonly variant: string;
  readonly seed: number;
  /** The metric's value in that run (null when undefined: see {@link beyondMinutes}). */
  readonly actual: number | null;
  /**
   * For a latency percentile the Kaplan–Meier estimate never reached (`actual` null): the minutes
   * it lies beyond, the longest an issue was observed. Absent otherwise.
   */
  readonly beyondMinutes?: number;
  /** The cause chain of the run's first violation, when the metric has one. */
  readonly chain?: string;
}

/** How one expectation fared over all runs. */
export interface ExpectationOutcome {
  readonly expectation: Expectation;
  /** Runs evaluated. */
  readonly runs: number;
  /** Runs that broke it, in run order (variant by variant, seed by seed). */
  readonly failures: readonly RunFailure[];
}

/** Every expectation's outcome for one simulation. */
export interface CheckReport {
  readonly scenario: string;
  readonly source: string;
  readonly seedCount: number;
  readonly variants: readonly string[];
  readonly outcomes: readonly ExpectationOutcome[];
  /** Runs evaluated (every variant, every seed). */
  readonly runs: number;
  /** Runs whose consumer crashed on every start or never completed an issue while work waited. */
  readonly consumerFailures: readonly FailedConsumerRun[];
  /** True when {@link consumerFailures} do not fail the check (`--allow-crashes`, `allowCrashes: true`). */
  readonly crashesAllowed: boolean;
  /** True when every run satisfied every expectation and every consumer worked (or crashes are allowed). */
  readonly passed: boolean;
}

/** Options of {@link evaluateExpectations}. */
export interface EvaluateOptions {
  /**
   * Let runs whose consumer crashed on every start, or never completed an issue while work waited,
   * pass. Default false: such a run fails whatever the expectations say, since it satisfies
   * `duplicatePRs == 0` by doing nothing.
   */
  readonly allowCrashes?: boolean;
}

/** Metrics that count consequences of duplicate work: explained by the first duplicate PR's chain. */
const DUPLICATE_METRICS: ReadonlySet<MetricName> = new Set<MetricName>([
  'duplicatePRs', 'duplicateDeliveries', 'branchCollisions', 'conflictingReviews', 'operatorCloses', 'mergeConflicts',
]);

/** The first cause chain that explains `metric` in `run`, if the metric has causes pelsim can name. */
export function causeChain(run: SimulatedRun, metric: MetricName): string | undefined {
  if (metric === 'strandedIssues') return run.stranded[0]?.chain;
  if (metric === 'lostIssues') return run.lost[0]?.chain;
  if (DUPLICATE_METRICS.has(metric)) return run.duplicates[0]?.chain;
  if (metric === 'wastedAgentHours') return run.duplicates[0]?.chain ?? run.lost[0]?.chain;
  const beyond = percentileBeyond(run.metrics, metric);
  if (run.metrics[metric] === null && beyond !== null) {
    const { issuesCompleted: merged, issuesDispatched: dispatched } = run.metrics;
    return `${metric} lies beyond the ${beyond.toFixed(0)} minutes observed: ${merged} of ${dispatched} dispatched issues merged by the end (Kaplan–Meier, unmerged issues censored at the end)`;
  }
  return undefined;
}

/** The horizon a latency percentile lies beyond when the estimate never reached it, else null. */
function percentileBeyond(metrics: SimulatedRun['metrics'], metric: MetricName): number | null {
  if (metric !== 'latencyP50Minutes' && metric !== 'latencyP95Minutes') return null;
  return metrics[metric] === null ? metrics.latencyHorizonMinutes : null;
}

/** Evaluates each expectation on every run of `result`, and whether each run's consumer worked. */
export function evaluateExpectations(result: SimulationResult, expectations: readonly Expectation[], options: EvaluateOptions = {}): CheckReport {
  const outcomes = expectations.map((expectation): ExpectationOutcome => {
    const failures: RunFailure[] = [];
    for (const run of result.runs) {
      const actual = metricValue(run.metrics, expectation.metric);
      if (holds(expectation, actual)) continue;
      const chain = causeChain(run, expectation.metric);
      const beyond = actual === null ? percentileBeyond(run.metrics, expectation.metric) : null;
      failures.push({
        variant: run.variant, seed: run.seed, actual, ...(beyond === null ? {} : { beyondMinutes: beyond }), ...(chain === undefined ? {} : { chain }),
      });
    }
    return { expectation, runs: result.runs.length, failures };
  });
  const consumerFailures = failedConsumerRuns(result.runs);
  const crashesAllowed = options.allowCrashes ?? false;
  return {
    scenario: result.scenario,
    source: result.source,
    seedCount: result.seedCount,
    variants: [...new Set(result.runs.map((r) => r.variant))],
    outcomes,
    runs: result.runs.length,
    consumerFailures,
    crashesAllowed,
    passed: outcomes.every((o) => o.failures.length === 0) && (crashesAllowed || consumerFailures.length === 0),
  };
}
