/**
 * Planning a sweep: read the scenario and its `sweep:` section, read the grid, check every key and
 * qualify every cell — all before the first run, so a bad key or value fails in milliseconds with
 * the cell and path it concerns, not hours into a sweep.
 */
import { createHash } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { loadConsumerModule } from '../consumers/registry.js';
import { loadScenarioFile, qualifyScenario, ScenarioError } from '../scenario/index.js';
import type { QualifiedScenario, QualifiedVariant } from '../scenario/types.js';
import { present } from '../errors.js';
import { SweepUsageError } from './errors.js';
import { applyCell, cellLabel, gridCells, overriddenAxes, rowLabel } from './grid-apply.js';
import { canonicalSetting } from '../scenario/versions.js';
import { checkGridPath } from './grid-keys.js';
import { parseGridFlag, type GridSpec } from './grid-parse.js';
import { readRawScenario } from './raw.js';
import { readSweepSection } from './sweep-section.js';
import { SEED_RULE } from './tasks.js';
import type { CellValues, GridAxis, SweepHeader } from './types.js';

/** Runs per cell and variant when neither `--seeds` nor `sweep.seeds` says. */
export const DEFAULT_SEEDS = 20;

/** Cells whose problems a failed plan lists before summarising the rest. */
const MAX_CELL_ERRORS = 5;

/** What a sweep is over; see {@link planSweep}. */
export interface PlanOptions {
  /** Path of the scenario file (YAML or JSON), as the user typed it. */
  readonly scenario: string;
  /** Runs per cell and variant (default: `sweep.seeds` of the file, else {@link DEFAULT_SEEDS}). */
  readonly seeds?: number;
  /** `path=values` grid axes, as given to `--grid`; when non-empty they replace the file's grid. */
  readonly grid?: readonly string[];
  /** Base seed (default: the scenario's `seed`); run r uses base + r. */
  readonly seed?: number;
  /** Only these variants (default: all). */
  readonly variants?: readonly string[];
}

/** A planned cell: its values and its qualified scenario. */
export interface PlannedCell extends CellValues {
  readonly scenario: QualifiedScenario;
}

/** A checked sweep, ready to run. */
export interface SweepPlan {
  readonly header: SweepHeader;
  readonly cells: readonly PlannedCell[];
}

/**
 * Checks everything about a sweep and qualifies every cell. Throws a `UsageError` for a bad grid
 * key, value or variant name (naming the flag or the cell) or a `ScenarioError` for a bad file.
 */
export async function planSweep(options: PlanOptions): Promise<SweepPlan> {
  const file = options.scenario;
  const loaded = await loadScenarioFile(file);
  const raw = await readRawScenario(file);
  const section = readSweepSection(raw.sweep, file);
  const specs = options.grid !== undefined && options.grid.length > 0 ? options.grid.map(parseGridFlag) : (section.grid ?? []);
  const axes = checkAxes(specs);
  const seeds = options.seeds ?? section.seeds ?? DEFAULT_SEEDS;
  if (!Number.isInteger(seeds) || seeds < 1) throw new SweepUsageError(`--seeds expects an integer >= 1, found ${seeds}`);
  const baseSeed = options.seed ?? loaded.seed;

  const baseDir = dirname(resolve(file));
  const failures: string[] = [];
  const cells: PlannedCell[] = [];
  const values = gridCells(axes);
  for (const cell of values) {
    try {
      const scenario = pickVariants(qualifyScenario(applyCell(raw, axes, cell), file, baseDir), options.variants);
      cells.push({ ...cell, scenario });
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      failures.push(`grid cell ${cell.index} (${cellLabel(cell)}): ${error.message}`);
    }
  }
  if (failures.length > 0) {
    const more = failures.length > MAX_CELL_ERRORS ? `\n… and ${failures.length - MAX_CELL_ERRORS} more cells` : '';
    throw new SweepUsageError(`${failures.slice(0, MAX_CELL_ERRORS).join('\n')}${more}`);
  }

  // A consumer module that fails to load fails here, as input (exit 2), not in a worker mid-sweep.
  const modules = new Set(cells.flatMap((c) => c.scenario.variants.flatMap((v) => (v.consumer.strategy === 'module' ? [v.consumer.module] : []))));
  for (const module of modules) await loadConsumerModule(module);

  const variants = present(cells[0], 'a grid has at least one cell (no axes: one empty cell)').scenario.variants.map((v) => v.name);
  const { sweep: _section, ...input } = raw;
  const fingerprint = createHash('sha256')
    .update(JSON.stringify({ format: 2, input, grid: axes.map((a) => [a.path, a.values]), seeds, baseSeed, variants }))
    .digest('hex')
    .slice(0, 16);
  const warnings = overriddenAxes(raw, axes, new Set(variants));
  const header: SweepHeader = {
    format: 'pelsim-sweep/1',
    scenario: loaded.name,
    description: loaded.description,
    fingerprint,
    baseSeed,
    seeds,
    seedRule: SEED_RULE,
    grid: axes.map((a) => ({ path: a.path, values: a.values })),
    variants,
    cells: values.map(({ index, values: v }) => ({ index, values: v })),
    warnings,
    rowLabels: values.map((cell) => variants.map((name) => rowLabel(raw, axes, cell, name))),
  };
  return { header, cells };
}

/** The variant a task runs: the cell's variant with the run's seed. */
export function taskVariant(plan: SweepPlan, cell: number, variant: number, run: number): QualifiedVariant {
  const cellVariant = present(planCell(plan, cell).scenario.variants[variant], `task variant ${variant} is in the plan`);
  return { ...cellVariant, seed: plan.header.baseSeed + run };
}

/** The plan's grid cell `index`; tasks are listed from the plan, so theirs is always there. */
export function planCell(plan: SweepPlan, index: number): SweepPlan['cells'][number] {
  return present(plan.cells[index], `task cell ${index} is in the plan`);
}

function checkAxes(specs: readonly GridSpec[]): GridAxis[] {
  const seen = new Set<string>();
  return specs.map((spec) => {
    checkGridPath(spec.segments, spec.where);
    const key = JSON.stringify(spec.segments);
    if (seen.has(key)) throw new SweepUsageError(`${spec.where}: ${spec.path} is already a grid axis`);
    seen.add(key);
    if (spec.values.length === 0) throw new SweepUsageError(`${spec.where}: expected at least one value`);
    // `--grid redis.version=7.0,7.2` reads 7.0 as the number 7: the axis names the release, "7.0".
    return { path: spec.path, segments: spec.segments, values: spec.values.map((v) => canonicalSetting(spec.segments, v)) };
  });
}

function pickVariants(scenario: QualifiedScenario, names: readonly string[] | undefined): QualifiedScenario {
  if (names === undefined || names.length === 0) return scenario;
  const known = scenario.variants.map((v) => v.name);
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length > 0) {
    throw new SweepUsageError(
      `--variant ${JSON.stringify(unknown[0])}: no such variant (the scenario has ${known.map((n) => JSON.stringify(n)).join(', ')})`,
    );
  }
  return { ...scenario, variants: scenario.variants.filter((v) => names.includes(v.name)) };
}
