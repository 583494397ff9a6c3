/**
 * Grid cells: the Cartesian product of the axes, and each cell's scenario input — the raw file
 * with the cell's values written into its base settings, before variants are merged, so every
 * variant inherits them exactly as if the file said so.
 */
import { present } from '../errors.js';
import { formatPath, valueAt, type PathSegment } from '../scenario/errors.js';
import { isPlainObject, type PlainObject } from '../scenario/merge.js';
import type { CellValues, GridAxis, GridValue } from './types.js';

/** Paths whose string shorthand (`consumer: rig`) is the object `{ strategy: rig }`. */
const SHORTHANDS = ['consumer', 'deployment.consumerId'];

/** Every combination of the axes' values; the first axis varies slowest. No axes: one empty cell. */
export function gridCells(axes: readonly GridAxis[]): CellValues[] {
  let combos: [string, GridValue][][] = [[]];
  for (const axis of axes) combos = combos.flatMap((combo) => axis.values.map((v): [string, GridValue][] => [...combo, [axis.path, v]]));
  return combos.map((combo, index) => ({ index, values: Object.fromEntries(combo) }));
}

/** `deployment.replicas=2, faults.containerRestart.perDay=1`: how errors and tables name a cell. */
export function cellLabel(cell: CellValues): string {
  const parts = Object.entries(cell.values).map(([path, value]) => `${path}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  return parts.length === 0 ? '(no grid)' : parts.join(', ');
}

/**
 * A deep copy of `input` with each axis's value of `cell` set at its path (objects created as
 * needed): in the base settings, which every variant inherits, and in every variant that sets the
 * path itself, so the grid's value wins over the variant's own. A variant that replaces an object
 * above the path with a plain value (`consumer: rig` under the axis `consumer.minIdle`) keeps its
 * value: the grid cannot reach it, and {@link rowLabel} says so.
 */
export function applyCell(input: PlainObject, axes: readonly GridAxis[], cell: CellValues): PlainObject {
  const copy = structuredClone(input);
  const variants = Array.isArray(copy.variants) ? copy.variants : [];
  for (const axis of axes) {
    const value = present(cell.values[axis.path], `grid cell ${cell.index} has a value on ${axis.path}`);
    setAt(copy, axis.segments, value);
    for (const entry of variants) {
      if (isPlainObject(entry) && reach(entry, axis.segments).kind === 'sets') setAt(entry, axis.segments, value);
    }
  }
  return copy;
}

function setAt(root: PlainObject, segments: readonly PathSegment[], value: GridValue): void {
  let here: PlainObject | unknown[] = root;
  for (const [i, key] of segments.slice(0, -1).entries()) {
    const nextIsIndex = typeof segments[i + 1] === 'number';
    const current = (here as Record<PathSegment, unknown>)[key];
    let next: unknown = current;
    if (typeof current === 'string' && SHORTHANDS.includes(formatPath(segments.slice(0, i + 1)))) next = { strategy: current };
    else if (nextIsIndex ? !Array.isArray(current) : !isPlainObject(current)) next = nextIsIndex ? [] : {};
    (here as Record<PathSegment, unknown>)[key] = next;
    here = next as PlainObject | unknown[];
  }
  (here as Record<PathSegment, unknown>)[present(segments.at(-1), 'a grid path has a segment')] = value;
}

/** How a variant entry relates to a grid path. */
type Reach =
  /** The entry does not mention the path: it inherits the base's value. */
  | { readonly kind: 'inherits' }
  /** The entry sets the path (or objects along it, which merge): the grid replaces `own`. */
  | { readonly kind: 'sets'; readonly own: unknown }
  /** The entry sets a plain value or list above the path, replacing the base's object: the grid cannot apply. */
  | { readonly kind: 'blocks'; readonly at: string; readonly value: unknown };

function reach(entry: PlainObject, segments: readonly PathSegment[]): Reach {
  for (let i = 1; i <= segments.length; i++) {
    const value = valueAt(entry, segments.slice(0, i));
    if (value === undefined) return { kind: 'inherits' };
    if (i === segments.length) return { kind: 'sets', own: value };
    // Lists and scalars replace what the base has outright; only objects merge key by key.
    if (!isPlainObject(value)) return { kind: 'blocks', at: formatPath(segments.slice(0, i)), value };
  }
  return { kind: 'inherits' };
}

function shown(value: unknown): string {
  if (value === undefined) return 'the default';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The entry of `input.variants` named `name` (none: the file has no variants, or it is not there). */
function variantEntry(input: PlainObject, name: string): PlainObject | undefined {
  const variants = Array.isArray(input.variants) ? input.variants : [];
  return variants.find((v): v is PlainObject => isPlainObject(v) && v.name === name);
}

/**
 * How a sweep row names variant `name` in `cell`: its name, followed by every axis whose value in
 * this row differs from what the variant runs without the grid — `2 replicas, static id
 * [deployment.replicas: 4, not 2]`, so a row never silently runs something its name does not say —
 * and every axis the grid could not apply to it (`[consumer.minIdle=5m not applied: the variant
 * sets consumer: rig]`).
 */
export function rowLabel(input: PlainObject, axes: readonly GridAxis[], cell: CellValues, name: string): string {
  const entry = variantEntry(input, name);
  const notes: string[] = [];
  for (const axis of axes) {
    const value = cell.values[axis.path];
    const how = entry === undefined ? ({ kind: 'inherits' } as const) : reach(entry, axis.segments);
    if (how.kind === 'blocks') {
      notes.push(`${axis.path}=${shown(value)} not applied: the variant sets ${how.at}: ${shown(how.value)}`);
      continue;
    }
    const own = how.kind === 'sets' ? how.own : valueAt(input, axis.segments);
    // A path the file leaves unset runs pelsim's default, which the grid value may equal (redis.version 7.4).
    if (own === undefined) notes.push(`${axis.path}: ${shown(value)}, unset in the file`);
    else if (JSON.stringify(own) !== JSON.stringify(value)) notes.push(`${axis.path}: ${shown(value)}, not ${shown(own)}`);
  }
  return notes.length === 0 ? name : `${name} [${notes.join('; ')}]`;
}

/**
 * One line per axis that meets a variant's own setting: replaced by the grid in every cell, or
 * (a plain value above the path) not applied. `only`: variants to check.
 */
export function overriddenAxes(input: PlainObject, axes: readonly GridAxis[], only?: ReadonlySet<string>): string[] {
  const variants = Array.isArray(input.variants) ? input.variants : [];
  const warnings: string[] = [];
  for (const axis of axes) {
    const replaced: string[] = [];
    const blocked: string[] = [];
    for (const entry of variants) {
      if (!isPlainObject(entry) || typeof entry.name !== 'string' || (only !== undefined && !only.has(entry.name))) continue;
      const how = reach(entry, axis.segments);
      if (how.kind === 'sets') replaced.push(`${JSON.stringify(entry.name)} (${shown(how.own)})`);
      if (how.kind === 'blocks') blocked.push(`${JSON.stringify(entry.name)} (${how.at}: ${shown(how.value)})`);
    }
    if (replaced.length > 0) warnings.push(`grid key ${axis.path} replaces the value set by variant ${replaced.join(', ')}; rows say so in their label`);
    if (blocked.length > 0) warnings.push(`grid key ${axis.path} cannot apply to variant ${blocked.join(', ')}, which set${blocked.length === 1 ? 's' : ''} a plain value above it; rows say so in their label`);
  }
  return warnings;
}
