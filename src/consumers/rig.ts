import { entriesOf, type ConsumerContext, type ConsumerLoop } from './context.js';
import { workThenAck } from './work-entry.js';

/**
 * The story's loop. On start, and again after every reconnect, it drains its own pending history
 * (`XREADGROUP ... STREAMS issues 0`), the recovery pattern Redis's docs recommend; then it reads
 * new entries one at a time with `>`. It acknowledges each issue after the merge.
 *
 * Under a consumer name shared by several pods, that history read returns the entries a sibling
 * is still working on: the duplicate PRs of the story.
 */
export const rig: ConsumerLoop = async (ctx: ConsumerContext) => {
  let readHistory = true;
  ctx.redis.on('ready', () => {
    readHistory = true;
  });
  const read = ['GROUP', ctx.group, ctx.consumerId, 'COUNT', 1, 'BLOCK', ctx.blockMs, 'STREAMS', ctx.stream, '>'];
  // What the loop below sends next when it is to read new entries, else undefined.
  const nextRead = () => (ctx.terminating || readHistory ? undefined : read);
  while (!ctx.terminating) {
    if (readHistory) {
      readHistory = false;
      const history = await ctx.redis.xreadgroup('GROUP', ctx.group, ctx.consumerId, 'STREAMS', ctx.stream, '0');
      for (const entry of entriesOf(history)) await workThenAck(ctx, entry);
      continue;
    }
    const reply = await ctx.redis.xreadgroupPolling(nextRead);
    for (const entry of entriesOf(reply)) await workThenAck(ctx, entry);
  }
};
