/**
 * XREADGROUP and the serving of blocked XREADGROUP clients (`xreadCommand`; 7.0's
 * `serveClientsBlockedOnStreamKey`, 7.2's re-execution from `unblockClientOnKey`).
 *
 * Version rules (see profile.ts): on 7.0 the consumer is created or refreshed only when a stream is
 * actually served (any history read; a `>` read with at least one new live entry; a blocked read when
 * woken with the stream's last ID above the group's), a woken client without COUNT gets at most
 * 1000 entries, and a woken client whose group or key vanished gets its own errors. On 7.2+ every
 * read creates and refreshes the consumer up front, a `>` delivery with PEL records marks it
 * active, and a woken client re-executes the command.
 */
import { parseReadArgs } from './read-args.js';
import { incrU64 } from '../counters.js';
import type { Consumer, Group } from '../group.js';
import { compareIds, incrId, isMaxId, parseId, type StreamId } from '../ids.js';
import type { Keyspace } from '../keyspace.js';
import type { SemanticsProfile } from '../profile.js';
import { entryReply, type Stream } from '../stream.js';
import { RedisReplyError, type BlockedGroupRead, type ExecOptions, type ExecResult, type Reply, type ServeOutcome } from '../types.js';

/** What a woken client without COUNT may receive at most (XREAD_BLOCKED_DEFAULT_COUNT). */
const BLOCKED_DEFAULT_COUNT = 1000;

const ERR_DOLLAR =
  'ERR The $ ID is meaningless in the context of XREADGROUP: you want to read the history of this consumer ' +
  'by specifying a proper ID, or use the > ID to get new messages. The $ ID would just return an empty ' +
  'result set.';

const ERR_PLUS =
  'ERR The + ID is meaningless in the context of XREADGROUP: you want to read the history of this consumer ' +
  'by specifying a proper ID, or use the > ID to get new messages. The + ID would just return an empty ' +
  'result set.';

const STILL_BLOCKED: ServeOutcome = Object.freeze({ kind: 'still-blocked' });

/**
 * Delivers entries above the group's last-delivered ID to `consumer`, at most `count` (0: no limit).
 */
function deliverNew(
  s: Stream,
  g: Group,
  consumer: Consumer,
  count: number,
  now: number,
  noack: boolean,
  profile: SemanticsProfile,
): Reply[] {
  const out: Reply[] = [];
  const from = incrId(g.lastId);
  if (from === null) return out;
  const cur = s.seek(from);
  for (let e = cur.next(); e !== null; e = cur.next()) {
    g.deliver(s, e, consumer, now, noack);
    out.push(entryReply(e));
    if (out.length === count) break;
  }
  // 7.2 sets active-time per delivered entry that gets a PEL record; all at the same instant.
  if (profile.activeTime && !noack && out.length > 0) consumer.activeTime = now;
  return out;
}

/**
 * Re-reads the consumer's own PEL above `after`: existing entries count as delivered again;
 * deleted ones come back as `[id, null]` untouched.
 */
function readHistory(consumer: Consumer, after: StreamId, count: number, now: number): Reply[] {
  const out: Reply[] = [];
  const start = incrId(after) as StreamId;
  const items = consumer.pel.items;
  for (let i = consumer.pel.lowerBound(start.ms, start.seq); i < items.length; i++) {
    if (count !== 0 && out.length >= count) break;
    const n = items[i];
    if (n === undefined) break;
    if (n.entry.deleted) {
      out.push([n.entry.id, null]);
    } else {
      out.push(entryReply(n.entry));
      n.deliveryTime = now;
      n.deliveryCount = incrU64(n.deliveryCount);
    }
  }
  return out;
}

/** `XREADGROUP GROUP g c [COUNT n] [BLOCK ms] [NOACK] STREAMS key [key ...] id [id ...]`. */
export function xreadgroup(ks: Keyspace, argv: readonly string[], now: number, options: ExecOptions): ExecResult {
  const { timeout, blockNeedsClock, count, noack, streamsArg, streamsCount, group } = parseReadArgs(ks, argv, now, true, options);
  if (group === null) throw new RedisReplyError('ERR Missing GROUP option for XREADGROUP');
  const { name: groupName, consumer: consumerName } = group;

  // Resolve every key's group and ID before serving anything, as Redis does.
  const groups: Group[] = [];
  const ids: (StreamId | null)[] = [];
  for (let k = 0; k < streamsCount; k++) {
    const key = argv[streamsArg + k] as string;
    const g = ks.get(key)?.groups.get(groupName);
    if (g === undefined) {
      throw new RedisReplyError(
        `NOGROUP No such key '${key}' or consumer group '${groupName}' in XREADGROUP with GROUP option`,
      );
    }
    groups.push(g);
    const idArg = argv[streamsArg + streamsCount + k] as string;
    if (idArg === '$') throw new RedisReplyError(ERR_DOLLAR);
    if (idArg === '+' && ks.profile.xreadPlusId) throw new RedisReplyError(ERR_PLUS);
    if (idArg === '>') {
      ids.push(null);
    } else {
      const id = parseId(idArg, 0, true);
      // Redis encodes '>' as the maximal ID, so an explicit maximal ID behaves like '>'.
      ids.push(isMaxId(id) ? null : id);
    }
  }

  const profile = ks.profile;
  let out: Reply[] | null = null;
  for (let k = 0; k < streamsCount; k++) {
    const key = argv[streamsArg + k] as string;
    const s = ks.get(key) as Stream;
    const g = groups[k] as Group;
    const id = ids[k] as StreamId | null;
    const attempted = g.consumerOnAttempt(consumerName, now, profile);
    let entries: Reply[];
    if (id !== null) {
      entries = readHistory(g.consumerOnSuccess(consumerName, now, attempted), id, count, now);
    } else {
      const newest = s.lastLive();
      if (newest === null || compareIds(newest, g.lastId) <= 0) continue;
      const consumer = g.consumerOnSuccess(consumerName, now, attempted);
      entries = deliverNew(s, g, consumer, count, now, noack, profile);
    }
    (out ??= []).push([key, entries]);
  }
  if (out !== null) return { kind: 'reply', reply: out };
  if (timeout === -1) return { kind: 'reply', reply: null };
  const read: BlockedGroupRead = {
    kind: 'group',
    keys: argv.slice(streamsArg, streamsArg + streamsCount),
    timeoutMs: timeout,
    group: groupName,
    consumer: consumerName,
    count: count !== 0 || profile.blockedReadReexecutes ? count : BLOCKED_DEFAULT_COUNT,
    noack,
    argv,
    blockNeedsClock,
  };
  return { kind: 'block', read };
}

/**
 * The client of a timed-out blocked read sends the very same command again: when it would block
 * again, applies what running it does on the way (7.2+: the consumer created or its seen-time
 * refreshed, key by key) and returns true; otherwise changes nothing and returns false (the caller
 * runs the command in full: it is served, or fails with the command's own error). The same effects
 * as {@link xreadgroup} on `read.argv`, without parsing it again: a blocked read reads `>` only.
 */
export function repeatBlockedGroupRead(ks: Keyspace, read: BlockedGroupRead, now: number): boolean {
  const profile = ks.profile;
  // BLOCK is checked against the clock again (7.2+ refuses a deadline past 2^63 ms).
  if (profile.blockDeadlineChecked && read.blockNeedsClock) return false;
  const keys = read.keys;
  let only: Group | undefined;
  for (let k = 0; k < keys.length; k++) {
    const s = ks.peek(keys[k] as string);
    const g = s?.groups.get(read.group);
    if (s === undefined || g === undefined) return false;
    const newest = s.lastLive();
    if (newest !== null && compareIds(newest, g.lastId) > 0) return false;
    only = g;
  }
  if (keys.length === 1) {
    (only as Group).consumerOnAttempt(read.consumer, now, profile);
    return true;
  }
  for (let k = 0; k < keys.length; k++) {
    (ks.peek(keys[k] as string) as Stream).groups.get(read.group)?.consumerOnAttempt(read.consumer, now, profile);
  }
  return true;
}

/** Offers ready `key` to one blocked XREADGROUP (see {@link StreamModel.serveBlocked}). */
export function serveBlockedGroup(ks: Keyspace, read: BlockedGroupRead, key: string, now: number): ServeOutcome {
  return ks.profile.blockedReadReexecutes ? reexecute(ks, read, now) : serveInPlace(ks, read, key, now);
}

/** 7.2+: the woken client runs its command again; a read that blocks again goes to the back. */
function reexecute(ks: Keyspace, read: BlockedGroupRead, now: number): ServeOutcome {
  try {
    const result = xreadgroup(ks, read.argv, now, {}); // a blocked client is never a script
    return result.kind === 'reply' ? { kind: 'served', reply: result.reply } : BLOCKED_AGAIN;
  } catch (e) {
    if (e instanceof RedisReplyError) return { kind: 'error', error: e };
    throw e;
  }
}

const BLOCKED_AGAIN: ServeOutcome = Object.freeze({ kind: 'blocked-again' });

/** 7.0: the woken client is served the ready key alone, or told why it cannot be. */
function serveInPlace(ks: Keyspace, read: BlockedGroupRead, key: string, now: number): ServeOutcome {
  const s = ks.peek(key);
  if (s === undefined) {
    return { kind: 'error', error: new RedisReplyError('UNBLOCKED the stream key no longer exists') };
  }
  const g = s.groups.get(read.group);
  if (g === undefined) {
    return {
      kind: 'error',
      error: new RedisReplyError('NOGROUP the consumer group this client was blocked on no longer exists'),
    };
  }
  // 7.0 compares with the last *generated* ID, tombstones included.
  if (compareIds(s.lastId, g.lastId) <= 0) return STILL_BLOCKED;
  const consumer = g.consumerOnSuccess(read.consumer, now, null);
  return { kind: 'served', reply: [[key, deliverNew(s, g, consumer, read.count, now, read.noack, ks.profile)]] };
}
