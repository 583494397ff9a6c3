/**
 * Plain stream access: XRANGE, XREVRANGE, XLEN and XDEL.
 */
import { eqi, integerArg, syntaxError } from '../args.js';
import { MIN_ID, compareIds, parseId, parseRangeEnd, parseRangeStart, type StreamId } from '../ids.js';
import type { Keyspace } from '../keyspace.js';
import { entryReply, type Stream } from '../stream.js';
import type { Reply } from '../types.js';

/** Live entries in [start, end], oldest first (newest first when `rev`), at most `count` (0: all). */
export function rangeReply(s: Stream, start: StreamId, end: StreamId, count: number, rev: boolean): Reply[] {
  const out: Reply[] = [];
  if (compareIds(start, end) > 0) return out;
  if (rev) {
    const cur = s.seekBack(end);
    for (let e = cur.prev(); e !== null && compareIds(e, start) >= 0; e = cur.prev()) {
      out.push(entryReply(e));
      if (out.length === count) break;
    }
  } else {
    const cur = s.seek(start);
    for (let e = cur.next(); e !== null && compareIds(e, end) <= 0; e = cur.next()) {
      out.push(entryReply(e));
      if (out.length === count) break;
    }
  }
  return out;
}

/** `XRANGE key start end [COUNT n]` and, with `rev`, `XREVRANGE key end start [COUNT n]`. */
export function xrange(ks: Keyspace, argv: readonly string[], rev: boolean): Reply {
  const start = parseRangeStart(argv[rev ? 3 : 2] as string);
  const end = parseRangeEnd(argv[rev ? 2 : 3] as string);
  let count = -1;
  for (let j = 4; j < argv.length; j++) {
    if (eqi(argv[j] as string, 'COUNT') && j + 1 < argv.length) {
      count = Math.max(0, integerArg(argv[j + 1] as string));
      j++;
    } else {
      syntaxError();
    }
  }
  const s = ks.get(argv[1] as string);
  if (s === undefined) return [];
  if (count === 0) return null;
  return rangeReply(s, start, end, count === -1 ? 0 : count, rev);
}

/** `XLEN key`. */
export function xlen(ks: Keyspace, argv: readonly string[]): Reply {
  return ks.get(argv[1] as string)?.length ?? 0;
}

/** `XDEL key id [id ...]`: all IDs are validated before anything is deleted. */
export function xdel(ks: Keyspace, argv: readonly string[]): Reply {
  const s = ks.get(argv[1] as string);
  if (s === undefined) return 0;
  const ids: StreamId[] = [];
  for (let j = 2; j < argv.length; j++) ids.push(parseId(argv[j] as string, 0, true));
  let deleted = 0;
  let firstDeleted = false;
  for (const id of ids) {
    if (!s.delete(id.ms, id.seq)) continue;
    if (compareIds(id, s.firstId) === 0) firstDeleted = true;
    s.noteDeleted(id);
    deleted++;
  }
  if (deleted > 0) {
    if (s.length === 0) s.firstId = MIN_ID;
    else if (firstDeleted) s.firstId = s.firstLive() ?? MIN_ID;
  }
  return deleted;
}
