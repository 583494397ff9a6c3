import type { SimRedisClient } from '../redis/index.js';
import { parseIssueEntry } from '../protocol/issue-message.js';

/** What Redis holds at the end of a run, read through a client like any operator would. */
export interface FinalState {
  /** Every pending entry: `XPENDING <stream> <group> - + <all>`. */
  readonly pending: readonly { readonly entryId: string; readonly consumer: string; readonly deliveries: number }[];
  /** `XINFO CONSUMERS`: every consumer name the group knows. */
  readonly consumers: readonly { readonly name: string; readonly pending: number }[];
  /** The group's last-delivered-id. */
  readonly lastDeliveredId: string;
  /** Every stream entry and the issue it carries. */
  readonly entries: readonly { readonly entryId: string; readonly issue: number }[];
  /** Consumer names used by pods that still exist. */
  readonly liveConsumers: readonly string[];
}

function toMap(fields: readonly unknown[]): Map<string, unknown> {
  const map = new Map<string, unknown>();
  for (let i = 0; i + 1 < fields.length; i += 2) map.set(String(fields[i]), fields[i + 1]);
  return map;
}

/** Reads the final state; `liveConsumers` comes from the cluster. */
export async function readFinalState(redis: SimRedisClient, stream: string, group: string, liveConsumers: Iterable<string>): Promise<FinalState> {
  const pendingRaw = (await redis.xpending(stream, group, '-', '+', Number.MAX_SAFE_INTEGER)) as [string, string, number, number][];
  const consumersRaw = (await redis.xinfo('CONSUMERS', stream, group)) as unknown[][];
  const groupsRaw = (await redis.xinfo('GROUPS', stream)) as unknown[][];
  const group0 = groupsRaw.map(toMap).find((g) => g.get('name') === group);
  const entries = (await redis.xrange(stream, '-', '+')).flatMap((entry) => {
    const parsed = parseIssueEntry(entry);
    return parsed ? [{ entryId: parsed.entryId, issue: parsed.issue }] : [];
  });
  return {
    pending: pendingRaw.map(([entryId, consumer, , deliveries]) => ({ entryId, consumer, deliveries })),
    consumers: consumersRaw.map(toMap).map((c) => ({ name: String(c.get('name')), pending: Number(c.get('pending')) })),
    lastDeliveredId: String(group0?.get('last-delivered-id') ?? '0-0'),
    entries,
    liveConsumers: [...new Set(liveConsumers)].sort(),
  };
}
