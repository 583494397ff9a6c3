/**
 * The shape of the radix tree ("rax") in which Redis indexes a stream's listpack nodes.
 *
 * `XINFO STREAM` reports `radix-tree-nodes`, the number of tree nodes, which depends on how Redis
 * splits and re-compresses nodes as keys come and go. This class tracks only that shape (edge bytes,
 * compression, key flags): no values. It follows the documented rax rules: chains of single-child,
 * non-key nodes are stored as one "compressed" node; inserting into the middle of one splits it;
 * removing a key frees childless nodes upwards and re-compresses the chain it leaves behind.
 * It runs once per listpack node created or freed (every ~100 entries), never per entry.
 */

import type { IdPart } from './ids.js';

class RaxNode {
  /** True when a key ends at this node. */
  key = false;
  /** True when `chars` is a chain leading to the single child `kids[0]`. */
  compr = false;
  /** Edge bytes: the chain (compressed) or one byte per child, sorted (not compressed). */
  chars: number[] = [];
  kids: RaxNode[] = [];
}

/** Tracks the node count of a rax holding 16-byte big-endian stream IDs. */
export class RaxShape {
  private head = new RaxNode();
  /** Number of rax nodes, as `XINFO STREAM` reports in `radix-tree-nodes`. */
  nodes = 1;
  /** Number of keys (listpack nodes), as reported in `radix-tree-keys`. */
  size = 0;

  /** Inserts the key for the listpack whose master entry is `ms-seq`. */
  insert(ms: IdPart, seq: IdPart): void {
    this.insertKey(encodeKey(ms, seq));
  }

  /** Removes the key for the listpack whose master entry is `ms-seq`. */
  remove(ms: IdPart, seq: IdPart): void {
    this.removeKey(encodeKey(ms, seq));
  }

  private insertKey(s: number[]): void {
    const len = s.length;
    let h = this.head;
    let i = 0;
    let j = 0;
    while (h.chars.length > 0 && i < len) {
      if (h.compr) {
        for (j = 0; j < h.chars.length && i < len; j++, i++) if (h.chars[j] !== s[i]) break;
        if (j !== h.chars.length) break;
        h = h.kids[0] as RaxNode;
      } else {
        for (j = 0; j < h.chars.length; j++) if (h.chars[j] === s[i]) break;
        if (j === h.chars.length) break;
        i++;
        h = h.kids[j] as RaxNode;
      }
      j = 0;
    }

    if (i === len && (!h.compr || j === 0)) {
      if (!h.key) this.size++;
      h.key = true;
      return;
    }

    if (h.compr && i !== len) {
      // Mismatch inside a compressed chain: split it around the mismatching byte.
      const next = h.kids[0] as RaxNode;
      const split = new RaxNode();
      split.chars = [h.chars[j] as number];
      const postfixLen = h.chars.length - j - 1;
      if (postfixLen > 0) {
        const postfix = new RaxNode();
        postfix.chars = h.chars.slice(j + 1);
        postfix.compr = postfixLen > 1;
        postfix.kids = [next];
        split.kids = [postfix];
        this.nodes++;
      } else {
        split.kids = [next];
      }
      if (j === 0) {
        // The split node takes the old node's place (and its key flag).
        h.compr = false;
        h.chars = split.chars;
        h.kids = split.kids;
      } else {
        h.chars = h.chars.slice(0, j);
        h.compr = j > 1;
        h.kids = [split];
        this.nodes++;
        h = split;
      }
    } else if (h.compr) {
      // The key ends inside a compressed chain (impossible with fixed-length keys; kept for completeness).
      const postfix = new RaxNode();
      postfix.chars = h.chars.slice(j);
      postfix.compr = postfix.chars.length > 1;
      postfix.key = true;
      postfix.kids = h.kids;
      h.chars = h.chars.slice(0, j);
      h.compr = j > 1;
      h.kids = [postfix];
      this.nodes++;
      this.size++;
      return;
    }

    while (i < len) {
      const child = new RaxNode();
      if (h.chars.length === 0 && len - i > 1) {
        h.compr = true;
        h.chars = s.slice(i);
        h.kids = [child];
        i = len;
      } else {
        const c = s[i] as number;
        let pos = 0;
        while (pos < h.chars.length && (h.chars[pos] as number) < c) pos++;
        h.chars.splice(pos, 0, c);
        h.kids.splice(pos, 0, child);
        i++;
      }
      this.nodes++;
      h = child;
    }
    if (!h.key) this.size++;
    h.key = true;
  }

  private removeKey(s: number[]): void {
    const len = s.length;
    const stack: RaxNode[] = [];
    let h = this.head;
    let i = 0;
    let j = 0;
    while (h.chars.length > 0 && i < len) {
      let next: RaxNode;
      if (h.compr) {
        for (j = 0; j < h.chars.length && i < len; j++, i++) if (h.chars[j] !== s[i]) break;
        if (j !== h.chars.length) break;
        next = h.kids[0] as RaxNode;
      } else {
        for (j = 0; j < h.chars.length; j++) if (h.chars[j] === s[i]) break;
        if (j === h.chars.length) break;
        i++;
        next = h.kids[j] as RaxNode;
      }
      stack.push(h);
      h = next;
      j = 0;
    }
    if (i !== len || (h.compr && j !== 0) || !h.key) return;
    h.key = false;
    this.size--;

    let tryCompress = false;
    if (h.kids.length === 0) {
      let child: RaxNode | null = null;
      while (h !== this.head) {
        child = h;
        this.nodes--;
        h = stack.pop() as RaxNode;
        if (h.key || (!h.compr && h.chars.length !== 1)) break;
      }
      if (child !== null) {
        if (h.compr) {
          h.compr = false;
          h.chars = [];
          h.kids = [];
        } else {
          const at = h.kids.indexOf(child);
          h.kids.splice(at, 1);
          h.chars.splice(at, 1);
        }
        if (h.chars.length === 1 && !h.key) tryCompress = true;
      }
    } else if (h.chars.length === 1) {
      tryCompress = true;
    }
    if (!tryCompress) return;

    // Climb to the topmost node of the single-child chain, then merge the chain below it.
    for (;;) {
      const parent = stack.pop();
      if (parent === undefined || parent.key || (!parent.compr && parent.chars.length !== 1)) break;
      h = parent;
    }
    const start = h;
    const merged: number[] = start.chars.slice();
    let count = 1;
    let cur = start;
    while (cur.chars.length !== 0) {
      cur = cur.kids[cur.kids.length - 1] as RaxNode;
      if (cur.key || (!cur.compr && cur.chars.length !== 1)) break;
      count++;
      for (const c of cur.chars) merged.push(c);
    }
    if (count > 1) {
      start.compr = true;
      start.chars = merged;
      start.kids = [cur];
      this.nodes -= count - 1;
    }
  }
}

const TWO_32 = 4294967296;

/** The 16-byte big-endian key Redis uses for an ID. */
function encodeKey(ms: IdPart, seq: IdPart): number[] {
  const out: number[] = [];
  pushU64(out, ms);
  pushU64(out, seq);
  return out;
}

function pushU64(out: number[], part: IdPart): void {
  let hi: number;
  let lo: number;
  if (typeof part === 'number') {
    hi = Math.floor(part / TWO_32);
    lo = part - hi * TWO_32;
  } else {
    hi = Number(part >> 32n);
    lo = Number(part & 0xffffffffn);
  }
  out.push((hi >>> 24) & 255, (hi >>> 16) & 255, (hi >>> 8) & 255, hi & 255);
  out.push((lo >>> 24) & 255, (lo >>> 16) & 255, (lo >>> 8) & 255, lo & 255);
}
