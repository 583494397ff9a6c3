/**
 * Pending entries lists. A group holds exactly one {@link Nack} per delivered entry ID; the owning
 * consumer's PEL holds the same object. Both lists are arrays sorted by entry ID: deliveries arrive
 * in ID order, so insertion is almost always an append, and lookups are binary searches on the two
 * numeric ID parts (no formatted-ID keys).
 */
import type { Counter } from './counters.js';
import type { Consumer } from './group.js';
import type { IdPart, StreamId } from './ids.js';
import type { Entry } from './stream.js';

/** One pending record: who owns the entry, when it was last delivered, and how often. */
export class Nack {
  constructor(
    /** The stream entry; `entry.deleted` tells whether it still exists. */
    readonly entry: Entry,
    /** Absolute time (ms) of the last delivery. */
    public deliveryTime: number,
    public deliveryCount: Counter,
    /** Null only transiently, for a record XCLAIM FORCE creates before assigning it. */
    public owner: Consumer | null,
  ) {}
}

/** A PEL: NACKs sorted by entry ID. */
export class Pel {
  /** The records in ID order. Read-only for callers; mutate through the methods. */
  readonly items: Nack[] = [];

  get size(): number {
    return this.items.length;
  }

  /** Index of the first record with ID ≥ (ms, seq), or `size`. */
  lowerBound(ms: IdPart, seq: IdPart): number {
    const a = this.items;
    let lo = 0;
    let hi = a.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const e = (a[mid] as Nack).entry;
      if (e.ms < ms || (e.ms === ms && e.seq < seq)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Index of the record for this exact ID, or -1. */
  indexOf(ms: IdPart, seq: IdPart): number {
    const i = this.lowerBound(ms, seq);
    const n = this.items[i];
    return n !== undefined && n.entry.ms === ms && n.entry.seq === seq ? i : -1;
  }

  /** The record for this ID, or undefined. */
  get(id: StreamId): Nack | undefined {
    const i = this.indexOf(id.ms, id.seq);
    return i < 0 ? undefined : this.items[i];
  }

  /** Inserts a record whose ID is not present yet. */
  insert(n: Nack): void {
    const a = this.items;
    const last = a[a.length - 1];
    const e = n.entry;
    if (last === undefined || last.entry.ms < e.ms || (last.entry.ms === e.ms && last.entry.seq < e.seq)) {
      a.push(n);
    } else {
      a.splice(this.lowerBound(e.ms, e.seq), 0, n);
    }
  }

  /** Removes the record with the same ID as `n`, if present. */
  remove(n: Nack): void {
    const i = this.indexOf(n.entry.ms, n.entry.seq);
    if (i >= 0) this.removeAt(i);
  }

  /** Removes the record at index `i`. */
  removeAt(i: number): void {
    if (i === 0) this.items.shift();
    else this.items.splice(i, 1);
  }
}
