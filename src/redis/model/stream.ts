/**
 * One stream: its entries, laid out in listpack-sized nodes the way Redis 7.0 lays them out, and the
 * metadata Redis keeps (`last_id`, `first_id`, `max_deleted_entry_id`, `entries_added`).
 *
 * Entries live in nodes that only ever grow at the tail; deleting an entry only marks it (a
 * tombstone), exactly as in Redis, and a node disappears when its last live entry goes. Lookups are
 * two binary searches (node, then entry); appends are amortized O(1).
 */
import { incrU64, type Counter } from './counters.js';
import type { Group } from './group.js';
import { MIN_ID, compareIds, formatId, type IdPart, type StreamId } from './ids.js';
import { LP_EMPTY_BYTES, byteLength, lpDeltaBytes, lpIntBytes, lpValueBytes } from './listpack.js';
import { RaxShape } from './rax.js';
import type { Reply } from './types.js';

/**
 * The server settings that shape a stream's nodes (`CONFIG SET stream-node-max-entries` /
 * `stream-node-max-bytes`). One object is shared by every stream of a keyspace and read on each
 * append, so a change applies from the next XADD on, as in Redis.
 */
export interface StreamNodeLimits {
  /** Entries (live and deleted) per node; 0 means no limit. Redis's default: 100. */
  maxEntries: number;
  /** Encoded bytes per node; 0 means Redis's hard cap (1 GiB). Redis's default: 4096. */
  maxBytes: number;
}

/** Redis's defaults. */
export function defaultNodeLimits(): StreamNodeLimits {
  return { maxEntries: 100, maxBytes: 4096 };
}

/** STREAM_LISTPACK_MAX_SIZE: the node size used when `stream-node-max-bytes` is 0 or larger. */
const LISTPACK_MAX_SIZE = 1 << 30;

/** One stream entry. Its `fields` array is shared with replies and must never be mutated. */
export class Entry implements StreamId {
  /** True once XDEL or trimming removed it (Redis keeps a tombstone until the node goes). */
  deleted = false;
  constructor(
    readonly ms: IdPart,
    readonly seq: IdPart,
    /** The formatted ID, computed once. */
    readonly id: string,
    /** Field/value pairs, flattened. */
    readonly fields: string[],
  ) {}
}

/** A listpack node: a run of entries sharing a "master" entry, as in Redis. */
class StreamNode {
  readonly entries: Entry[];
  /** Entries not deleted. */
  live = 1;
  /** Tombstones still stored in the node. */
  tombstones = 0;
  /** Encoded listpack size, which decides when Redis starts the next node. */
  bytes: number;
  private readonly masterFieldCount: number;
  private readonly masterFields: string[];

  constructor(first: Entry) {
    const f = first.fields;
    const n = f.length >> 1;
    this.entries = [first];
    this.masterFieldCount = n;
    this.masterFields = f;
    // count, deleted, field count, field names, master terminator.
    let bytes = LP_EMPTY_BYTES + 2 + 2 + lpIntBytes(n) + 2;
    for (let i = 0; i < f.length; i += 2) bytes += lpValueBytes(f[i] as string);
    // The first entry always matches the master fields: flags, ms/seq deltas, values, lp-count.
    bytes += 2 + 2 + 2 + lpIntBytes(n + 3);
    for (let i = 1; i < f.length; i += 2) bytes += lpValueBytes(f[i] as string);
    this.bytes = bytes;
  }

  get first(): Entry {
    return this.entries[0] as Entry;
  }

  get last(): Entry {
    return this.entries[this.entries.length - 1] as Entry;
  }

  add(e: Entry): void {
    const f = e.fields;
    const n = f.length >> 1;
    const master = this.first;
    let same = n === this.masterFieldCount;
    for (let i = 0; same && i < f.length; i += 2) same = f[i] === this.masterFields[i];
    let bytes = 2 + lpDeltaBytes(e.ms, master.ms) + lpDeltaBytes(e.seq, master.seq);
    if (same) {
      bytes += lpIntBytes(n + 3);
    } else {
      bytes += lpIntBytes(n) + lpIntBytes(2 * n + 4);
      for (let i = 0; i < f.length; i += 2) bytes += lpValueBytes(f[i] as string);
    }
    for (let i = 1; i < f.length; i += 2) bytes += lpValueBytes(f[i] as string);
    this.bytes += bytes;
    this.entries.push(e);
    this.live++;
  }

  /** Binary search: index of the first entry with ID ≥ (ms, seq), or entries.length. */
  lowerBound(ms: IdPart, seq: IdPart): number {
    const a = this.entries;
    let lo = 0;
    let hi = a.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const e = a[mid] as Entry;
      if (e.ms < ms || (e.ms === ms && e.seq < seq)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** A position in a stream, used to walk entries in either direction. */
export class Cursor {
  constructor(
    private readonly nodes: readonly StreamNode[],
    private ni: number,
    private ei: number,
  ) {}

  /** The next live entry at or after the position (moving forward), or null. */
  next(): Entry | null {
    const nodes = this.nodes;
    while (this.ni < nodes.length) {
      const entries = (nodes[this.ni] as StreamNode).entries;
      while (this.ei < entries.length) {
        const e = entries[this.ei++] as Entry;
        if (!e.deleted) return e;
      }
      this.ni++;
      this.ei = 0;
    }
    return null;
  }

  /** The next live entry at or before the position (moving backward), or null. */
  prev(): Entry | null {
    const nodes = this.nodes;
    while (this.ni >= 0) {
      const entries = (nodes[this.ni] as StreamNode).entries;
      while (this.ei >= 0) {
        const e = entries[this.ei--] as Entry;
        if (!e.deleted) return e;
      }
      this.ni--;
      if (this.ni >= 0) this.ei = (nodes[this.ni] as StreamNode).entries.length - 1;
    }
    return null;
  }
}

/** How XADD/XTRIM asked to trim. `maxlen` is -1 when trimming by MINID. */
export interface TrimSpec {
  readonly maxlen: number;
  readonly minid: StreamId;
  readonly approx: boolean;
  /** Most entries to remove; 0 means no limit. */
  readonly limit: number;
}

/** A Redis stream value. */
export class Stream {
  private readonly nodes: StreamNode[] = [];
  /** Live entries. */
  length = 0;
  /** Last ID ever added (`last-generated-id`); never lowered by deletion. */
  lastId: StreamId = MIN_ID;
  /** `recorded-first-entry-id`: the first live entry's ID, 0-0 when empty. */
  firstId: StreamId = MIN_ID;
  /** Highest ID removed by XDEL (trimming does not count). */
  maxDeletedId: StreamId = MIN_ID;
  /** All-time number of entries added (uint64; XSETID may set it). */
  entriesAdded: Counter = 0;
  /** Consumer groups by name. */
  readonly groups = new Map<string, Group>();
  /** Shape of Redis's radix tree over the nodes, for `XINFO STREAM`. */
  readonly rax = new RaxShape();

  constructor(private readonly limits: StreamNodeLimits = defaultNodeLimits()) {}

  /** Appends an entry; the caller has checked that the ID is greater than `lastId`. */
  append(ms: IdPart, seq: IdPart, fields: string[]): Entry {
    const e = new Entry(ms, seq, formatId(ms, seq), fields);
    let node: StreamNode | undefined = this.nodes[this.nodes.length - 1];
    if (node !== undefined) {
      let raw = 0;
      for (let i = 0; i < fields.length; i++) raw += byteLength(fields[i] as string);
      const { maxEntries } = this.limits;
      let maxBytes = this.limits.maxBytes;
      if (maxBytes === 0 || maxBytes > LISTPACK_MAX_SIZE) maxBytes = LISTPACK_MAX_SIZE;
      if (node.bytes + raw >= maxBytes || (maxEntries > 0 && node.live + node.tombstones >= maxEntries)) node = undefined;
    }
    if (node === undefined) {
      this.nodes.push(new StreamNode(e));
      this.rax.insert(ms, seq);
    } else {
      node.add(e);
    }
    this.length++;
    this.entriesAdded = incrU64(this.entriesAdded);
    this.lastId = e;
    if (this.length === 1) this.firstId = e;
    return e;
  }

  /** Index of the node that would hold (ms, seq): the last node whose first ID is ≤ it, or -1. */
  private nodeIndex(ms: IdPart, seq: IdPart): number {
    const nodes = this.nodes;
    let lo = 0;
    let hi = nodes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const f = (nodes[mid] as StreamNode).first;
      if (f.ms < ms || (f.ms === ms && f.seq <= seq)) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  /** The entry with this exact ID, live or tombstone, or undefined. */
  find(ms: IdPart, seq: IdPart): Entry | undefined {
    const ni = this.nodeIndex(ms, seq);
    if (ni < 0) return undefined;
    const node = this.nodes[ni] as StreamNode;
    const e = node.entries[node.lowerBound(ms, seq)];
    return e !== undefined && e.ms === ms && e.seq === seq ? e : undefined;
  }

  /** A cursor whose `next()` yields live entries with ID ≥ `from`. */
  seek(from: StreamId): Cursor {
    const ni = Math.max(0, this.nodeIndex(from.ms, from.seq));
    const node = this.nodes[ni];
    return new Cursor(this.nodes, ni, node === undefined ? 0 : node.lowerBound(from.ms, from.seq));
  }

  /** A cursor whose `prev()` yields live entries with ID ≤ `from`, newest first. */
  seekBack(from: StreamId): Cursor {
    const ni = this.nodeIndex(from.ms, from.seq);
    if (ni < 0) return new Cursor(this.nodes, -1, -1);
    const node = this.nodes[ni] as StreamNode;
    let ei = node.lowerBound(from.ms, from.seq);
    const e = node.entries[ei];
    if (e === undefined || e.ms !== from.ms || e.seq !== from.seq) ei--;
    return new Cursor(this.nodes, ni, ei);
  }

  /** The newest live entry (Redis's `streamLastValidID`), or null when empty. */
  lastLive(): Entry | null {
    if (this.length === 0) return null;
    const n = this.nodes.length - 1;
    const tail = (this.nodes[n] as StreamNode).last;
    // Every `>` read asks this; the newest entry is almost never a tombstone.
    if (!tail.deleted) return tail;
    return new Cursor(this.nodes, n, (this.nodes[n] as StreamNode).entries.length - 1).prev();
  }

  /** The oldest live entry, or null when empty. */
  firstLive(): Entry | null {
    return this.length === 0 ? null : new Cursor(this.nodes, 0, 0).next();
  }

  /** Marks one entry deleted (XDEL). Returns false when there is no such live entry. */
  delete(ms: IdPart, seq: IdPart): boolean {
    const ni = this.nodeIndex(ms, seq);
    if (ni < 0) return false;
    const node = this.nodes[ni] as StreamNode;
    const e = node.entries[node.lowerBound(ms, seq)];
    if (e === undefined || e.ms !== ms || e.seq !== seq || e.deleted) return false;
    e.deleted = true;
    this.length--;
    if (node.live === 1) {
      this.nodes.splice(ni, 1);
      this.rax.remove(node.first.ms, node.first.seq);
    } else {
      node.live--;
      node.tombstones++;
    }
    return true;
  }

  /**
   * Trims like Redis's `streamTrim`: whole nodes from the head while they fit the threshold, then
   * (exact mode only) single entries of the first remaining node. Returns the entries removed.
   */
  trim(spec: TrimSpec): number {
    const byLen = spec.maxlen >= 0;
    let removed = 0;
    while (this.nodes.length > 0) {
      if (byLen && this.length <= spec.maxlen) break;
      const node = this.nodes[0] as StreamNode;
      const live = node.live;
      if (spec.limit > 0 && removed + live > spec.limit) break;
      const whole = byLen ? this.length - live >= spec.maxlen : compareIds(node.last, spec.minid) < 0;
      if (whole) {
        for (const e of node.entries) e.deleted = true;
        this.nodes.shift();
        this.rax.remove(node.first.ms, node.first.seq);
        this.length -= live;
        removed += live;
        continue;
      }
      if (spec.approx) break;
      let dropped = 0;
      for (const e of node.entries) {
        if (byLen ? this.length <= spec.maxlen : compareIds(e, spec.minid) >= 0) break;
        if (!e.deleted) {
          e.deleted = true;
          dropped++;
          this.length--;
        }
      }
      node.live -= dropped;
      node.tombstones += dropped;
      removed += dropped;
      break;
    }
    this.firstId = this.firstLive() ?? MIN_ID;
    return removed;
  }

  /** Records an XDEL'd ID in the stream metadata (called once per entry actually deleted). */
  noteDeleted(id: StreamId): void {
    if (compareIds(id, this.maxDeletedId) > 0) this.maxDeletedId = id;
  }

  /** Encoded bytes of each node, oldest first (for MEMORY USAGE's estimate). */
  nodeSizes(): number[] {
    return this.nodes.map((node) => node.bytes);
  }

  /** The node limits in force (for MEMORY USAGE: the newest node is preallocated to them). */
  get nodeLimits(): Readonly<StreamNodeLimits> {
    return this.limits;
  }

  /** Number of listpack nodes (`radix-tree-keys`). */
  get nodeCount(): number {
    return this.nodes.length;
  }
}

/** `[id, [field, value, …]]` as replies carry an entry. The field array is shared, not copied. */
export function entryReply(e: Entry): Reply[] {
  return [e.id, e.fields];
}
