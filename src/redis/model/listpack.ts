/**
 * Byte sizes of Redis listpack elements.
 *
 * Redis stores stream entries in listpack "nodes" of at most 100 entries (stream-node-max-entries)
 * and about 4096 bytes (stream-node-max-bytes). Node boundaries are observable: `MAXLEN ~` and
 * `MINID ~` only drop whole nodes, and `XINFO STREAM` reports the node count. So the model has to
 * know when Redis would start a new node, which needs the encoded size of every element it appends.
 * Only sizes are computed here; no bytes are ever produced.
 */

import type { IdPart } from './ids.js';

/** Bytes of an empty listpack: 6-byte header plus the end marker. */
export const LP_EMPTY_BYTES = 7;

/** Bytes used by the back-length field that follows an element whose encoding takes `n` bytes. */
function backlenBytes(n: number): number {
  if (n <= 127) return 1;
  if (n < 16383) return 2;
  if (n < 2097151) return 3;
  if (n < 268435455) return 4;
  return 5;
}

/** Encoded size (including back-length) of an integer element. */
export function lpIntBytes(v: number): number {
  if (v >= 0 && v <= 127) return 2;
  if (v >= -4096 && v <= 4095) return 3;
  if (v >= -32768 && v <= 32767) return 4;
  if (v >= -8388608 && v <= 8388607) return 5;
  if (v >= -2147483648 && v <= 2147483647) return 6;
  return 10;
}

/**
 * Encoded size of the delta `part - base` between an entry's ID part and its node's master ID part,
 * which Redis computes in unsigned 64-bit arithmetic and stores as a signed 64-bit integer.
 */
export function lpDeltaBytes(part: IdPart, base: IdPart): number {
  if (typeof part === 'number' && typeof base === 'number') return lpIntBytes(part - base);
  const delta = BigInt.asIntN(64, BigInt(part) - BigInt(base));
  return delta >= -2147483648n && delta <= 2147483647n ? lpIntBytes(Number(delta)) : 10;
}

/** Encoded size (including back-length) of a string element of `len` bytes. */
function lpStrBytes(len: number): number {
  const enc = len <= 63 ? 1 + len : len <= 4095 ? 2 + len : 5 + len;
  return enc + backlenBytes(enc);
}

const I64_MIN = -9223372036854775808n;
const I64_MAX = 9223372036854775807n;

/**
 * Encoded size of a string value. Listpacks store strings that look like canonical 64-bit integers
 * ("0", "-12", never "012" or "+1") as integers.
 */
export function lpValueBytes(s: string): number {
  const n = s.length;
  let numeric = n > 0 && n <= 20;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128) {
      numeric = false;
      break;
    }
    if (numeric && !(c >= 48 && c <= 57) && !(c === 45 && i === 0)) numeric = false;
  }
  if (numeric) {
    const neg = s.charCodeAt(0) === 45;
    const first = neg ? 1 : 0;
    const canonical =
      n > first && (s.charCodeAt(first) !== 48 ? true : n === 1);
    if (canonical) {
      if (n <= 15) return lpIntBytes(Number(s));
      const big = BigInt(s);
      if (big >= I64_MIN && big <= I64_MAX) return lpIntBytes(Number(big));
    }
  }
  return lpStrBytes(n);
}

/** Raw byte length of a string as Redis sees it: the model's strings are bytes (src/redis/bytes.ts). */
export function byteLength(s: string): number {
  return s.length;
}
