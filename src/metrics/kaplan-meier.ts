/**
 * The Kaplan–Meier estimate of how long issues take, from dispatch to merge, when some issues are
 * still unmerged at the end of the run. Counting merged issues alone reads backwards: a variant
 * that merges more also merges the slow issues a weaker one never finishes. An unmerged issue is
 * right-censored instead: it is known to take at least as long as it was observed.
 */

/** One issue's observation: `minutes` until its merge (`merged`), or until the run ended (censored). */
export interface Observation {
  readonly minutes: number;
  readonly merged: boolean;
}

/** The estimated share of issues not yet merged just after `minutes` (a step of the curve). */
export interface SurvivalStep {
  readonly minutes: number;
  readonly survival: number;
}

/** Products of many factors drift by a few ulps; a share within this of a target has reached it. */
const EPSILON = 1e-9;

/**
 * The estimate's steps, one per distinct merge time, in time order: S(t) = Π (1 − dᵢ/nᵢ) over the
 * merge times tᵢ ≤ t, with dᵢ merges at tᵢ and nᵢ issues observed for at least tᵢ. An issue
 * censored at the same time as a merge counts as at risk then (it was still unmerged).
 */
export function kaplanMeier(observations: readonly Observation[]): SurvivalStep[] {
  const sorted = [...observations].sort((a, b) => a.minutes - b.minutes);
  const steps: SurvivalStep[] = [];
  let atRisk = sorted.length;
  let survival = 1;
  for (let i = 0; i < sorted.length; ) {
    const minutes = sorted[i]?.minutes ?? 0;
    let merged = 0;
    let leaving = 0;
    for (; i < sorted.length && sorted[i]?.minutes === minutes; i++, leaving++) if (sorted[i]?.merged === true) merged++;
    if (merged > 0) {
      survival *= 1 - merged / atRisk;
      steps.push({ minutes, survival });
    }
    atRisk -= leaving;
  }
  return steps;
}

/**
 * The `q` quantile (0.5: the median) of the time to merge: the first time the estimated share of
 * merged issues reaches `q`. Null when it never does within the observations: the quantile lies
 * beyond the longest observation (see {@link longestObservation}).
 */
export function survivalQuantile(steps: readonly SurvivalStep[], q: number): number | null {
  for (const step of steps) if (step.survival <= 1 - q + EPSILON) return step.minutes;
  return null;
}

/**
 * The mean time to merge restricted to `horizon`: the area under the estimate from 0 to
 * `horizon`. A lower bound on the mean when issues were still unmerged at the horizon.
 */
export function restrictedMean(steps: readonly SurvivalStep[], horizon: number): number {
  let area = 0;
  let from = 0;
  let survival = 1;
  for (const step of steps) {
    if (step.minutes >= horizon) break;
    area += survival * (step.minutes - from);
    from = step.minutes;
    survival = step.survival;
  }
  return area + survival * Math.max(0, horizon - from);
}

/** The longest observation, merged or not (null for none): where the estimate ends. */
export function longestObservation(observations: readonly Observation[]): number | null {
  // A loop, not Math.max(...): a month-long run observes more issues than a call takes arguments.
  let longest: number | null = null;
  for (const o of observations) if (longest === null || o.minutes > longest) longest = o.minutes;
  return longest;
}
