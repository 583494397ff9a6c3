import { entriesOf, type ConsumerLoop, type WorkHooks } from './context.js';
import { workThenAck } from './work-entry.js';

/** Settings of the autoclaim consumer, in ms. */
export interface AutoclaimOptions {
  readonly minIdleMs: number;
  readonly intervalMs: number;
  readonly count: number;
  /** Re-claim own in-flight entries this often so they never look idle; 0 = off. */
  readonly heartbeatMs: number;
  /** Delete consumers with nothing pending that were idle this long; 0 = off. */
  readonly gcIdleConsumersMs: number;
}

/**
 * The rig's loop plus recovery of other consumers' stale entries: at start and every interval it
 * sweeps the group with `XAUTOCLAIM <min-idle>` and works what it claimed. Idle time measures time
 * since the last delivery, not whether anyone is still working: a min-idle shorter than the work
 * claims live work and duplicates it, unless the heartbeat keeps re-claiming in-flight entries.
 */
export function autoclaim(options: AutoclaimOptions): ConsumerLoop {
  return async (ctx) => {
    const { redis, stream, group, consumerId } = ctx;
    const hooksFor = (entryId: string): WorkHooks | undefined =>
      options.heartbeatMs > 0
        ? {
            everyMs: options.heartbeatMs,
            beat: async () => {
              await redis.xclaim(stream, group, consumerId, 0, entryId, 'JUSTID');
            },
          }
        : undefined;
    const work = (entry: readonly [string, readonly string[] | null]) => workThenAck(ctx, entry, hooksFor(entry[0]));

    const sweep = async (): Promise<void> => {
      let cursor = '0-0';
      do {
        const [next, claimed] = await redis.xautoclaim(stream, group, consumerId, options.minIdleMs, cursor, 'COUNT', options.count);
        cursor = next;
        for (const entry of claimed as [string, string[] | null][]) await work(entry);
      } while (cursor !== '0-0' && !ctx.terminating);
    };

    const collectIdleConsumers = async (): Promise<void> => {
      const consumers = (await redis.xinfo('CONSUMERS', stream, group)) as (string | number)[][];
      for (const fields of consumers) {
        const name = String(field(fields, 'name'));
        // Check-then-delete races with new deliveries: exactly the hazard real GC code has.
        if (name !== consumerId && field(fields, 'pending') === 0 && Number(field(fields, 'idle')) >= options.gcIdleConsumersMs) {
          await redis.xgroup('DELCONSUMER', stream, group, name);
        }
      }
    };

    let readHistory = true;
    redis.on('ready', () => {
      readHistory = true;
    });
    let nextSweep = ctx.now();
    const fullRead = ['GROUP', group, consumerId, 'COUNT', 1, 'BLOCK', ctx.blockMs, 'STREAMS', stream, '>'];
    // What the loop below sends next when it is to read new entries, else undefined: the read
    // blocks until the next sweep at most.
    const nextRead = (): (string | number)[] | undefined => {
      if (ctx.terminating || readHistory || ctx.now() >= nextSweep) return undefined;
      const block = Math.max(1, Math.min(ctx.blockMs, nextSweep - ctx.now()));
      return block === ctx.blockMs ? fullRead : ['GROUP', group, consumerId, 'COUNT', 1, 'BLOCK', block, 'STREAMS', stream, '>'];
    };
    while (!ctx.terminating) {
      if (readHistory) {
        readHistory = false;
        const history = await redis.xreadgroup('GROUP', group, consumerId, 'STREAMS', stream, '0');
        for (const entry of entriesOf(history)) await work(entry);
        continue;
      }
      if (ctx.now() >= nextSweep) {
        nextSweep = ctx.now() + options.intervalMs;
        await sweep();
        if (options.gcIdleConsumersMs > 0) await collectIdleConsumers();
        continue;
      }
      const reply = await redis.xreadgroupPolling(nextRead);
      for (const entry of entriesOf(reply)) await work(entry);
    }
  };
}

/** The value after `name` in a flat XINFO reply (name, value, name, value, …); undefined when absent. */
function field(fields: readonly (string | number)[], name: string): string | number | undefined {
  for (let i = 0; i + 1 < fields.length; i += 2) if (String(fields[i]) === name) return fields[i + 1];
  return undefined;
}
