/**
 * The consumer-cleanup job: a process beside the pods, talking to Redis through its own client
 * like any operator's cron job. It knows only what Redis tells it (each consumer's `idle` and
 * `pending` in `XINFO CONSUMERS`), never which pods are alive, so what it deletes depends on how
 * the server counts `idle`: on 7.0 a live poller waiting on empty `BLOCK` reads looks ever more
 * idle; on 7.2+ every read attempt refreshes it.
 */
import type { Simulation } from '../engine/index.js';
import type { Reply, SimRedisClient } from '../redis/index.js';
import type { CleanupSpec } from '../scenario/types.js';
import type { Trace } from './trace.js';

/** One consumer as `XINFO CONSUMERS` lists it. */
interface ListedConsumer {
  readonly name: string;
  readonly pending: number;
  readonly idle: number;
}

function listed(fields: readonly Reply[]): ListedConsumer {
  const value = (name: string): Reply | undefined => {
    const at = fields.indexOf(name);
    return at >= 0 && at % 2 === 0 ? fields[at + 1] : undefined;
  };
  return { name: String(value('name')), pending: Number(value('pending')), idle: Number(value('idle')) };
}

/**
 * The job's loop: every `spec.everyMs`, delete each consumer whose idle exceeds `spec.idleOverMs`
 * and (unless `spec.withPending`) that has nothing pending. The pending entries are listed and the
 * consumer deleted in one MULTI, so the trace names exactly the entries DELCONSUMER destroyed.
 */
export function consumerCleanup(sim: Simulation, redis: SimRedisClient, spec: CleanupSpec, stream: string, group: string, trace: Trace): () => Promise<void> {
  const remove = async (consumer: ListedConsumer): Promise<void> => {
    await redis.call('MULTI');
    await redis.call('XPENDING', stream, group, '-', '+', Number.MAX_SAFE_INTEGER, consumer.name);
    await redis.call('XGROUP', 'DELCONSUMER', stream, group, consumer.name);
    const [pending, removed] = (await redis.call('EXEC')) as [[string, ...Reply[]][], number];
    // One MULTI: the listing and the deletion see the same PEL, so the counts must agree.
    if (removed !== pending.length) throw new Error(`DELCONSUMER ${consumer.name} removed ${removed} entries but XPENDING listed ${pending.length}`);
    trace.record({ kind: 'consumer-delete', at: sim.now, consumer: consumer.name, idleMs: consumer.idle, destroyed: pending.map(([id]) => id) });
  };
  return async () => {
    for (;;) {
      await sim.sleep(spec.everyMs);
      const consumers = ((await redis.xinfo('CONSUMERS', stream, group)) as Reply[][]).map(listed);
      for (const consumer of consumers) {
        if (consumer.idle > spec.idleOverMs && (spec.withPending || consumer.pending === 0)) await remove(consumer);
      }
    }
  };
}
