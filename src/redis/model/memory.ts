/**
 * MEMORY USAGE for a stream: an estimate computed the way Redis 7.0's `objectComputeSize` computes
 * it, from the model's node layout. It is plausible, not exact: the allocator's size classes are
 * jemalloc's, node byte counts are the model's listpack sizes, and PEL radix trees are rebuilt from
 * their IDs (Redis's shape also depends on their history).
 */
import type { Group } from './group.js';
import type { StreamId } from './ids.js';
import { RaxShape } from './rax.js';
import type { Stream } from './stream.js';

/** Pointer-sized fields and fixed structs, as on 64-bit Linux. */
const ROBJ = 16;
const STREAM_STRUCT = 80;
const STREAM_CG = 40;
const STREAM_NACK = 24;
const STREAM_CONSUMER = 24;
const STREAM_ID = 16;
/** streamRadixTreeMemoryUsage: sizeof(raxNode) plus a fixed 30 longs per node. */
const RAX_NODE = 4 + 8 * 30;
const DICT_ENTRY = 24;
/** STREAM_LISTPACK_MAX_PRE_ALLOCATE: the newest node is allocated this large up front. */
const PREALLOCATE = 4096;

/** jemalloc's size class for `n` bytes (4 classes per doubling above 64). */
export function allocatorSize(n: number): number {
  if (n <= 8) return 8;
  if (n <= 128) return Math.ceil(n / 16) * 16;
  const power = 2 ** Math.floor(Math.log2(n - 1));
  const step = power / 4;
  return Math.ceil(n / step) * step;
}

function raxUsage(elements: number, nodes: number): number {
  return elements * STREAM_ID + nodes * RAX_NODE;
}

/** Node count of a rax holding these IDs (the PELs are not tracked incrementally). */
function raxNodesFor(ids: Iterable<StreamId>): number {
  const shape = new RaxShape();
  for (const id of ids) shape.insert(id.ms, id.seq);
  return shape.nodes;
}

function groupUsage(g: Group): number {
  let size = STREAM_CG;
  const pel = g.pel.items;
  size += raxUsage(pel.length, raxNodesFor(pel.map((n) => n.entry))) + STREAM_NACK * pel.length;
  for (const consumer of g.consumers.values()) {
    const own = consumer.pel.items;
    size += STREAM_CONSUMER + consumer.name.length;
    size += raxUsage(own.length, raxNodesFor(own.map((n) => n.entry)));
  }
  return size;
}

/** Estimated bytes used by the stream value; `samples` nodes are measured (0: all), the rest extrapolated. */
export function estimateStreamMemory(s: Stream, samples = 5): number {
  let size = ROBJ + STREAM_STRUCT + raxUsage(s.rax.size, s.rax.nodes);
  const sizes = s.nodeSizes();
  const { maxBytes } = s.nodeLimits;
  const prealloc = maxBytes > 0 && maxBytes < PREALLOCATE ? maxBytes : PREALLOCATE;
  // Closed nodes were shrunk to fit; the newest one still has its preallocation.
  const allocated = (i: number): number =>
    allocatorSize(i === sizes.length - 1 ? Math.max(prealloc, sizes[i] as number) : (sizes[i] as number));
  const sampled = samples === 0 ? sizes.length : Math.min(samples, sizes.length);
  let lpSize = 0;
  for (let i = 0; i < sampled; i++) lpSize += allocated(i);
  if (sizes.length <= sampled) {
    size += lpSize;
  } else {
    size += Math.floor(lpSize / sampled) * (sizes.length - 1) + allocated(sizes.length - 1);
  }
  for (const g of s.groups.values()) size += groupUsage(g);
  return size;
}

/** What MEMORY USAGE adds for the key itself: its sds string and its dict entry. */
export function keyOverhead(key: string): number {
  const len = key.length;
  const header = len < 256 ? 3 : len < 65536 ? 5 : 9;
  return allocatorSize(header + len + 1) + DICT_ENTRY;
}
