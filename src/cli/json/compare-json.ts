/** The document `pelsim compare --json` prints. */
import type { Comparison } from '../../report/index.js';

/**
 * `pelsim compare --json`: comparison.json's content (inputs, groups, diff table) with where it
 * was written. Keys appear in the order listed here.
 */
export interface CompareJson {
  readonly command: 'compare';
  /** The output folder, absolute. */
  readonly out: string;
  /** Files written there, relative to {@link out}, sorted. */
  readonly files: readonly string[];
  readonly inputs: Comparison['inputs'];
  readonly groups: Comparison['groups'];
  /** Column labels of the diff table, one per group (or per seed and their mean). */
  readonly columns: Comparison['columns'];
  /** Whether rows carry a change (last column against the first). */
  readonly hasChange: boolean;
  /** One row per variant and key metric: cells (mean, n, 95 % CI) and the change. */
  readonly rows: Comparison['rows'];
  /** Charts left out, an earlier comparison replaced. */
  readonly notes: readonly string[];
}

/** The comparison's document, keys in the documented order. */
export function compareJson(c: Comparison, out: string, files: readonly string[], notes: readonly string[]): CompareJson {
  return {
    command: 'compare',
    out,
    files: [...files].sort(),
    inputs: c.inputs,
    groups: c.groups,
    columns: c.columns,
    hasChange: c.hasChange,
    rows: c.rows,
    notes,
  };
}
