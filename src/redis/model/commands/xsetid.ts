/**
 * `XSETID key last-id [ENTRIESADDED entries-added] [MAXDELETEDID max-deleted-id]`, with its checks
 * in `t_stream.c`'s order: arguments first, then the key, then the stream's state. 7.0 does not
 * compare the new last ID with the stream's current max-deleted-entry-id (7.2+ does, see profile.ts).
 */
import { eqi, syntaxError } from '../args.js';
import { counterArg, type Counter } from '../counters.js';
import { MIN_ID, compareIds, isZeroId, parseId, type StreamId } from '../ids.js';
import type { Keyspace } from '../keyspace.js';
import { RedisReplyError, type Reply } from '../types.js';

function fail(message: string): never {
  throw new RedisReplyError(message);
}

/** `XSETID key last-id [ENTRIESADDED n] [MAXDELETEDID id]`. */
export function xsetid(ks: Keyspace, argv: readonly string[]): Reply {
  const id = parseId(argv[2] as string, 0, true);
  let entriesAdded: Counter = -1;
  let maxDeleted: StreamId = MIN_ID;
  const argc = argv.length;
  for (let i = 3; i < argc; i += 2) {
    const more = argc - 1 - i;
    const opt = argv[i] as string;
    if (more > 0 && eqi(opt, 'ENTRIESADDED')) {
      entriesAdded = counterArg(argv[i + 1] as string);
      if (entriesAdded < 0) fail('ERR entries_added must be positive');
    } else if (more > 0 && eqi(opt, 'MAXDELETEDID')) {
      maxDeleted = parseId(argv[i + 1] as string, 0, true);
      if (compareIds(id, maxDeleted) < 0) {
        fail('ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id');
      }
    } else {
      syntaxError();
    }
  }

  const s = ks.get(argv[1] as string);
  if (s === undefined) fail('ERR no such key');
  if (ks.profile.xsetidChecksMaxDeleted && compareIds(id, s.maxDeletedId) < 0) {
    fail('ERR The ID specified in XSETID is smaller than current max_deleted_entry_id');
  }
  if (s.length > 0) {
    const top = s.lastLive();
    if (top !== null && compareIds(id, top) < 0) {
      fail('ERR The ID specified in XSETID is smaller than the target stream top item');
    }
    if (entriesAdded !== -1 && s.length > entriesAdded) {
      fail('ERR The entries_added specified in XSETID is smaller than the target stream length');
    }
  }
  s.lastId = id;
  if (entriesAdded !== -1) s.entriesAdded = entriesAdded;
  if (!isZeroId(maxDeleted)) s.maxDeletedId = maxDeleted;
  return 'OK';
}
