import { entriesOf, type ConsumerLoop } from './context.js';
import { workThenAck } from './work-entry.js';

/**
 * Reads only new entries (`>`), never its history. Nothing it was given before a crash comes
 * back to it: such entries stay pending until someone claims them.
 */
export const newOnly: ConsumerLoop = async (ctx) => {
  const read = ['GROUP', ctx.group, ctx.consumerId, 'COUNT', 1, 'BLOCK', ctx.blockMs, 'STREAMS', ctx.stream, '>'];
  const nextRead = () => (ctx.terminating ? undefined : read);
  while (!ctx.terminating) {
    const reply = await ctx.redis.xreadgroupPolling(nextRead);
    for (const entry of entriesOf(reply)) await workThenAck(ctx, entry);
  }
};
