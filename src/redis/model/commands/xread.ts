/**
 * XREAD and the serving of blocked XREAD clients (`xreadCommand` without GROUP; 7.0's non-group
 * branch of `serveClientsBlockedOnStreamKey`, or on 7.2+ re-execution of the command with `$`
 * replaced by the ID it meant, which a deleted key does not trigger).
 *
 * 7.0 rules that matter here: a key is served at once only when its newest *live* entry is above the
 * given ID; `$` means the stream's last generated ID (0-0 for a missing key) and is fixed when the
 * command runs, so a blocked `$` read waits for entries added after it; a woken client is served when
 * the stream's last *generated* ID is above its ID, at most COUNT entries (1000 without COUNT); a
 * deleted key does not unblock an XREAD client (only XREADGROUP clients get `UNBLOCKED`). `+` (the
 * last entry) is 7.4's and is an invalid ID on 7.0.
 */
import { parseReadArgs } from './read-args.js';
import { MIN_ID, compareIds, decrId, formatId, incrId, parseId, type StreamId } from '../ids.js';
import type { Keyspace } from '../keyspace.js';
import { entryReply, type Stream } from '../stream.js';
import { RedisReplyError, type BlockedStreamRead, type ExecOptions, type ExecResult, type Reply, type ServeOutcome } from '../types.js';

/** What a woken client without COUNT may receive at most (XREAD_BLOCKED_DEFAULT_COUNT). */
const BLOCKED_DEFAULT_COUNT = 1000;

const ERR_GT =
  'ERR The > ID can be specified only when calling XREADGROUP using the GROUP <group> <consumer> option.';

const STILL_BLOCKED: ServeOutcome = Object.freeze({ kind: 'still-blocked' });
const BLOCKED_AGAIN: ServeOutcome = Object.freeze({ kind: 'blocked-again' });

/** Live entries above `after`, oldest first, at most `count` (0: no limit). */
function entriesAfter(s: Stream, after: StreamId, count: number): Reply[] {
  const out: Reply[] = [];
  const from = incrId(after);
  if (from === null) return out;
  const cur = s.seek(from);
  for (let e = cur.next(); e !== null; e = cur.next()) {
    out.push(entryReply(e));
    if (out.length === count) break;
  }
  return out;
}

/** `XREAD [COUNT n] [BLOCK ms] STREAMS key [key ...] id [id ...]`. */
export function xread(ks: Keyspace, argv: readonly string[], now: number, options: ExecOptions): ExecResult {
  const { timeout, count, streamsArg, streamsCount } = parseReadArgs(ks, argv, now, false, options);

  // Resolve every ID (`$` against the stream as it is now) before serving anything, as Redis does.
  const after: StreamId[] = [];
  for (let k = 0; k < streamsCount; k++) {
    // Redis looks every key up (and checks its type) before reading that key's ID.
    const s = ks.get(argv[streamsArg + k] as string);
    const idArg = argv[streamsArg + streamsCount + k] as string;
    if (idArg === '$') {
      after.push(s?.lastId ?? MIN_ID);
    } else if (idArg === '+' && ks.profile.xreadPlusId) {
      after.push(s === undefined ? MIN_ID : beforeLast(s));
    } else if (idArg === '>') {
      throw new RedisReplyError(ERR_GT);
    } else {
      after.push(parseId(idArg, 0, true));
    }
  }

  let out: Reply[] | null = null;
  for (let k = 0; k < streamsCount; k++) {
    const key = argv[streamsArg + k] as string;
    const s = ks.get(key);
    if (s === undefined) continue;
    const newest = s.lastLive();
    const gt = after[k] as StreamId;
    if (newest === null || compareIds(newest, gt) <= 0) continue;
    (out ??= []).push([key, entriesAfter(s, gt, count)]);
  }
  if (out !== null) return { kind: 'reply', reply: out };
  if (timeout === -1) return { kind: 'reply', reply: null };
  const reexecutes = ks.profile.blockedReadReexecutes;
  const read: BlockedStreamRead = {
    kind: 'stream',
    keys: argv.slice(streamsArg, streamsArg + streamsCount),
    timeoutMs: timeout,
    count: count !== 0 || reexecutes ? count : BLOCKED_DEFAULT_COUNT,
    after,
    argv: reexecutes ? withDollarResolved(argv, streamsArg + streamsCount, after) : argv,
  };
  return { kind: 'block', read };
}

/** 7.4's `+`: the ID just below the stream's last ID, so that the last entry (if live) is served. */
function beforeLast(s: Stream): StreamId {
  const id = decrId(s.lastId);
  if (id === null) throw new RedisReplyError('ERR the stream last element ID is 0-0');
  return id;
}

/** `argv` with each `$` ID replaced by the ID it resolved to (7.2 rewrites the blocked command so). */
function withDollarResolved(argv: readonly string[], firstId: number, after: readonly StreamId[]): readonly string[] {
  if (!argv.slice(firstId).includes('$')) return argv;
  return argv.map((a, i) => {
    if (i < firstId || a !== '$') return a;
    const id = after[i - firstId] as StreamId;
    return formatId(id.ms, id.seq);
  });
}

/** Offers ready `key` to one blocked XREAD (see {@link StreamModel.serveBlocked}). */
export function serveBlockedStream(ks: Keyspace, read: BlockedStreamRead, key: string, now: number): ServeOutcome {
  const s = ks.peek(key);
  const index = read.keys.indexOf(key);
  if (s === undefined || index < 0) return STILL_BLOCKED;
  if (ks.profile.blockedReadReexecutes) {
    const result = xread(ks, read.argv, now, {}); // a blocked client is never a script
    return result.kind === 'reply' ? { kind: 'served', reply: result.reply } : BLOCKED_AGAIN;
  }
  const gt = read.after[index] as StreamId;
  // Like XREADGROUP's wake-up, 7.0 compares with the last *generated* ID, tombstones included.
  if (compareIds(s.lastId, gt) <= 0) return STILL_BLOCKED;
  return { kind: 'served', reply: [[key, entriesAfter(s, gt, read.count)]] };
}
