/**
 * XACK and XPENDING: acknowledging and inspecting the group PEL.
 */
import { eqi, integerArg, noKeyOrGroup, syntaxError } from '../args.js';
import { counterReply } from '../counters.js';
import type { Consumer, Group } from '../group.js';
import { compareIds, parseId, parseRangeEnd, parseRangeStart, type StreamId } from '../ids.js';
import type { Keyspace } from '../keyspace.js';
import type { Pel } from '../pel.js';
import type { Reply } from '../types.js';

/** `XACK key group id [id ...]`: no ownership check; a missing key or group acks nothing. */
export function xack(ks: Keyspace, argv: readonly string[]): Reply {
  const g = ks.get(argv[1] as string)?.groups.get(argv[2] as string);
  if (g === undefined) return 0;
  if (argv.length === 4) {
    const id = parseId(argv[3] as string, 0, true);
    return g.ack(id.ms, id.seq) ? 1 : 0;
  }
  // Every ID is validated before any is acknowledged.
  const ids: StreamId[] = [];
  for (let j = 3; j < argv.length; j++) ids.push(parseId(argv[j] as string, 0, true));
  let acked = 0;
  for (const id of ids) if (g.ack(id.ms, id.seq)) acked++;
  return acked;
}

function summary(g: Group): Reply {
  const items = g.pel.items;
  const first = items[0];
  const last = items[items.length - 1];
  if (first === undefined || last === undefined) return [0, null, null, null];
  const owners: Reply[] = [];
  for (const c of g.sortedConsumers()) {
    // Redis sends each count as a bulk string.
    if (c.pel.size > 0) owners.push([c.name, String(c.pel.size)]);
  }
  return [items.length, first.entry.id, last.entry.id, owners];
}

function extended(pel: Pel, start: StreamId, end: StreamId, count: number, minIdle: number, now: number): Reply {
  const out: Reply[] = [];
  const items = pel.items;
  for (let i = pel.lowerBound(start.ms, start.seq); count > 0 && i < items.length; i++) {
    const n = items[i];
    if (n === undefined || compareIds(n.entry, end) > 0) break;
    const idle = now - n.deliveryTime;
    if (minIdle !== 0 && idle < minIdle) continue;
    count--;
    out.push([n.entry.id, (n.owner as Consumer).name, idle < 0 ? 0 : idle, counterReply(n.deliveryCount)]);
  }
  return out;
}

/** `XPENDING key group [[IDLE min-idle] start end count [consumer]]`. Never touches consumers. */
export function xpending(ks: Keyspace, argv: readonly string[], now: number): Reply {
  const argc = argv.length;
  if (argc !== 3 && (argc < 6 || argc > 9)) syntaxError();
  let start: StreamId | null = null;
  let end: StreamId | null = null;
  let count = 0;
  let minIdle = 0;
  let consumerName: string | null = null;
  if (argc >= 6) {
    let at = 3;
    if (eqi(argv[3] as string, 'IDLE')) {
      minIdle = integerArg(argv[4] as string);
      if (argc < 8) syntaxError();
      at += 2;
    }
    count = Math.max(0, integerArg(argv[at + 2] as string));
    start = parseRangeStart(argv[at] as string);
    end = parseRangeEnd(argv[at + 1] as string);
    // Redis reads only one consumer argument and ignores anything after it.
    if (at + 3 < argc) consumerName = argv[at + 3] as string;
  }
  const key = argv[1] as string;
  const groupName = argv[2] as string;
  const g = ks.get(key)?.groups.get(groupName);
  if (g === undefined) throw noKeyOrGroup(key, groupName);
  if (start === null || end === null) return summary(g);
  let pel = g.pel;
  if (consumerName !== null) {
    const c = g.consumers.get(consumerName);
    if (c === undefined) return [];
    pel = c.pel;
  }
  return extended(pel, start, end, count, minIdle, now);
}
