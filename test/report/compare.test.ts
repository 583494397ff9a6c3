import { Command } from 'commander';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registerCompare } from '../../src/cli/commands/compare.js';
import { isPelsimError } from '../../src/errors.js';
import { groupInputs, loadInputs } from '../../src/report/compare/inputs.js';
import { differenceCi, estimate, t95 } from '../../src/report/compare/stats.js';
import { writeComparison } from '../../src/report/index.js';
import { writeStory } from './fixtures/write-fixture.js';
import { listFiles, tempDirs, thrown } from './helpers.js';
import { nth } from '../support/items.js';

const newDir = tempDirs('compare');

/** A fixture run whose first variant's throughput is `perHour` (to give seeds different results). */
async function run(options: { scenario?: string; seed: number; perHour?: number }): Promise<string> {
  const dir = await writeStory(await newDir(), options);
  if (options.perHour !== undefined) {
    const path = join(dir, 'results.json');
    const results = JSON.parse(await readFile(path, 'utf8'));
    results.variants[0].metrics.issuesPerHour = options.perHour;
    await writeFile(path, JSON.stringify(results));
  }
  return dir;
}

describe('statistics', () => {
  it('uses Student t quantiles', () => {
    expect(t95(1)).toBe(12.706);
    expect(t95(4)).toBe(2.776);
    expect(t95(120)).toBeCloseTo(1.98, 2);
  });

  it('gives the t interval of a mean and Welch’s interval of a difference', () => {
    const a = estimate([1, 2, 3]);
    expect(a?.mean).toBe(2);
    expect(a?.ci?.[1]).toBeCloseTo(2 + 4.303 * Math.sqrt(1 / 3), 6);
    expect(estimate([5])?.ci).toBeNull();
    const b = estimate([11, 12, 13]);
    const d = differenceCi(a as never, b as never);
    expect(d?.[0]).toBeCloseTo(10 - 2.776 * Math.sqrt(2 / 3), 6); // df = 4
  });
});

describe('grouping inputs', () => {
  it('groups runs of one scenario with different seeds; a repeated seed stands alone', async () => {
    const runs = await loadInputs([await run({ seed: 1 }), await run({ seed: 2 }), await run({ scenario: 'b', seed: 1 }), await run({ scenario: 'b', seed: 1 })]);
    const groups = groupInputs(runs);
    expect(groups.map((g) => g.runs.length)).toEqual([2, 1, 1]);
    expect(nth(groups, 0).label).toBe('fixture-story (2 seeds)');
    expect(nth(groups, 1).label).toMatch(/^b \(pelsim-compare-\w+, seed 1\)$/);
    expect(new Set(groups.map((g) => g.label)).size).toBe(3);
  });
});

describe('writeComparison', () => {
  it('writes the charts, a diff table with 95 % CIs over seeds and the change, and comparison.json', async () => {
    const seeds = [await run({ seed: 1, perHour: 1 }), await run({ seed: 2, perHour: 2 }), await run({ seed: 3, perHour: 3 })];
    const other = await run({ scenario: 'other', seed: 9, perHour: 5 });
    const out = join(await newDir(), 'cmp');
    const summary = await writeComparison([...seeds, join(other, 'results.json')], out);
    expect(summary.charts).toContain('swimlane-other-2-replicas-static-id');
    expect(summary.charts).toContain('latency');
    const files = await listFiles(out);
    expect(files).toEqual(expect.arrayContaining(['report.html', 'summary.md', 'comparison.json', 'charts/completed-cumulative.svg']));

    const json = JSON.parse(await readFile(join(out, 'comparison.json'), 'utf8'));
    expect(json.columns).toEqual(['fixture-story (3 seeds)', 'other']);
    const row = json.rows.find((r: { variant: string; key: string }) => r.variant === '1 replica, static id' && r.key === 'issuesPerHour');
    expect(row.cells[0]).toEqual({ mean: 2, n: 3, ci: [2 - 4.303 * Math.sqrt(1 / 3), 2 + 4.303 * Math.sqrt(1 / 3)].map((v) => Math.round(v * 1000) / 1000) });
    expect(row.cells[1]).toEqual({ mean: 5, n: 1, ci: null });
    expect(row.change).toMatchObject({ delta: 3, percent: 150, better: true });

    const md = await readFile(join(out, 'summary.md'), 'utf8');
    expect(md).toContain('| 1 replica, static id | issues completed / hour | 2.000 ± 2.484 (n=3) | 5.00 | +3.00 (+150.0 %) |');
    const html = await readFile(join(out, 'report.html'), 'utf8');
    expect(html).toContain('<section id="diff">');
  });

  it('shows each seed and their mean with its CI when all inputs are seeds of one scenario', async () => {
    const out = join(await newDir(), 'cmp');
    await writeComparison([await run({ seed: 4, perHour: 1 }), await run({ seed: 5, perHour: 1.5 })], out);
    const json = JSON.parse(await readFile(join(out, 'comparison.json'), 'utf8'));
    expect(json.columns).toEqual(['seed 4', 'seed 5', 'mean over 2 seeds (95 % CI)']);
    expect(json.hasChange).toBe(false);
    const row = json.rows.find((r: { key: string }) => r.key === 'issuesPerHour');
    expect(row.cells.map((c: { mean: number }) => c.mean)).toEqual([1, 1.5, 1.25]);
  });

  it('reads a latency percentile beyond a run as >N, and a mean over seeds some of which never reached it as a lower bound', async () => {
    // Seed 1's first variant merged under half its issues: its p50 lies beyond its 480 minutes.
    const censored = await run({ seed: 1 });
    const path = join(censored, 'results.json');
    const results = JSON.parse(await readFile(path, 'utf8'));
    Object.assign(results.variants[0].metrics, { latencyP50Minutes: null, latencyHorizonMinutes: 480 });
    await writeFile(path, JSON.stringify(results));
    const reached = await run({ seed: 2 });
    const p50 = (JSON.parse(await readFile(join(reached, 'results.json'), 'utf8')) as { variants: { metrics: { latencyP50Minutes: number } }[] })
      .variants[0]?.metrics.latencyP50Minutes ?? Number.NaN;
    const out = join(await newDir(), 'cmp');
    await writeComparison([censored, reached], out);
    const json = JSON.parse(await readFile(join(out, 'comparison.json'), 'utf8'));
    const row = json.rows.find((r: { variant: string; key: string }) => r.variant === '1 replica, static id' && r.key === 'latencyP50Minutes');
    const bound = Math.round(((480 + p50) / 2) * 1000) / 1000;
    expect(row.cells).toEqual([{ mean: 480, n: 1, ci: null, beyond: 1 }, { mean: p50, n: 1, ci: null }, { mean: bound, n: 2, ci: null, beyond: 1 }]);
    const md = await readFile(join(out, 'summary.md'), 'utf8');
    const cell = (v: number) => Math.round(v).toLocaleString('en-US');
    expect(md).toContain(`| 1 replica, static id | latency p50 (min) | &gt;480 | ${cell(p50)} | &gt;${cell(bound)} (n=2, 1 beyond their run) |`);
    // The report's metrics table reads the group's mean the same way.
    expect(md).toMatch(new RegExp(`\\| latency p50 \\(min\\) \\| &gt;${cell(bound)} \\|`));
  });

  it('needs two inputs, each a run', async () => {
    const one = await run({ seed: 1 });
    expect((await thrown(() => writeComparison([one], '/tmp/x'))).message).toMatch(/at least two/);
    const error = await thrown(() => writeComparison([one, '/nonexistent/r.json'], '/tmp/x'));
    expect(isPelsimError(error, 'input')).toBe(true);
  });

  it('is the `pelsim compare` command', async () => {
    const out = join(await newDir(), 'cmp');
    const lines: string[] = [];
    const program = new Command().exitOverride();
    registerCompare(program, { out: (t) => lines.push(t), err: (t) => lines.push(t) });
    await program.parseAsync(['compare', await run({ seed: 1 }), await run({ scenario: 'b', seed: 1 }), '--out', out], { from: 'user' });
    expect(lines.join('')).toMatch(/comparison\.json and \d+ charts/);
  });
});

describe('colours in a comparison', () => {
  it('a variant keeps its run-report colour in every input; its inputs differ by dash', async () => {
    const { comparisonSeries } = await import('../../src/report/compare/series.js');
    const { seriesColour } = await import('../../src/report/palette.js');
    const runs = await loadInputs([await run({ seed: 1 }), await run({ scenario: 'b', seed: 1 })]);
    const series = comparisonSeries(groupInputs(runs));
    const names = runs[0]?.results.variants.map((v) => v.name) ?? [];
    expect(series.length).toBe(2 * names.length);
    series.forEach((s, i) => {
      expect(s.colour, s.label).toBe(seriesColour(i % names.length));
      expect(s.dash, s.label).toEqual(series[i < names.length ? 0 : names.length]?.dash);
    });
    expect(series[0]?.dash).not.toEqual(series[names.length]?.dash);
  });
});
