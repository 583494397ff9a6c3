import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { chartSpecs } from '../../src/sweep/charts.js';
import { csvField, toCsv } from '../../src/sweep/csv.js';
import { sweepHtml } from '../../src/sweep/html.js';
import { formatSweepTable } from '../../src/sweep/table.js';
import { buildReport } from '../../src/sweep/summarize.js';
import { gridCells } from '../../src/sweep/grid-apply.js';
import type { GridAxis, RunRecord, SweepHeader } from '../../src/sweep/types.js';
import { fakeMetrics } from './support/fake.js';
import { qualifyScenario } from '../../src/scenario/index.js';
import { first, nth } from '../support/items.js';

function report(axes: GridAxis[]) {
  const variants = ['static, shared', 'pod "name"'];
  const cells = gridCells(axes);
  const header: SweepHeader = {
    format: 'pelsim-sweep/1', scenario: 't', description: '', fingerprint: 'f', baseSeed: 1, seeds: 3, seedRule: 'r',
    grid: axes.map((a) => ({ path: a.path, values: a.values })), variants, cells, warnings: [],
    rowLabels: cells.map((c) => variants.map((name, i) => (c.index === 1 && i === 0 ? `${name} [consumer: autoclaim, not rig]` : name))),
  };
  const v = first(qualifyScenario({ name: 't' }).variants);
  const records: RunRecord[] = cells.flatMap((cell) =>
    variants.flatMap((variant) => [1, 2, 3].map((seed) => ({ cell: cell.index, variant, seed, metrics: fakeMetrics({ ...v, seed, deployment: { ...v.deployment, replicas: cell.index + 1 } }) }))),
  );
  return buildReport(header, records.reverse());
}

const axis = (path: string, values: (number | string)[]): GridAxis => ({ path, segments: path.split('.'), values });

describe('sweep.csv', () => {
  it('quotes only what needs it', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField(null)).toBe('');
    expect(csvField(0)).toBe('0');
  });

  it('has one row per cell and variant, grid values first, every metric after', () => {
    const csv = toCsv(report([axis('deployment.replicas', [1, 2]), axis('consumer', ['rig', 'autoclaim'])]));
    const lines = csv.trimEnd().split('\n');
    expect(lines).toHaveLength(1 + 4 * 2);
    const head = first(lines).split(',');
    expect(head.slice(0, 9)).toEqual(['cell', 'deployment.replicas', 'consumer', 'variant', 'label', 'runs', 'p_duplicate_pr', 'p_duplicate_pr_ci_lo', 'p_duplicate_pr_ci_hi']);
    expect(head).toContain('issuesPerHour_mean');
    expect(head).toContain('duplicatesByMechanism.history-read-shared-name_ci_hi');
    expect(nth(lines, 1).startsWith('0,1,rig,"static, shared","static, shared",3,')).toBe(true);
    expect(nth(lines, 2).startsWith('0,1,rig,"pod ""name""","pod ""name""",3,')).toBe(true);
    expect(nth(lines, 3).startsWith('1,1,autoclaim,"static, shared","static, shared [consumer: autoclaim, not rig]",3,')).toBe(true);
    expect(lines.every((l) => l.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/).length === head.length)).toBe(true);
  });
});

describe('row labels', () => {
  it('name what the grid changed in a variant, in the terminal table and in sweep.html', () => {
    const r = report([axis('deployment.replicas', [1, 2]), axis('consumer', ['rig', 'autoclaim'])]);
    expect(formatSweepTable(r)).toMatch(/^\s*1\s+autoclaim\s+static, shared \[consumer: autoclaim, not rig\]\s+3\s/m);
    expect(sweepHtml(r, [])).toContain('<td>static, shared [consumer: autoclaim, not rig]</td>');
  });
});

describe('charts', () => {
  for (const axes of [[], [axis('deployment.replicas', [1, 2, 4])], [axis('deployment.replicas', [1, 2]), axis('consumer', ['rig', 'autoclaim'])], [axis('a.b', [1, 2]), axis('c', [0, 1]), axis('d', ['x', 'y'])]]) {
    it(`are valid Vega-Lite that renders, with ${axes.length} axes`, async () => {
      const specs = chartSpecs(report(axes));
      expect([...specs.keys()]).toContain('p-duplicate-pr.vl.json');
      expect(specs.size).toBe(2 + Math.max(1, axes.length));
      for (const [name, spec] of specs) {
        const view = new vega.View(vega.parse(compile(spec as unknown as TopLevelSpec).spec), { renderer: 'none' });
        const svg = await view.toSVG();
        view.finalize();
        expect(svg, name).toMatch(/^<svg/);
        expect(svg.length, name).toBeGreaterThan(1000);
      }
    });
  }
});
