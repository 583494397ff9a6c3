/**
 * Grid cells: the Cartesian product of the axes, and each cell's scenario input — the raw file
 * with the cell's values written into its base settings, before variants are merged, so every
 * variant inherits them exactly as if the file said so.
 */
import { formatPath, valueAt, type PathSegment } from '../scenario/errors.js';
import { isPlainObject, type PlainObject } from '../scenario/merge.js';
import type { CellValues, GridAxis, GridValue } from './types.js';

/** Paths whose string shorthand (`consumer: rig`) is the object `{ strategy: rig }`. */
const SHORTHANDS = ['consumer', 'deployment.consumerId'];

/** Every combination of the axes' values; the first axis varies slowest. No axes: one empty cell. */
export function gridCells(axes: readonly GridAxis[]): CellValues[] {
  let combos: GridValue[][] = [[]];
  for (const axis of axes) combos = combos.flatMap((combo) => axis.values.map((v) => [...combo, v]));
  return combos.map((combo, index) => ({
    index,
    values: Object.fromEntries(axes.map((axis, i) => [axis.path, combo[i]])),
  }));
}

/** `deployment.replicas=2, faults.containerRestart.perDay=1`: how errors and tables name a cell. */
export function cellLabel(cell: CellValues): string {
  const parts = Object.entries(cell.values).map(([path, value]) => `${path}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  return parts.length === 0 ? '(no grid)' : parts.join(', ');
}

/** A deep copy of `input` with each axis's value of `cell` set at its path (objects created as needed). */
export function applyCell(input: PlainObject, axes: readonly GridAxis[], cell: CellValues): PlainObject {
  const copy = structuredClone(input);
  for (const axis of axes) setAt(copy, axis.segments, cell.values[axis.path]);
  return copy;
}

function setAt(root: PlainObject, segments: readonly PathSegment[], value: GridValue): void {
  let here: PlainObject | unknown[] = root;
  for (let i = 0; i < segments.length - 1; i++) {
    const key = segments[i];
    const nextIsIndex = typeof segments[i + 1] === 'number';
    const current = (here as Record<PathSegment, unknown>)[key];
    let next: unknown = current;
    if (typeof current === 'string' && SHORTHANDS.includes(formatPath(segments.slice(0, i + 1)))) next = { strategy: current };
    else if (nextIsIndex ? !Array.isArray(current) : !isPlainObject(current)) next = nextIsIndex ? [] : {};
    (here as Record<PathSegment, unknown>)[key] = next;
    here = next as PlainObject | unknown[];
  }
  (here as Record<PathSegment, unknown>)[segments[segments.length - 1]] = value;
}

/**
 * Warnings for axes a variant overrides: the variant sets that path (or a value replacing an
 * object above it) itself, so the grid's value does not reach that variant. `only`: variants to check.
 */
export function overriddenAxes(input: PlainObject, axes: readonly GridAxis[], only?: ReadonlySet<string>): string[] {
  const variants = Array.isArray(input.variants) ? input.variants : [];
  const warnings: string[] = [];
  for (const axis of axes) {
    const names: string[] = [];
    for (const entry of variants) {
      if (!isPlainObject(entry) || typeof entry.name !== 'string' || (only !== undefined && !only.has(entry.name))) continue;
      if (setsPath(entry, axis.segments)) names.push(JSON.stringify(entry.name));
    }
    if (names.length > 0) {
      warnings.push(`grid key ${axis.path} is set by variant ${names.join(', ')}, which therefore ignore${names.length === 1 ? 's' : ''} it`);
    }
  }
  return warnings;
}

function setsPath(entry: PlainObject, segments: readonly PathSegment[]): boolean {
  for (let i = 1; i <= segments.length; i++) {
    const value = valueAt(entry, segments.slice(0, i));
    if (value === undefined) return false;
    // Lists and scalars replace what the base has outright; only objects merge key by key.
    if (i === segments.length || !isPlainObject(value)) return true;
  }
  return false;
}
