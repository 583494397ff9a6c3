import { describe as group, expect, it } from 'vitest';
import { describe, proportion, tCritical } from '../../src/sweep/stats.js';
import { listTasks, parseShard, taskIndex } from '../../src/sweep/tasks.js';

group('summary statistics', () => {
  it('mean, median, p95 and a Student-t 95% CI of the mean', () => {
    const s = describe([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(s).toMatchObject({ n: 8, mean: 5, median: 4.5, p95: 8.3 });
    // sd = 2.138, t(7) = 2.3646: half-width 1.7875
    expect(s.ci95?.[0]).toBeCloseTo(3.2125, 3);
    expect(s.ci95?.[1]).toBeCloseTo(6.7875, 3);
  });

  it('skips nulls, and has no CI below two values', () => {
    expect(describe([null, 3, null])).toEqual({ n: 1, mean: 3, median: 3, p95: 3, ci95: null });
    expect(describe([null])).toEqual({ n: 0, mean: null, median: null, p95: null, ci95: null });
  });

  it('t quantiles from the table and the expansion agree with known values', () => {
    expect(tCritical(1)).toBeCloseTo(12.706, 3);
    expect(tCritical(30)).toBeCloseTo(2.0423, 4);
    expect(tCritical(40)).toBeCloseTo(2.0211, 3);
    expect(tCritical(120)).toBeCloseTo(1.9799, 3);
    expect(tCritical(1e9)).toBeCloseTo(1.96, 3);
  });

  it('Wilson intervals stay inside [0, 1], also at 0 and at n of n', () => {
    const none = proportion(0, 20);
    expect(none).toMatchObject({ count: 0, runs: 20, p: 0 });
    expect(none.ci95?.[0]).toBe(0);
    expect(none.ci95?.[1]).toBeCloseTo(3.8415 / 23.8415, 4);
    const all = proportion(20, 20);
    expect(all.ci95?.[1]).toBe(1);
    expect(all.ci95?.[0]).toBeCloseTo(0.8389, 3);
    const half = proportion(5, 10);
    expect(half.ci95?.[0]).toBeCloseTo(0.2366, 3);
    expect(half.ci95?.[1]).toBeCloseTo(0.7634, 3);
    expect(proportion(0, 0)).toEqual({ count: 0, runs: 0, p: null, ci95: null });
  });
});

group('tasks and shards', () => {
  const space = { cells: 3, variants: 2, seeds: 5 };

  it('orders tasks cell, variant, run', () => {
    const tasks = listTasks(space);
    expect(tasks).toHaveLength(30);
    expect(tasks.slice(0, 6)).toEqual([0, 1, 2, 3, 4].map((run) => ({ cell: 0, variant: 0, run })).concat([{ cell: 0, variant: 1, run: 0 }]));
    tasks.forEach((t, i) => expect(taskIndex(space, t)).toBe(i));
  });

  it('shards partition the tasks, whatever n', () => {
    for (const n of [1, 2, 3, 7, 30, 31]) {
      const seen = Array.from({ length: n }, (_, i) => listTasks(space, { index: i, count: n })).flat();
      expect(seen.map((t) => taskIndex(space, t)).sort((a, b) => a - b)).toEqual([...Array(30).keys()]);
    }
  });

  it('reads i/n, 0-based', () => {
    expect(parseShard('0/4')).toEqual({ index: 0, count: 4 });
    expect(parseShard('3/4')).toEqual({ index: 3, count: 4 });
    for (const bad of ['4/4', '1/0', '-1/2', 'a/b', '1', '1/2/3']) expect(() => parseShard(bad)).toThrow(/--shard expects i\/n with 0 <= i < n/);
  });
});

group('progress without a terminal', () => {
  it('prints a plain line now and then, and always the last one', async () => {
    const { createProgressReporter, formatSeconds } = await import('../../src/sweep/progress.js');
    let text = '';
    const progress = createProgressReporter({ write: (t) => (text += t), intervalMs: 60_000 });
    progress.start(10, 4);
    for (let done = 5; done <= 9; done++) progress.update({ done, total: 10, ran: done - 4, runsPerSecond: 2.5, etaSeconds: (10 - done) / 2.5 });
    progress.stop();
    expect(text).toBe('sweep: resuming at 4/10 runs\nsweep: 9/10 runs (90%), 2.5 runs/s, ETA 0s\n');
    expect([formatSeconds(null), formatSeconds(59.4), formatSeconds(95), formatSeconds(7384)]).toEqual(['?', '59s', '1m35s', '2h03m']);
  });
});
