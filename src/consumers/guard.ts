import type { IdempotencyGuard } from '../scenario/types.js';
import type { Agent, ConsumerContext, ConsumerLoop } from './context.js';

/** How long a per-issue lock lives if its holder dies (longer than nearly all work). */
const LOCK_TTL_MS = 3 * 3_600_000;

/**
 * Wraps any consumer loop with a per-issue guard, so a second delivery of an issue in progress is
 * skipped instead of worked again:
 * - `lock`: `SET lock:<group>:<issue> <pod> NX PX <ttl>` before working; a `done:` key after a merge.
 * - `pr-exists`: ask the forge whether a PR for the issue already exists.
 */
export function guarded(loop: ConsumerLoop, guard: IdempotencyGuard): ConsumerLoop {
  // A prototype link keeps the context's live getters (terminating) while replacing the agent.
  return (ctx) => loop(Object.create(ctx, { agent: { value: guardAgent(ctx, guard), enumerable: true } }) as ConsumerContext);
}

function guardAgent(ctx: ConsumerContext, guard: IdempotencyGuard): Agent {
  const inner = ctx.agent;
  return {
    prExists: (issue) => inner.prExists(issue),
    isMerged: (issue) => inner.isMerged(issue),
    async work(message, hooks) {
      if (guard === 'pr-exists') {
        if (await inner.isMerged(message.issue)) return 'already-done';
        return (await inner.prExists(message.issue)) ? 'skipped' : inner.work(message, hooks);
      }
      const doneKey = `pelsim:done:${ctx.group}:${message.issue}`;
      const lockKey = `pelsim:lock:${ctx.group}:${message.issue}`;
      if ((await ctx.redis.get(doneKey)) !== null) return 'already-done';
      const locked = await ctx.redis.set(lockKey, ctx.podName, 'NX', 'PX', LOCK_TTL_MS);
      if (locked === null) return 'skipped';
      const outcome = await inner.work(message, hooks);
      if (outcome === 'merged' || outcome === 'conflict') await ctx.redis.set(doneKey, '1');
      await ctx.redis.del(lockKey);
      return outcome;
    },
  };
}
