import { KEY_METRICS, runValues, type KeyMetric } from '../metrics-table.js';
import { present } from '../../errors.js';
import { round } from '../../metrics/stats.js';
import { differenceCi, estimate, type Estimate } from './stats.js';
import { groupVariants, type GroupVariant } from './series.js';
import type { InputGroup } from './inputs.js';

/** One cell: a run's value, or a group's mean with its 95 % CI over seeds. */
export interface DiffCell {
  readonly mean: number;
  readonly n: number;
  readonly ci: readonly [number, number] | null;
  /**
   * Present for a latency percentile that `beyond` of the runs never reached (Kaplan–Meier: beyond
   * the minutes observed): each counts as its horizon, so `mean` is a lower bound (read `>mean`),
   * with no CI.
   */
  readonly beyond?: number;
}

/** Last column against the first: the difference, relative change, and its CI when both have seeds. */
export interface DiffChange {
  readonly delta: number;
  readonly percent: number | null;
  readonly ci: readonly [number, number] | null;
  /** Whether the change is an improvement by the metric's own direction; null when neither. */
  readonly better: boolean | null;
}

/** One metric of one variant across the columns. */
export interface DiffRow {
  readonly variant: string;
  readonly metric: string;
  readonly key: string;
  readonly digits: number;
  /** One per column (group), null where the variant or metric is missing. */
  readonly cells: readonly (DiffCell | null)[];
  readonly change: DiffChange | null;
}

/** The comparison's diff table, also written as comparison.json. */
export interface DiffTable {
  readonly columns: readonly string[];
  /** False for the seeds of one experiment, where the last column is their mean rather than another input. */
  readonly hasChange: boolean;
  readonly rows: readonly DiffRow[];
}

/**
 * Rows per variant name and key metric, columns per input group. Variants are matched by name;
 * when every group has exactly one variant they are matched regardless of name (the variant row
 * then names them all). The change compares the last column with the first.
 */
export function buildDiffTable(groups: readonly InputGroup[]): DiffTable {
  // Seeds of a single experiment: one column per seed, then their mean with its CI; no change column.
  const only = groups.length === 1 ? groups[0] : undefined;
  const single = only !== undefined && only.runs.length > 1;
  const columns: InputGroup[] = single
    ? [...only.runs.map((run) => ({ label: `seed ${run.results.seed}`, runs: [run] })), { ...only, label: `mean over ${only.runs.length} seeds (95 % CI)` }]
    : [...groups];
  const perGroup = columns.map(groupVariants);
  const matched = matchVariants(perGroup);
  const rows: DiffRow[] = [];
  for (const [variant, byGroup] of matched) {
    for (const m of KEY_METRICS) {
      const runs = byGroup.map((gv) => (gv ? runValues(gv.variants.map((v) => v.metrics), m) : null));
      const estimates = runs.map((r) => (r ? estimate(r.values) : null));
      if (estimates.every((e) => e === null || (m.whenNonZero === true && e.mean === 0))) continue;
      const cells = estimates.map((e, i): DiffCell | null => {
        if (!e) return null;
        const beyond = runs[i]?.beyond ?? 0;
        return beyond === 0 ? { mean: round(e.mean, 3), n: e.n, ci: roundPair(e.ci) } : { mean: round(e.mean, 3), n: e.n, ci: null, beyond };
      });
      // A bound against a value (or another bound) says nothing of the change.
      const bounded = cells.some((c) => c?.beyond !== undefined);
      rows.push({ variant, metric: m.label, key: m.key, digits: m.digits, cells, change: single || bounded ? null : change(estimates, m) });
    }
  }
  return { columns: columns.map((g) => g.label), rows, hasChange: !single };
}

function matchVariants(perGroup: readonly GroupVariant[][]): Map<string, (GroupVariant | null)[]> {
  const matched = new Map<string, (GroupVariant | null)[]>();
  if (perGroup.length > 1 && perGroup.every((g) => g.length === 1)) {
    const onlyVariants = perGroup.map((g) => present(g[0], 'each group has one variant (checked above)'));
    const names = [...new Set(onlyVariants.map((gv) => gv.name))];
    matched.set(names.join(' / '), onlyVariants);
    return matched;
  }
  perGroup.forEach((variants, col) => {
    for (const gv of variants) {
      const row = matched.get(gv.name) ?? perGroup.map(() => null);
      row[col] = gv;
      matched.set(gv.name, row);
    }
  });
  return matched;
}

function change(estimates: readonly (Estimate | null)[], m: KeyMetric): DiffChange | null {
  const [a, b] = [estimates[0], estimates[estimates.length - 1]];
  if (estimates.length < 2 || !a || !b) return null;
  const delta = b.mean - a.mean;
  return {
    delta: round(delta, 3),
    percent: a.mean === 0 ? null : round((100 * delta) / Math.abs(a.mean), 1),
    ci: roundPair(differenceCi(a, b)),
    better: m.better === null || delta === 0 ? null : (delta > 0) === (m.better === 'higher'),
  };
}

function roundPair(pair: readonly [number, number] | null): readonly [number, number] | null {
  return pair ? [round(pair[0], 3), round(pair[1], 3)] : null;
}
