/** The document `pelsim compare --json` prints. */
import type { Comparison } from '../../report/index.js';
import type { WrittenFiles } from './written-files.js';

/**
 * `pelsim compare --json`: comparison.json's content (inputs, groups, the diff table's columns,
 * hasChange and rows) with where it was written. Keys in this order: command, out, files, inputs,
 * groups, columns, hasChange, rows, notes.
 */
export interface CompareJson extends WrittenFiles, Comparison {
  readonly command: 'compare';
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
