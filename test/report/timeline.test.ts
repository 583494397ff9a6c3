import { describe, expect, it } from 'vitest';
import { kaplanMeier, survivalQuantile } from '../../src/metrics/kaplan-meier.js';
import { LatencyFold } from '../../src/metrics/latency.js';
import { TimelineBuilder } from '../../src/report/timeline.js';
import { PLANS, storyRun } from './fixtures/story.js';
import { nth } from '../support/items.js';

function timelineOf(variant: string) {
  const run = storyRun();
  const builder = new TimelineBuilder(variant);
  for (const e of run.events) if (e.variant === variant) builder.add(e);
  const result = run.results.variants.find((v) => v.name === variant);
  return { timeline: builder.finish((result?.durationHours ?? 0) * 3_600_000), result };
}

describe('TimelineBuilder', () => {
  it('observes every dispatched issue, dispatch → first non-conflict merge or the end, as results.json estimates its p50', () => {
    const { timeline, result } = timelineOf(nth(PLANS, 1).name);
    expect(timeline.latencyObservations.length).toBe(result?.metrics.issuesDispatched);
    expect(timeline.latencyObservations.filter((o) => o.merged).length).toBe(result?.metrics.issuesCompleted);
    // results.json's p50 is Kaplan–Meier over every dispatched issue, unmerged ones censored at the
    // end: the timeline (what the latency chart draws) holds the same observations.
    const fold = new LatencyFold();
    for (const e of storyRun().events) if (e.variant === nth(PLANS, 1).name) fold.add(e);
    expect(timeline.latencyObservations).toEqual(fold.observations((result?.durationHours ?? 0) * 3_600_000));
    const steps = kaplanMeier(timeline.latencyObservations);
    expect(survivalQuantile(steps, 0.5)).toBeCloseTo(result?.metrics.latencyP50Minutes ?? Number.NaN, 1);
    expect(fold.latencies().map((l) => l.minutes)[0]).toBe(55);
  });

  it('has a lane per incarnation, numbering a pod’s container runs, with restart markers', () => {
    const { timeline } = timelineOf(nth(PLANS, 0).name);
    expect(timeline.lanes.map((l) => [l.pod, l.run, l.end === null])).toEqual([
      ['dev-e-dotnet-7c9f8-abcde', 1, false],
      ['dev-e-dotnet-7c9f8-abcde', 2, true],
    ]);
    expect(timeline.markers.map((m) => m.kind)).toEqual(['restart', 'history read']);
    expect(timeline.works.find((w) => w.issue === 204)?.outcome).toBe('lost');
  });

  it('flags overlapping work on one issue as duplicate, both sides, and nothing else', () => {
    const { timeline } = timelineOf(nth(PLANS, 1).name);
    const duplicates = timeline.works.filter((w) => w.duplicate).map((w) => [w.issue, w.incarnation, w.outcome]);
    expect(duplicates).toEqual([
      [205, 1, 'merged'],
      [205, 2, 'closed'],
    ]);
    expect(timeline.markers.map((m) => m.kind).sort()).toEqual(['claim', 'history read', 'reconnect']);
    expect(timeline.titles.get(201)).toBe('Fix flaky test in module 201');
  });
});
