import type { Simulation } from '../engine/index.js';
import type { Agent, WorkHooks, WorkOutcome } from '../protocol/consumer-contract.js';
import type { Forge } from './forge.js';
import type { IssueMessage } from '../protocol/issue-message.js';
import { branchName } from './branch-name.js';
import type { Trace } from './trace.js';

/** The pod incarnation an agent works for, as the agent needs to know it. */
export interface AgentHost {
  readonly pod: string;
  /** Identity of the pod (kept across container restarts, new for a replacement pod). */
  readonly podUid: number;
  readonly consumer: string;
  readonly incarnation: number;
  /** Works in progress, so a crash can mark them lost. */
  readonly activeWorks: Map<number, number>;
}

/** What agents share across the world. */
export interface AgentWorld {
  readonly sim: Simulation;
  readonly forge: Forge;
  readonly trace: Trace;
  /** Implementation time in ms of the `attempt`-th work on an issue (same draws in every variant). */
  workDuration(issue: number, complexity: string, attempt: number): number;
  /** Review time in ms. */
  reviewDuration(): number;
  /** The agent reports progress to the conductor. */
  heartbeat(issue: number): void;
  readonly heartbeatIntervalMs: number;
  nextWorkId(): number;
  /** How many works on this issue started so far. */
  attempts: Map<number, number>;
}

/**
 * A coding agent bound to one pod incarnation: branch, implementation (reporting heartbeats),
 * PR, review, merge. It runs inside the consumer's process, so a crash stops it mid-step.
 */
export function createAgent(world: AgentWorld, host: AgentHost): Agent {
  return {
    async work(message: IssueMessage, hooks?: WorkHooks): Promise<WorkOutcome> {
      const { sim, forge, trace } = world;
      const work = world.nextWorkId();
      const attempt = (world.attempts.get(message.issue) ?? 0) + 1;
      world.attempts.set(message.issue, attempt);
      host.activeWorks.set(work, message.issue);
      const common = { issue: message.issue, pod: host.pod, incarnation: host.incarnation };
      trace.record({ kind: 'work-start', at: sim.now, entryId: message.entryId, consumer: host.consumer, work, ...common });
      world.heartbeat(message.issue);
      const resumed = forge.resumablePullRequest(message.issue, host.podUid, work);
      if (resumed === undefined) forge.createBranch(message.issue, work, host.pod, branchName(message.issue, message.title));

      // Implementation reports heartbeats to the conductor; the consumer's hook runs throughout,
      // review included, since the entry is in flight until the merge.
      let nextHook = hooks ? hooks.everyMs : Infinity;
      const spend = async (duration: number, reportProgress: boolean): Promise<void> => {
        let remaining = duration;
        let nextHeartbeat = reportProgress ? world.heartbeatIntervalMs : Infinity;
        while (remaining > 0) {
          const step = Math.min(remaining, nextHook, nextHeartbeat);
          await sim.sleep(step);
          remaining -= step;
          nextHook -= step;
          nextHeartbeat -= step;
          if (nextHeartbeat <= 0) {
            world.heartbeat(message.issue);
            nextHeartbeat = world.heartbeatIntervalMs;
          }
          if (hooks && nextHook <= 0) {
            await hooks.beat();
            nextHook = hooks.everyMs;
          }
        }
      };
      await spend(world.workDuration(message.issue, message.complexity, attempt), true);
      world.heartbeat(message.issue);
      const pr = resumed ?? forge.openPullRequest(message.issue, work, host.pod, host.podUid);
      forge.review(pr);
      await spend(world.reviewDuration(), false);
      const outcome = forge.merge(pr);
      host.activeWorks.delete(work);
      trace.record({ kind: 'work-end', at: sim.now, work, outcome, ...common });
      return outcome;
    },

    async prExists(issue: number): Promise<boolean> {
      return world.forge.hasPullRequest(issue);
    },

    async isMerged(issue: number): Promise<boolean> {
      return world.forge.isMerged(issue);
    },
  };
}
