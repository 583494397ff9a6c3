import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/index.js';
import { Forge } from '../../src/world/forge.js';
import { Trace } from '../../src/world/trace.js';

function setup() {
  const sim = new Simulation();
  const trace = new Trace();
  const forge = new Forge(sim, trace, () => 30 * 60_000);
  return { sim, trace, forge };
}

describe('Forge', () => {
  it('suffixes a second branch for one issue and counts it as a collision', () => {
    const { forge, trace } = setup();
    expect(forge.createBranch(201, 1, 'pod-a', 'feature/issue-201-x')).toBe('feature/issue-201-x');
    expect(forge.createBranch(201, 2, 'pod-b', 'feature/issue-201-x')).toBe('feature/issue-201-x-2');
    expect(trace.events.map((e) => e.kind === 'branch' && e.collision)).toEqual([false, true]);
  });

  it('marks PRs beyond the first as duplicates, flags conflicting reviews, refuses a second merge', () => {
    const { forge, trace } = setup();
    const first = forge.openPullRequest(201, 1, 'pod-a', 1);
    const second = forge.openPullRequest(201, 2, 'pod-b', 2);
    forge.review(first);
    expect(forge.merge(first)).toBe('merged');
    expect(forge.merge(second)).toBe('conflict');
    const kinds = trace.events.map((e) => `${e.kind}:${JSON.stringify({ ...e, at: undefined })}`);
    expect(kinds.some((k) => k.startsWith('pr:') && k.includes('"duplicate":true'))).toBe(true);
    expect(trace.events.find((e) => e.kind === 'review')).toMatchObject({ conflicting: true });
    expect(trace.events.filter((e) => e.kind === 'merge').map((e) => e.kind === 'merge' && e.conflict)).toEqual([false, true]);
  });

  it('has the operator close the newer duplicate, or an abandoned one first', async () => {
    const { sim, forge, trace } = setup();
    forge.openPullRequest(300, 1, 'pod-a', 1);
    forge.abandon(1);
    const live = forge.openPullRequest(300, 2, 'pod-b', 2);
    await sim.run();
    const close = trace.events.find((e) => e.kind === 'close');
    expect(close).toMatchObject({ by: 'operator', pr: 1, at: 30 * 60_000 });
    expect(forge.merge(live)).toBe('merged');
  });

  it('lets a restarted container resume its own abandoned PR, but not another pod', () => {
    const { forge } = setup();
    const pr = forge.openPullRequest(400, 1, 'pod-a', 7);
    forge.abandon(1);
    expect(forge.resumablePullRequest(400, 8, 2)).toBeUndefined();
    expect(forge.resumablePullRequest(400, 7, 2)).toBe(pr);
    // A second crash of the resumed work abandons the PR again, so the next restart resumes it too.
    forge.abandon(2);
    expect(forge.resumablePullRequest(400, 7, 3)).toBe(pr);
  });
});
