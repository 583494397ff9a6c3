/**
 * What a run will cost, known before it starts. A scenario can ask for far more than it means to
 * (a stray zero on `replicas`, `perHour` or a sweep's seeds), and a simulation that runs for hours
 * holding gigabytes is a worse answer than an immediate refusal. The estimate counts the simulated
 * operations that dominate a run: every pod polling Redis once per poll interval (its XREADGROUP
 * BLOCK, or a minute when it blocks forever), every XAUTOCLAIM round, and about ten operations per
 * issue; summed over variants, seeds and grid cells.
 */
import type { QualifiedVariant } from '../scenario/types.js';
import { inputError } from '../errors.js';

/** The default budget: about ten minutes of one core (the 50-pod, 30-day stress run is 27 million). */
export const DEFAULT_MAX_COST = 1_000_000_000;

/** The flag that raises the budget, named in the refusal. */
export const MAX_COST_FLAG = '--max-cost';

/** Poll interval assumed for a reader that blocks forever (woken by arrivals instead). */
const BLOCKING_POLL_MS = 60_000;

/** Simulated operations per issue: dispatch, delivery, work, PR, review, merge, ack, samples. */
const OPS_PER_ISSUE = 10;

/** The estimate of one variant, with the figures behind it for the message. */
export interface VariantCost {
  readonly operations: number;
  readonly pods: number;
  readonly durationMs: number;
  readonly pollMs: number;
  readonly issues: number;
}

/** Estimated simulated operations of one run of `variant`. */
export function variantCost(variant: QualifiedVariant): VariantCost {
  const { deployment, faults, consumer, conductor, durationMs } = variant;
  const pods = Math.max(deployment.replicas, ...faults.scale.map((s) => s.replicas)) + (faults.rollingUpdates.length > 0 ? deployment.rollout.maxSurge : 0);
  const pollMs = consumer.blockMs > 0 ? consumer.blockMs : BLOCKING_POLL_MS;
  const hours = durationMs / 3_600_000;
  const arrivals = conductor.arrivals.kind === 'poisson' ? conductor.arrivals.perHour * hours : conductor.arrivals.kind === 'timeline' ? conductor.arrivals.events.length : 0;
  const issues = conductor.backlog + arrivals;
  const claims = consumer.strategy === 'autoclaim' ? (pods * durationMs) / consumer.intervalMs : 0;
  const operations = (pods * durationMs) / pollMs + claims + issues * OPS_PER_ISSUE;
  return { operations, pods, durationMs, pollMs, issues };
}

/** A count in words a person reads at a glance: 26.7 million, 12.1 billion. */
export function formatCount(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(1)} billion`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} million`;
  return String(Math.round(n));
}

/**
 * Refuses work beyond `maxCost` simulated operations: an input error with the estimate, what it is
 * made of (the costliest variant, and `runs`: the seeds, or fault schedules, of each) and the
 * flag that raises the budget. `what` names the work, e.g. `the run` or `the sweep`.
 */
export function checkBudget(variants: readonly QualifiedVariant[], runs: number, maxCost: number, what: string, unit = 'variant', runsUnit = 'seeds'): void {
  const costs = variants.map(variantCost);
  const total = costs.reduce((sum, c) => sum + c.operations, 0) * runs;
  if (total <= maxCost) return;
  const worst = costs.reduce((a, b) => (b.operations > a.operations ? b : a));
  const minutes = (ms: number) => (ms >= 86_400_000 ? `${+(ms / 86_400_000).toFixed(1)}d` : ms >= 3_600_000 ? `${+(ms / 3_600_000).toFixed(1)}h` : `${+(ms / 1000).toFixed(1)}s`);
  const parts = [
    `${costs.length} ${unit}${costs.length === 1 ? '' : 's'}`,
    ...(runs > 1 ? [`× ${+runs.toFixed(2)} ${runsUnit} each`] : []),
    `the largest ${worst.pods} pods × ${minutes(worst.durationMs)} ÷ a ${minutes(worst.pollMs)} poll + ${formatCount(worst.issues)} issues`,
  ];
  throw inputError(
    `${what} would simulate about ${formatCount(total)} operations (${parts.join(', ')}), ` +
      `over the budget of ${formatCount(maxCost)}: raise it with ${MAX_COST_FLAG} ${Math.ceil(total)} if you mean it`,
    { path: MAX_COST_FLAG, expected: `at most ${maxCost} operations`, found: String(Math.ceil(total)) },
  );
}
