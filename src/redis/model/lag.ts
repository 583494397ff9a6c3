/**
 * Consumer-group progress accounting (Redis 7.0 `entries_read` and `lag`): the logical read counter
 * of an ID, and whether deletions make it unknowable. Tombstones are known only through the
 * stream's `max_deleted_entry_id`, so Redis errs on the side of "unknown" (nil) around deletions.
 * Counters are 64-bit and wrap as Redis's C types do (see counters.ts).
 */
import { subI64, type Counter } from './counters.js';
import { compareIds, isZeroId, type StreamId } from './ids.js';
import type { Stream } from './stream.js';

/** `entries_read` value meaning "unknown". */
export const INVALID_ENTRIES_READ = -1;

/** True when a tombstone may lie at or after `from` (Redis's `streamRangeHasTombstones`). */
export function hasTombstonesFrom(s: Stream, from: StreamId): boolean {
  if (s.length === 0 || isZeroId(s.maxDeletedId)) return false;
  if (compareIds(s.firstId, s.maxDeletedId) > 0) return false;
  return compareIds(from, s.maxDeletedId) <= 0;
}

/**
 * The logical read counter of `id` (how many entries were ever added up to it), or
 * {@link INVALID_ENTRIES_READ} when it cannot be known (Redis's
 * `streamEstimateDistanceFromFirstEverEntry`, which returns a `long long`).
 */
export function estimateEntriesRead(s: Stream, id: StreamId): Counter {
  if (s.entriesAdded === 0) return 0;
  const added = subI64(s.entriesAdded, 0);
  const cmpLast = compareIds(id, s.lastId);
  if (s.length === 0 && cmpLast <= 0) return added;
  if (cmpLast === 0) return added;
  if (cmpLast > 0) return INVALID_ENTRIES_READ;
  if (isZeroId(s.maxDeletedId) || compareIds(s.maxDeletedId, s.firstId) < 0) {
    const cmpFirst = compareIds(id, s.firstId);
    if (cmpFirst < 0) return subI64(s.entriesAdded, s.length);
    if (cmpFirst === 0) return subI64(s.entriesAdded, s.length - 1);
  }
  return INVALID_ENTRIES_READ;
}

/** Consumer-group lag as `XINFO GROUPS` reports it, or null when Redis reports nil. */
export function groupLag(s: Stream, lastId: StreamId, entriesRead: Counter): Counter | null {
  if (s.entriesAdded === 0) return 0;
  if (entriesRead !== INVALID_ENTRIES_READ && !hasTombstonesFrom(s, lastId)) return subI64(s.entriesAdded, entriesRead);
  const estimate = estimateEntriesRead(s, lastId);
  return estimate === INVALID_ENTRIES_READ ? null : subI64(s.entriesAdded, estimate);
}
