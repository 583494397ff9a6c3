/**
 * XCLAIM and XAUTOCLAIM.
 *
 * Both move PEL records whose `now - deliveryTime >= min-idle` to the caller (even when the caller
 * already owns them) and purge records whose entry no longer exists. The claiming consumer is
 * created or refreshed only when something is actually claimed (7.0), or up front by every call
 * (7.2+); a claim marks it active where the profile keeps active-times.
 */
import { eqi, integerArg, noKeyOrGroup, syntaxError } from '../args.js';
import { counterArg, incrU64, type Counter } from '../counters.js';
import type { Consumer } from '../group.js';
import { compareIds, parseId, parseRangeStart, tryParseId, MIN_ID, type StreamId } from '../ids.js';
import type { Keyspace } from '../keyspace.js';
import { Nack } from '../pel.js';
import { entryReply, type Entry } from '../stream.js';
import { RedisReplyError, type Reply } from '../types.js';

/** `XCLAIM key group consumer min-idle id [id ...] [IDLE ms] [TIME ms] [RETRYCOUNT n] [FORCE] [JUSTID] [LASTID id]`. */
export function xclaim(ks: Keyspace, argv: readonly string[], now: number): Reply {
  const key = argv[1] as string;
  const groupName = argv[2] as string;
  const s = ks.get(key);
  const g = s?.groups.get(groupName);
  if (s === undefined || g === undefined) throw noKeyOrGroup(key, groupName);
  const minIdle = Math.max(0, integerArg(argv[4] as string, 'ERR Invalid min-idle-time argument for XCLAIM'));

  // IDs run up to the first argument that is not one; the rest must be options.
  const argc = argv.length;
  const ids: StreamId[] = [];
  let j = 5;
  for (; j < argc; j++) {
    const id = tryParseId(argv[j] as string, 0, true);
    if (id === null) break;
    ids.push(id);
  }
  let deliveryTime = -1;
  let retryCount: Counter = -1;
  let force = false;
  let justId = false;
  let lastId: StreamId = MIN_ID;
  for (; j < argc; j++) {
    const more = argc - 1 - j;
    const opt = argv[j] as string;
    if (eqi(opt, 'FORCE')) {
      force = true;
    } else if (eqi(opt, 'JUSTID')) {
      justId = true;
    } else if (more > 0 && eqi(opt, 'IDLE')) {
      deliveryTime = now - integerArg(argv[++j] as string, 'ERR Invalid IDLE option argument for XCLAIM');
    } else if (more > 0 && eqi(opt, 'TIME')) {
      deliveryTime = integerArg(argv[++j] as string, 'ERR Invalid TIME option argument for XCLAIM');
    } else if (more > 0 && eqi(opt, 'RETRYCOUNT')) {
      retryCount = counterArg(argv[++j] as string, 'ERR Invalid RETRYCOUNT option argument for XCLAIM');
    } else if (more > 0 && eqi(opt, 'LASTID')) {
      lastId = parseId(argv[++j] as string, 0, true);
    } else {
      throw new RedisReplyError(`ERR Unrecognized XCLAIM option '${opt}'`);
    }
  }
  // A bogus IDLE/TIME (negative, or in the future) falls back to now rather than failing.
  if (deliveryTime < 0 || deliveryTime > now) deliveryTime = now;
  if (compareIds(lastId, g.lastId) > 0) g.lastId = lastId;

  const out: Reply[] = [];
  const profile = ks.profile;
  let consumer: Consumer | null = g.consumerOnAttempt(argv[3] as string, now, profile);
  for (const id of ids) {
    let nack = g.pel.get(id);
    const entry: Entry | undefined = nack !== undefined ? nack.entry : s.find(id.ms, id.seq);
    if (entry === undefined || entry.deleted) {
      if (nack !== undefined) g.drop(nack);
      continue;
    }
    if (nack === undefined) {
      if (!force) continue;
      // FORCE creates an ownerless record; it skips the min-idle check below.
      nack = new Nack(entry, now, 1, null);
      g.pel.insert(nack);
    }
    if (nack.owner !== null && minIdle > 0 && now - nack.deliveryTime < minIdle) continue;
    consumer = g.consumerOnSuccess(argv[3] as string, now, consumer);
    if (profile.activeTime) consumer.activeTime = now;
    g.assign(nack, consumer);
    nack.deliveryTime = deliveryTime;
    if (retryCount >= 0) nack.deliveryCount = retryCount;
    else if (!justId) nack.deliveryCount = incrU64(nack.deliveryCount);
    out.push(justId ? entry.id : entryReply(entry));
  }
  return out;
}

/** LONG_MAX / 16: the largest COUNT XAUTOCLAIM accepts. */
const AUTOCLAIM_MAX_COUNT = 576460752303423487n;

function autoclaimCount(text: string): number {
  const v = integerArg(text, 'ERR COUNT must be > 0');
  if (v < 1 || (text.length >= 16 && BigInt(text) > AUTOCLAIM_MAX_COUNT)) {
    throw new RedisReplyError('ERR COUNT must be > 0');
  }
  return v;
}

/** `XAUTOCLAIM key group consumer min-idle start [COUNT n] [JUSTID]`. */
export function xautoclaim(ks: Keyspace, argv: readonly string[], now: number): Reply {
  const minIdle = Math.max(0, integerArg(argv[4] as string, 'ERR Invalid min-idle-time argument for XAUTOCLAIM'));
  const start = parseRangeStart(argv[5] as string);
  let count = 100;
  let justId = false;
  for (let j = 6; j < argv.length; j++) {
    const opt = argv[j] as string;
    if (eqi(opt, 'COUNT') && j + 1 < argv.length) {
      count = autoclaimCount(argv[++j] as string);
    } else if (eqi(opt, 'JUSTID')) {
      justId = true;
    } else {
      syntaxError();
    }
  }
  const key = argv[1] as string;
  const groupName = argv[2] as string;
  const g = ks.get(key)?.groups.get(groupName);
  if (g === undefined) throw noKeyOrGroup(key, groupName);

  // At most COUNT*10 records are examined per call; purged records count toward COUNT.
  let attempts = count * 10;
  const claimed: Reply[] = [];
  const deleted: Reply[] = [];
  const profile = ks.profile;
  let consumer: Consumer | null = g.consumerOnAttempt(argv[3] as string, now, profile);
  const items = g.pel.items;
  let i = g.pel.lowerBound(start.ms, start.seq);
  while (attempts-- > 0 && count > 0 && i < items.length) {
    const n = items[i] as Nack;
    if (n.entry.deleted) {
      g.drop(n);
      deleted.push(n.entry.id);
      count--;
      continue;
    }
    i++;
    if (minIdle > 0 && now - n.deliveryTime < minIdle) continue;
    consumer = g.consumerOnSuccess(argv[3] as string, now, consumer);
    if (profile.activeTime) consumer.activeTime = now;
    g.assign(n, consumer);
    n.deliveryTime = now;
    if (!justId) n.deliveryCount = incrU64(n.deliveryCount);
    claimed.push(justId ? n.entry.id : entryReply(n.entry));
    count--;
  }
  const next = items[i];
  return [next === undefined ? '0-0' : next.entry.id, claimed, deleted];
}
