import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyCell, cellLabel, gridCells, overriddenAxes, rowLabel } from '../../src/sweep/grid-apply.js';
import { checkGridPath } from '../../src/sweep/grid-keys.js';
import { parseGridFlag, parsePath, parseValues } from '../../src/sweep/grid-parse.js';
import { isPelsimError } from '../../src/errors.js';
import { planSweep } from '../../src/sweep/plan.js';
import { readSweepSection } from '../../src/sweep/sweep-section.js';
import type { GridAxis } from '../../src/sweep/types.js';
import { first, nth } from '../support/items.js';

const usage = (f: () => unknown): Error => {
  try {
    f();
  } catch (error) {
    expect(isPelsimError(error, 'input')).toBe(true);
    return error as Error;
  }
  throw new Error('expected an input error');
};

describe('grid syntax', () => {
  it('reads lists, ranges, stepped ranges, booleans and strings', () => {
    expect(parseValues('1,2,4,8', 'x')).toEqual([1, 2, 4, 8]);
    expect(parseValues('1..4', 'x')).toEqual([1, 2, 3, 4]);
    expect(parseValues('0, 2..3 ,8', 'x')).toEqual([0, 2, 3, 8]);
    expect(parseValues('0..1:0.1', 'x')).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    expect(parseValues('static,pod-name,true,30m,0.5', 'x')).toEqual(['static', 'pod-name', true, '30m', 0.5]);
  });

  it('refuses empty values, backwards ranges, fractional ranges without step and repeats', () => {
    expect(usage(() => parseValues('1,,2', '--grid a=1,,2')).message).toMatch(/^--grid a=1,,2: .*empty value/);
    expect(usage(() => parseValues('8..1', 'w')).message).toMatch(/upwards/);
    expect(usage(() => parseValues('0.5..2', 'w')).message).toMatch(/integers/);
    expect(usage(() => parseValues('1,2,1..3', 'w')).message).toMatch(/the value 1 appears twice/);
    expect(usage(() => parseValues('1..100000', 'w')).message).toMatch(/at most/);
  });

  it('reads paths with dots and indices', () => {
    expect(parsePath('deployment.replicas', 'w')).toEqual(['deployment', 'replicas']);
    expect(parsePath('faults.scale[0].replicas', 'w')).toEqual(['faults', 'scale', 0, 'replicas']);
    for (const bad of ['', '.a', 'a.', 'a..b', '[0]', 'a b', 'a.[0]']) expect(() => parsePath(bad, 'w')).toThrow(/expected a scenario path/);
  });

  it('splits --grid path=values', () => {
    expect(parseGridFlag('deployment.replicas=1..3')).toMatchObject({ path: 'deployment.replicas', values: [1, 2, 3] });
    expect(usage(() => parseGridFlag('deployment.replicas')).message).toMatch(/expected path=values/);
  });
});

describe('grid keys', () => {
  it('accepts real paths, through unions, shorthands and lists', () => {
    for (const path of [
      'deployment.replicas',
      'faults.containerRestart.perDay',
      'consumer',
      'consumer.minIdle',
      'deployment.consumerId.name',
      'work.minutes.low.lognormal.median',
      'faults.scale[0].replicas',
      'conductor.arrivals.poisson.perHour',
      'duration',
    ]) {
      expect(() => checkGridPath(parsePath(path, 'w'), 'w'), path).not.toThrow();
    }
  });

  it('names the unknown key, where it is, and the likely fix', () => {
    const e = usage(() => checkGridPath(['deployment', 'replicaz'], '--grid deployment.replicaz=1,2'));
    expect(e.message).toBe('--grid deployment.replicaz=1,2: unknown scenario key "replicaz" at deployment.replicaz (did you mean "replicas"?)');
    expect(usage(() => checkGridPath(['faults', 'restart', 'perDay'], 'w')).message).toMatch(/unknown scenario key "restart" at faults\.restart \(known keys: containerRestart, /);
    expect(usage(() => checkGridPath(['deployment', 'replicas', 'x'], 'w')).message).toMatch(/at deployment\.replicas\.x \(deployment\.replicas takes a value, not keys\)/);
    expect(usage(() => checkGridPath(['deployment', 0], 'w')).message).toMatch(/deployment is not a list/);
    expect(usage(() => checkGridPath(['seed'], 'w')).message).toMatch(/base seed \+ r/);
    expect(usage(() => checkGridPath(['variants', 0, 'deployment'], 'w')).message).toMatch(/not a grid key/);
  });
});

describe('cells', () => {
  const axes: GridAxis[] = [
    { path: 'deployment.replicas', segments: ['deployment', 'replicas'], values: [1, 2] },
    { path: 'consumer.minIdle', segments: ['consumer', 'minIdle'], values: ['5m', '1h'] },
  ];

  it('are the product of the axes, first axis slowest', () => {
    const cells = gridCells(axes);
    expect(cells.map((c) => c.values)).toEqual([
      { 'deployment.replicas': 1, 'consumer.minIdle': '5m' },
      { 'deployment.replicas': 1, 'consumer.minIdle': '1h' },
      { 'deployment.replicas': 2, 'consumer.minIdle': '5m' },
      { 'deployment.replicas': 2, 'consumer.minIdle': '1h' },
    ]);
    expect(cellLabel(nth(cells, 3))).toBe('deployment.replicas=2, consumer.minIdle=1h');
    expect(gridCells([])).toEqual([{ index: 0, values: {} }]);
  });

  it('write values into the base, expanding a consumer shorthand, without touching the input', () => {
    const input = { name: 'x', consumer: 'autoclaim', deployment: { name: 'd' } };
    const out = applyCell(input, axes, nth(gridCells(axes), 2));
    expect(out).toEqual({ name: 'x', consumer: { strategy: 'autoclaim', minIdle: '5m' }, deployment: { name: 'd', replicas: 2 } });
    expect(input.consumer).toBe('autoclaim');
  });

  it('warn about variants that set a grid key themselves', () => {
    const input = { name: 'x', variants: [{ name: 'a' }, { name: 'b', deployment: { replicas: 2 } }, { name: 'c', consumer: 'rig' }] };
    expect(overriddenAxes(input, axes)).toEqual([
      'grid key deployment.replicas replaces the value set by variant "b" (2); rows say so in their label',
      'grid key consumer.minIdle cannot apply to variant "c" (consumer: rig), which sets a plain value above it; rows say so in their label',
    ]);
    expect(overriddenAxes(input, axes, new Set(['a']))).toEqual([]);
  });

  it('win over a variant\'s own value, except where the variant holds a plain value above the path', () => {
    const input = { name: 'x', consumer: { strategy: 'autoclaim' }, variants: [{ name: 'a' }, { name: 'b', deployment: { replicas: 3 } }, { name: 'c', consumer: 'rig' }] };
    const out = applyCell(input, axes, nth(gridCells(axes), 2));
    expect(out.variants).toEqual([{ name: 'a' }, { name: 'b', deployment: { replicas: 2 } }, { name: 'c', consumer: 'rig' }]);
    expect(out.deployment).toEqual({ replicas: 2 });
  });

  it('label every row whose settings differ from what its variant runs without the grid', () => {
    const input = { name: 'x', deployment: { replicas: 1 }, variants: [{ name: 'a' }, { name: 'b', deployment: { replicas: 2 } }, { name: 'c', consumer: 'rig' }] };
    const cell = nth(gridCells(axes), 2); // replicas 2, minIdle 5m
    expect(rowLabel(input, axes, cell, 'a')).toBe('a [deployment.replicas: 2, not 1; consumer.minIdle: 5m, unset in the file]');
    expect(rowLabel(input, axes, cell, 'b')).toBe('b [consumer.minIdle: 5m, unset in the file]');
    expect(rowLabel(input, axes, cell, 'c')).toBe('c [deployment.replicas: 2, not 1; consumer.minIdle=5m not applied: the variant sets consumer: rig]');
    expect(rowLabel(input, axes, first(gridCells(axes)), 'b')).toBe('b [deployment.replicas: 1, not 2; consumer.minIdle: 5m, unset in the file]');
  });
});

describe('the sweep: section', () => {
  it('reads seeds and a grid of lists or strings', () => {
    const section = readSweepSection({ seeds: 50, grid: { 'deployment.replicas': [1, '2..3'], consumer: 'rig,autoclaim' } }, 'f.yaml');
    expect(section.seeds).toBe(50);
    expect(section.grid?.map((g) => [g.path, g.values])).toEqual([
      ['deployment.replicas', [1, 2, 3]],
      ['consumer', ['rig', 'autoclaim']],
    ]);
  });

  it('names the file and path of a mistake', () => {
    expect(usage(() => readSweepSection({ seedz: 3 }, 'f.yaml')).message).toBe('f.yaml: sweep.seedz: expected one of the keys seeds, grid, found "seedz"');
    expect(usage(() => readSweepSection({ seeds: 0 }, 'f.yaml')).message).toBe('f.yaml: sweep.seeds: expected an integer from 1 to 1000000, found 0');
    expect(usage(() => readSweepSection({ grid: { 'a.b': [{}] } }, 'f.yaml')).message).toMatch(/^f\.yaml: sweep\.grid\["a\.b"\]: expected a list/);
  });
});

describe('planning', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pelsim-plan-'));
  const file = join(dir, 'plan.yaml');
  writeFileSync(file, 'name: p\nseed: 5\nduration: 1h\nvariants:\n  - name: a\n  - name: b\n    deployment: { replicas: 3 }\nsweep:\n  seeds: 3\n  grid:\n    deployment.replicas: [1, 2]\n');

  it('takes the file section, and flags over it', async () => {
    const plan = await planSweep({ scenario: file });
    expect(plan.header.seeds).toBe(3);
    expect(plan.header.baseSeed).toBe(5);
    expect(plan.header.grid).toEqual([{ path: 'deployment.replicas', values: [1, 2] }]);
    expect(plan.header.warnings).toEqual(['grid key deployment.replicas replaces the value set by variant "b" (3); rows say so in their label']);
    expect(first(nth(plan.cells, 1).scenario.variants).deployment.replicas).toBe(2);
    expect(nth(nth(plan.cells, 1).scenario.variants, 1).deployment.replicas).toBe(2);
    expect(plan.header.rowLabels).toEqual([
      ['a [deployment.replicas: 1, unset in the file]', 'b [deployment.replicas: 1, not 3]'],
      ['a [deployment.replicas: 2, unset in the file]', 'b [deployment.replicas: 2, not 3]'],
    ]);
    const flags = await planSweep({ scenario: file, seeds: 7, seed: 100, grid: ['duration=1h,2h'], variants: ['a'] });
    expect(flags.header).toMatchObject({ seeds: 7, baseSeed: 100, variants: ['a'], warnings: [] });
    expect(flags.cells.map((c) => first(c.scenario.variants).durationMs)).toEqual([3_600_000, 7_200_000]);
    expect(flags.header.fingerprint).not.toBe(plan.header.fingerprint);
  });

  it('names the cell whose value the scenario refuses, before any run', async () => {
    const error = await planSweep({ scenario: file, grid: ['deployment.replicas=1,-1', 'faults.reconnect.perDay=0,2'] }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect(isPelsimError(error, 'input')).toBe(true);
    const lines = (error as Error).message.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^grid cell 2 \(deployment\.replicas=-1, faults\.reconnect\.perDay=0\): .*plan\.yaml: deployment\.replicas: expected an integer from 0 to 10000, found -1$/);
    expect(lines[1]).toMatch(/^grid cell 3 \(deployment\.replicas=-1, faults\.reconnect\.perDay=2\): /);
  });

  it('runs every row of the seed story with the replicas its grid column says, and labels what the variant would have run', async () => {
    const seedStory = await planSweep({ scenario: 'scenarios/seed-story.yaml', grid: ['deployment.replicas=1,2,4'], seeds: 2 });
    seedStory.cells.forEach((cell) => {
      for (const variant of cell.scenario.variants) expect(variant.deployment.replicas, `${variant.name} in cell ${cell.index}`).toBe(cell.values['deployment.replicas']);
    });
    expect(seedStory.header.rowLabels).toEqual([
      ['1 replica, static id', '2 replicas, static id [deployment.replicas: 1, not 2]', '2 replicas, pod-name id [deployment.replicas: 1, not 2]'],
      ['1 replica, static id [deployment.replicas: 2, not 1]', '2 replicas, static id', '2 replicas, pod-name id'],
      ['1 replica, static id [deployment.replicas: 4, not 1]', '2 replicas, static id [deployment.replicas: 4, not 2]', '2 replicas, pod-name id [deployment.replicas: 4, not 2]'],
    ]);
  });

  it('refuses an unknown variant and a repeated axis', async () => {
    await expect(planSweep({ scenario: file, variants: ['zz'] })).rejects.toThrow(/--variant "zz": no such variant \(the scenario has "a", "b"\)/);
    await expect(planSweep({ scenario: file, grid: ['duration=1h', 'duration=2h'] })).rejects.toThrow(/duration is already a grid axis/);
  });
});
