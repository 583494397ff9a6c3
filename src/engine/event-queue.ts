/**
 * A binary min-heap of scheduled events ordered by (time, priority, sequence).
 *
 * Keys live in typed arrays so that sifting moves numbers, not objects: this is the hot path of
 * every simulation (see bench/). The sequence number makes equal-time, equal-priority events run in
 * the order they were scheduled, so runs never depend on heap internals.
 */

/** Highest priority value accepted; priorities are small integers, lower runs first. */
export const MAX_PRIORITY = 255;

// tie = priority * 2^45 + seq stays below 2^53, so one float compares both exactly.
const PRIORITY_SCALE = 2 ** 45;
const MAX_SEQUENCE = PRIORITY_SCALE - 1;

/** Anything the queue can hold; the queue never looks inside. */
export interface QueueItem {
  cancelled: boolean;
}

// Every index the methods below read is a filled slot: below `count` (or the former last slot,
// `count` after a decrement), and the typed arrays and `items` always hold at least `count`
// entries. Hence the `!` on those reads; this is the hot path, so no checks are added.
export class EventQueue<T extends QueueItem> {
  private times: Float64Array;
  private ties: Float64Array;
  private items: (T | undefined)[];
  private count = 0;
  private sequence = 0;

  constructor(initialCapacity = 1024) {
    this.times = new Float64Array(initialCapacity);
    this.ties = new Float64Array(initialCapacity);
    this.items = new Array<T | undefined>(initialCapacity);
  }

  /** Number of entries, cancelled ones included (they are dropped lazily when they surface). */
  get size(): number {
    return this.count;
  }

  push(time: number, priority: number, item: T): void {
    if (this.count === this.times.length) this.grow();
    if (this.sequence > MAX_SEQUENCE) throw new RangeError('event sequence exhausted (2^45 events)');
    const tie = priority * PRIORITY_SCALE + this.sequence++;
    let i = this.count++;
    const times = this.times;
    const ties = this.ties;
    const items = this.items;
    // Sift up: move parents down until the slot fits.
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent]!;
      if (pt < time || (pt === time && ties[parent]! < tie)) break;
      times[i] = pt;
      ties[i] = ties[parent]!;
      items[i] = items[parent];
      i = parent;
    }
    times[i] = time;
    ties[i] = tie;
    items[i] = item;
  }

  /** Time of the earliest live entry, or Infinity when none; drops cancelled entries on the way. */
  peekTime(): number {
    while (this.count > 0) {
      if (!(this.items[0] as T).cancelled) return this.times[0]!;
      this.removeTop();
    }
    return Infinity;
  }

  /** Removes and returns the earliest live entry (call `peekTime` first to learn its time). */
  pop(): T | undefined {
    while (this.count > 0) {
      const top = this.items[0] as T;
      this.removeTop();
      if (!top.cancelled) return top;
    }
    return undefined;
  }

  private removeTop(): void {
    const last = --this.count;
    const times = this.times;
    const ties = this.ties;
    const items = this.items;
    if (last === 0) {
      items[0] = undefined;
      return;
    }
    const time = times[last]!;
    const tie = ties[last]!;
    const item = items[last];
    items[last] = undefined;
    let i = 0;
    const half = last >> 1;
    // Sift down the former last entry from the root.
    while (i < half) {
      let child = 2 * i + 1;
      const right = child + 1;
      if (right < last && (times[right]! < times[child]! || (times[right] === times[child] && ties[right]! < ties[child]!))) {
        child = right;
      }
      const ct = times[child]!;
      if (time < ct || (time === ct && tie < ties[child]!)) break;
      times[i] = ct;
      ties[i] = ties[child]!;
      items[i] = items[child];
      i = child;
    }
    times[i] = time;
    ties[i] = tie;
    items[i] = item;
  }

  private grow(): void {
    const capacity = this.times.length * 2;
    const times = new Float64Array(capacity);
    const ties = new Float64Array(capacity);
    times.set(this.times);
    ties.set(this.ties);
    this.times = times;
    this.ties = ties;
    this.items.length = capacity;
  }
}
