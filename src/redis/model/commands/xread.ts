/**
 * XREAD and the serving of blocked XREAD clients (Redis 7.0 `xreadCommand` without GROUP, and the
 * non-group branch of `serveClientsBlockedOnStreamKey`).
 *
 * 7.0 rules that matter here: a key is served at once only when its newest *live* entry is above the
 * given ID; `$` means the stream's last generated ID (0-0 for a missing key) and is fixed when the
 * command runs, so a blocked `$` read waits for entries added after it; a woken client is served when
 * the stream's last *generated* ID is above its ID, at most COUNT entries (1000 without COUNT); a
 * deleted key does not unblock an XREAD client (only XREADGROUP clients get `UNBLOCKED`). `+` (the
 * last entry) is 7.4's and is an invalid ID on 7.0.
 */
import { ERR_SYNTAX, eqi, integerArg } from '../args.js';
import { MIN_ID, compareIds, incrId, parseId, type StreamId } from '../ids.js';
import type { Keyspace } from '../keyspace.js';
import { entryReply, type Stream } from '../stream.js';
import { RedisReplyError, type BlockedStreamRead, type ExecResult, type Reply, type ServeOutcome } from '../types.js';

/** What a woken client without COUNT may receive at most (XREAD_BLOCKED_DEFAULT_COUNT). */
const BLOCKED_DEFAULT_COUNT = 1000;

// Redis 7.0 words this message the same way for XREAD and XREADGROUP.
const ERR_UNBALANCED =
  "ERR Unbalanced XREAD list of streams: for each stream key an ID or '$' must be specified.";
const ERR_GROUP = 'ERR The GROUP option is only supported by XREADGROUP. You called XREAD instead.';
const ERR_NOACK = 'ERR The NOACK option is only supported by XREADGROUP. You called XREAD instead.';
const ERR_GT =
  'ERR The > ID can be specified only when calling XREADGROUP using the GROUP <group> <consumer> option.';

const STILL_BLOCKED: ServeOutcome = Object.freeze({ kind: 'still-blocked' });

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
export function xread(ks: Keyspace, argv: readonly string[]): ExecResult {
  const argc = argv.length;
  let timeout = -1;
  let count = 0;
  let streamsArg = 0;
  let streamsCount = 0;
  for (let i = 1; i < argc; i++) {
    const more = argc - i - 1;
    const o = argv[i] as string;
    if (more > 0 && eqi(o, 'BLOCK')) {
      i++;
      timeout = integerArg(argv[i] as string, 'ERR timeout is not an integer or out of range');
      if (timeout < 0) throw new RedisReplyError('ERR timeout is negative');
    } else if (more > 0 && eqi(o, 'COUNT')) {
      i++;
      count = Math.max(0, integerArg(argv[i] as string));
    } else if (more > 0 && eqi(o, 'STREAMS')) {
      streamsArg = i + 1;
      streamsCount = argc - streamsArg;
      if (streamsCount % 2 !== 0) throw new RedisReplyError(ERR_UNBALANCED);
      streamsCount /= 2;
      break;
    } else if (more >= 2 && eqi(o, 'GROUP')) {
      throw new RedisReplyError(ERR_GROUP);
    } else if (eqi(o, 'NOACK')) {
      throw new RedisReplyError(ERR_NOACK);
    } else {
      throw new RedisReplyError(ERR_SYNTAX);
    }
  }
  if (streamsArg === 0) throw new RedisReplyError(ERR_SYNTAX);

  // Resolve every ID (`$` against the stream as it is now) before serving anything, as Redis does.
  const after: StreamId[] = [];
  for (let k = 0; k < streamsCount; k++) {
    // Redis looks every key up (and checks its type) before reading that key's ID.
    const s = ks.get(argv[streamsArg + k] as string);
    const idArg = argv[streamsArg + streamsCount + k] as string;
    if (idArg === '$') {
      after.push(s?.lastId ?? MIN_ID);
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
  const read: BlockedStreamRead = {
    kind: 'stream',
    keys: argv.slice(streamsArg, streamsArg + streamsCount),
    timeoutMs: timeout,
    count: count === 0 ? BLOCKED_DEFAULT_COUNT : count,
    after,
  };
  return { kind: 'block', read };
}

/** Offers ready `key` to one blocked XREAD (see {@link StreamModel.serveBlocked}). */
export function serveBlockedStream(ks: Keyspace, read: BlockedStreamRead, key: string): ServeOutcome {
  const s = ks.peek(key);
  const index = read.keys.indexOf(key);
  if (s === undefined || index < 0) return STILL_BLOCKED;
  const gt = read.after[index] as StreamId;
  // Like XREADGROUP's wake-up, 7.0 compares with the last *generated* ID, tombstones included.
  if (compareIds(s.lastId, gt) <= 0) return STILL_BLOCKED;
  return { kind: 'served', reply: [[key, entriesAfter(s, gt, read.count)]] };
}
