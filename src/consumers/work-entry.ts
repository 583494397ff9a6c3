import { parseIssueEntry } from '../protocol/issue-message.js';
import type { ConsumerContext, WorkHooks, WorkOutcome } from './context.js';

/**
 * Works one delivered entry and acknowledges it afterwards, as the rig does (XACK after merge).
 * A deleted entry (fields null) or a foreign event is acknowledged without work.
 */
export async function workThenAck(
  ctx: ConsumerContext,
  entry: readonly [string, readonly string[] | null],
  hooks?: WorkHooks,
): Promise<WorkOutcome | 'ignored'> {
  const message = parseIssueEntry(entry);
  if (!message) {
    await ctx.redis.xack(ctx.stream, ctx.group, entry[0]);
    return 'ignored';
  }
  const outcome = await ctx.agent.work(message, hooks);
  // A guard that skipped leaves the entry to whoever holds the issue; they acknowledge it.
  if (outcome !== 'skipped') await ctx.redis.xack(ctx.stream, ctx.group, message.entryId);
  return outcome;
}
