import type { Simulation } from '../engine/index.js';
import type { Trace } from './trace.js';

interface PullRequest {
  readonly number: number;
  readonly issue: number;
  /** The work currently behind the PR (a resumed PR passes to the new work). */
  work: number;
  state: 'open' | 'merged' | 'closed';
  /** Its agent died mid-work: nobody will ever merge it. */
  abandoned: boolean;
  /** The pod (not incarnation) whose agent opened it: a restarted container keeps its volume. */
  readonly podUid: number;
}

/**
 * The code forge: branches, pull requests, reviews, merges, and the operator who closes duplicate
 * PRs by hand. It only records what agents do and applies the forge's rules; it never touches Redis.
 */
export class Forge {
  private readonly branches = new Map<number, number>();
  private readonly prsByIssue = new Map<number, PullRequest[]>();
  private readonly prs = new Map<number, PullRequest>();
  /** PRs by the work they were last handed to: abandoning a work must not scan every PR ever opened. */
  private readonly prsByWork = new Map<number, PullRequest[]>();
  private nextPr = 1;

  constructor(
    private readonly sim: Simulation,
    private readonly trace: Trace,
    /** Delay before the operator closes a duplicate PR, in ms; drawn per PR. */
    private readonly operatorCloseDelay: () => number,
  ) {}

  /** Creates a branch; a second branch for one issue gets a numeric suffix (a collision). */
  createBranch(issue: number, work: number, pod: string, baseName: string): string {
    const count = (this.branches.get(issue) ?? 0) + 1;
    this.branches.set(issue, count);
    const name = count === 1 ? baseName : `${baseName}-${count}`;
    this.trace.record({ kind: 'branch', at: this.sim.now, issue, work, pod, name, collision: count > 1 });
    return name;
  }

  /** Opens a PR. A PR beyond the first for its issue is a duplicate; the operator will close it. */
  openPullRequest(issue: number, work: number, pod: string, podUid: number): number {
    const list = this.prsByIssue.get(issue) ?? [];
    const pr: PullRequest = { number: this.nextPr++, issue, work, state: 'open', abandoned: false, podUid };
    const duplicate = list.length > 0;
    list.push(pr);
    this.prsByIssue.set(issue, list);
    this.prs.set(pr.number, pr);
    this.handTo(pr, work);
    this.trace.record({ kind: 'pr', at: this.sim.now, issue, work, pod, pr: pr.number, duplicate });
    if (duplicate) this.sim.schedule(this.operatorCloseDelay(), this.operatorClose, issue);
    return pr.number;
  }

  /**
   * An abandoned open PR for `issue` opened from the same pod: a restarted container finds its
   * checkout on the pod's volume and picks its PR up again instead of opening another.
   */
  resumablePullRequest(issue: number, podUid: number, work: number): number | undefined {
    const pr = (this.prsByIssue.get(issue) ?? []).find((p) => p.state === 'open' && p.abandoned && p.podUid === podUid);
    if (!pr) return undefined;
    pr.abandoned = false;
    pr.work = work; // a second crash must abandon it again
    this.handTo(pr, work);
    return pr.number;
  }

  /** The agent of `work` died: its open PR will never be merged by it. */
  abandon(work: number): void {
    for (const pr of this.prsByWork.get(work) ?? []) if (pr.work === work && pr.state === 'open') pr.abandoned = true;
    // Work numbers are never reused: nothing is handed to this work again.
    this.prsByWork.delete(work);
  }

  private handTo(pr: PullRequest, work: number): void {
    const list = this.prsByWork.get(work);
    if (list === undefined) this.prsByWork.set(work, [pr]);
    else list.push(pr);
  }

  /** Assigns the reviewer; conflicting when another PR for the same issue is open. */
  review(prNumber: number): void {
    const pr = this.get(prNumber);
    const conflicting = (this.prsByIssue.get(pr.issue) ?? []).some((other) => other !== pr && other.state === 'open');
    this.trace.record({ kind: 'review', at: this.sim.now, issue: pr.issue, pr: pr.number, conflicting });
  }

  /**
   * Merges an open PR. A closed PR cannot merge; a second merge for one issue is a conflict and
   * the PR is closed instead.
   */
  merge(prNumber: number): 'merged' | 'closed' | 'conflict' {
    const pr = this.get(prNumber);
    if (pr.state === 'closed') return 'closed';
    const alreadyMerged = (this.prsByIssue.get(pr.issue) ?? []).some((other) => other.state === 'merged');
    if (alreadyMerged) {
      pr.state = 'closed';
      this.trace.record({ kind: 'merge', at: this.sim.now, issue: pr.issue, pr: pr.number, conflict: true });
      this.trace.record({ kind: 'close', at: this.sim.now, issue: pr.issue, pr: pr.number, by: 'conflict' });
      return 'conflict';
    }
    pr.state = 'merged';
    this.trace.record({ kind: 'merge', at: this.sim.now, issue: pr.issue, pr: pr.number, conflict: false });
    return 'merged';
  }

  /** True if a PR for the issue is open or merged. */
  hasPullRequest(issue: number): boolean {
    return (this.prsByIssue.get(issue) ?? []).some((pr) => pr.state !== 'closed');
  }

  /** True once some PR for the issue merged. */
  isMerged(issue: number): boolean {
    return (this.prsByIssue.get(issue) ?? []).some((pr) => pr.state === 'merged');
  }

  /**
   * The operator looks at an issue with several PRs and closes one by hand: an abandoned one if
   * there is one, else the newest. Nothing to do once at most one PR is open.
   */
  private readonly operatorClose = (issue: number): void => {
    const open = (this.prsByIssue.get(issue) ?? []).filter((pr) => pr.state === 'open');
    const hasMerged = this.isMerged(issue);
    if (open.length === 0 || (open.length === 1 && !hasMerged)) return;
    const victim = open.find((pr) => pr.abandoned) ?? open[open.length - 1]!; // open is not empty (returned above)
    victim.state = 'closed';
    this.trace.record({ kind: 'close', at: this.sim.now, issue, pr: victim.number, by: 'operator' });
  };

  private get(prNumber: number): PullRequest {
    const pr = this.prs.get(prNumber);
    if (!pr) throw new Error(`no such PR #${prNumber}`);
    return pr;
  }
}
