import { parseIssueEntry } from '../protocol/issue-message.js';
import { entriesOf, type ConsumerLoop } from './context.js';

/**
 * Acknowledges each entry as soon as it arrives, then works it: at-most-once. No entry is ever
 * delivered twice, and an issue whose pod crashes mid-work is lost.
 */
export const ackFirst: ConsumerLoop = async (ctx) => {
  const read = ['GROUP', ctx.group, ctx.consumerId, 'COUNT', 1, 'BLOCK', ctx.blockMs, 'STREAMS', ctx.stream, '>'];
  const nextRead = () => (ctx.terminating ? undefined : read);
  while (!ctx.terminating) {
    const reply = await ctx.redis.xreadgroupPolling(nextRead);
    for (const entry of entriesOf(reply)) {
      await ctx.redis.xack(ctx.stream, ctx.group, entry[0]);
      const message = parseIssueEntry(entry);
      if (message) await ctx.agent.work(message);
    }
  }
};
