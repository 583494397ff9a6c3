import { present } from '../errors.js';
import type { WorkOutcome } from './timeline.js';

/**
 * One colour per variant, fixed by the variant's position among the variant names in order of first
 * appearance (the scenario's order), used by every chart and table swatch of a run, a comparison
 * and a sweep, so a variant looks the same everywhere. Tableau 10 first (distinct for the usual 2–4 variants),
 * then its lighter partners for comparisons with many series.
 */
const PALETTE: readonly string[] = [
  '#4c78a8', '#f58518', '#54a24b', '#e45756', '#72b7b2', '#b279a2', '#eeca3b', '#ff9da6', '#9d755d', '#bab0ac',
  '#9ecae9', '#ffbf79', '#88d27a', '#ff9d98', '#a1d8d3', '#d6a5c9', '#f5e28b', '#fcd6db', '#d8b5a5', '#79706e',
];

/** The colour of the series at `index` (0-based); wraps after 20 series. */
export function seriesColour(index: number): string {
  return present(PALETTE[index % PALETTE.length], `a series index is an integer >= 0, got ${index}`);
}

/**
 * Each distinct name's colour: the n-th distinct name (in order of first appearance) gets
 * {@link seriesColour}(n). A run's report, a comparison of runs of the same scenario and a sweep
 * of it list the same variants in the same order, so each variant keeps its colour across them.
 */
export function variantColours(names: readonly string[]): Map<string, string> {
  const colours = new Map<string, string>();
  for (const name of names) if (!colours.has(name)) colours.set(name, seriesColour(colours.size));
  return colours;
}

/**
 * Dash patterns ([dash, gap] in px) by position: solid first. Lines of equal values (two variants
 * both at 0 consumers lost) then still show each pattern, where equal solid lines would hide each
 * other; in a comparison they tell apart the inputs of one variant, which share its colour.
 */
const DASHES: readonly (readonly number[])[] = [[1, 0], [9, 5], [3, 3], [14, 4, 3, 4], [6, 2]];

/** The dash pattern at `index` (0-based); wraps. */
export function seriesDash(index: number): readonly number[] {
  return present(DASHES[index % DASHES.length], `a series index is an integer >= 0, got ${index}`);
}

/** Outcome of one piece of work, as the swimlane colours it. */
export const OUTCOME_COLOURS: Readonly<Record<WorkOutcome, string>> = {
  merged: '#3f8f4f',
  closed: '#8e5ea2',
  conflict: '#d1392b',
  lost: '#8c6d4f',
  skipped: '#b8b8b8',
  unfinished: '#5fb0c9',
};
