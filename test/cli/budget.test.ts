/**
 * Finding 4 of issue 16: absurd sizes are refused up front. Values that cannot make sense hit a
 * hard limit (with the range); sensible-looking work beyond the budget is refused with the
 * estimate and the flag that raises it; many variants do not die inside Vega.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_SERIES_PER_CHART, MAX_SWIMLANES, buildCharts } from '../../src/report/charts/index.js';
import type { ChartSeries } from '../../src/report/model.js';
import { variantCost } from '../../src/run/cost.js';
import { loadScenarioFile } from '../../src/scenario/index.js';
import { runCli } from '../support/cli.js';
import { first } from '../support/items.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pelsim-budget-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function scenario(name: string, body: string): Promise<string> {
  const file = join(dir, `${name}.yaml`);
  await writeFile(file, `name: ${name}\n${body}`);
  return file;
}

describe('hard limits', () => {
  it.each([
    ['100,000 replicas', 'deployment: { replicas: 100000 }\n', /deployment\.replicas: expected an integer from 0 to 10000, found 100000/],
    ['duration: 36500d', 'duration: 36500d\n', /duration: expected a duration .*at most 365d, found "36500d"/],
    ['duration: 1e308', 'duration: 1e308\n', /duration: expected a duration .*at most 365d, found 1e\+308/],
  ])('%s is refused at once: exit 2, one line', async (_, body, message) => {
    const out = join(dir, 'never');
    const run = await runCli(['run', await scenario('limits', body), '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^Error: [^\n]*\n$/);
    expect(run.stderr).toMatch(message);
  });
});

describe('the budget', () => {
  it('a run beyond it is refused before simulating, with the estimate and the flag that raises it', async () => {
    const file = await scenario('big', 'duration: 365d\ndeployment: { replicas: 10000 }\n');
    const started = performance.now();
    const run = await runCli(['run', file, '--out', join(dir, 'big')]);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'Error: the run would simulate about 63.1 billion operations (1 variant, the largest 10000 pods × 365d ÷ a 5s poll + 0 issues), ' +
        'over the budget of 1.0 billion: raise it with --max-cost 63072000000 if you mean it\n',
    );
  });

  it('a sweep counts every seed and cell', async () => {
    const file = await scenario('sweepy', 'duration: 30d\ndeployment: { replicas: 50 }\n');
    const run = await runCli(['sweep', file, '--seeds', '100', '--grid', 'deployment.replicas=10,50', '--out', join(dir, 'sweep')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^Error: the sweep would simulate about 3\.1 billion operations \(2 variant × grid cells, × 100 seeds each, the largest 50 pods × 30d ÷ a 5s poll \+ 0 issues\), over the budget of 1\.0 billion: raise it with --max-cost 3110400000 if you mean it\n$/);
  });

  it('the shipped stress scenario is well within it', async () => {
    const stress = await loadScenarioFile('scenarios/stress-50-pods-30-days.yaml');
    const cost = variantCost(first(stress.variants));
    expect(cost.pods).toBe(51); // 50 replicas and a surge pod during the weekly rollouts
    expect(cost.operations).toBeGreaterThan(20e6);
    expect(cost.operations).toBeLessThan(40e6);
  });
});

describe('many variants', () => {
  it('1000 series: the overlay charts are left out and the swimlanes cut, each with a line saying so', () => {
    const series: ChartSeries[] = Array.from({ length: 1000 }, (_, i) => ({
      label: `v${i}`,
      colour: '#000000',
      dash: [1, 0],
      durationHours: 1,
      redisVersion: '7.0',
      series: { hour: [], completed: [], pelLength: [], consumers: [], stranded: [], duplicatePRs: [] },
      metrics: {} as ChartSeries['metrics'],
      timeline: { lanes: [], works: [], markers: [], rollouts: [], sampled: null } as unknown as ChartSeries['timeline'],
      note: '',
    }));
    const skipped: string[] = [];
    const charts = buildCharts(series, skipped);
    expect(charts).toHaveLength(MAX_SWIMLANES);
    expect(charts.every((c) => c.name.startsWith('swimlane-'))).toBe(true);
    expect(skipped).toEqual([
      `the overlay charts (throughput, completed, duplicates, stranded, PEL, consumers, latency) are left out: 1000 series are more than one chart can show (at most ${MAX_SERIES_PER_CHART}); results.json holds every number`,
      `swimlanes are drawn for the first ${MAX_SWIMLANES} of 1000 series; events.jsonl holds every event`,
    ]);
  });
});

describe('the budget on check and hunt', () => {
  it('check counts every seed and refuses before simulating', async () => {
    const file = await scenario('checky', 'duration: 30d\ndeployment: { replicas: 50 }\n');
    const run = await runCli(['check', file, '--seeds', '200', '--expect', 'duplicatePRs == 0']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^Error: the simulation would simulate about 5\.2 billion operations \(1 variant, × 200 seeds each, the largest 50 pods × 30d ÷ a 5s poll \+ 0 issues\), over the budget of 1\.0 billion: raise it with --max-cost 5184000000 if you mean it\n$/);
  });

  it('check runs when --max-cost raises the budget far enough', async () => {
    const file = await scenario('checkok', 'duration: 1h\ndeployment: { replicas: 2 }\n');
    const refused = await runCli(['check', file, '--expect', 'duplicatePRs == 0', '--max-cost', '100']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/raise it with --max-cost 1440 if you mean it/);
    const run = await runCli(['check', file, '--expect', 'duplicatePRs == 0', '--max-cost', '1440']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('hunt counts the search and the shrinking of every variant', async () => {
    const file = await scenario('hunty', 'duration: 7d\ndeployment: { replicas: 20 }\nvariants:\n  - { name: a }\n  - { name: b }\n');
    const run = await runCli(['hunt', file, '--invariant', 'no-duplicate-prs', '--budget', '500', '--out', join(dir, 'hunted.yaml')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^Error: the hunt would simulate about 4\.8 billion operations \(2 variants, × 1000 fault schedules each, the largest 20 pods × 7d ÷ a 5s poll \+ 0 issues\), over the budget of 1\.0 billion: raise it with --max-cost 4838400000 if you mean it\n$/);
  });
});
