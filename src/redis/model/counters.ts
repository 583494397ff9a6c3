/**
 * Redis's 64-bit stream counters (`entries_added`, a group's `entries_read`, a NACK's
 * `delivery_count`, the lag between them), exact and wrapping as the C types do.
 *
 * A {@link Counter} is a JS number while its magnitude is at most 2^53-1, which is every value a
 * simulation reaches by counting, and a bigint beyond: only `XSETID … ENTRIESADDED`, `XGROUP …
 * ENTRIESREAD` and `XCLAIM … RETRYCOUNT` can put one there. The representation is canonical, so
 * `===` compares counters of either kind. Redis replies with every counter as a signed 64-bit
 * integer (`addReplyLongLong`); {@link counterReply} gives that value.
 */
import { ERR_NOT_INTEGER } from './args.js';
import { RedisReplyError } from './types.js';

/** A 64-bit integer: a number within ±(2^53-1), a bigint beyond. */
export type Counter = number | bigint;

const SAFE_MAX = BigInt(Number.MAX_SAFE_INTEGER);
const I64_MIN = -9223372036854775808n;
const I64_MAX = 9223372036854775807n;

/** The canonical counter for an exact value. */
export function counterOf(v: bigint): Counter {
  return v > SAFE_MAX || v < -SAFE_MAX ? v : Number(v);
}

function big(c: Counter): bigint {
  return typeof c === 'number' ? BigInt(c) : c;
}

/** `c + 1` in unsigned 64-bit arithmetic (`entries_added`, `delivery_count`). */
export function incrU64(c: Counter): Counter {
  if (typeof c === 'number' && c < Number.MAX_SAFE_INTEGER) return c + 1;
  return counterOf(BigInt.asUintN(64, big(c) + 1n));
}

/** `c + 1` in signed 64-bit arithmetic (`entries_read`), wrapping as the C code does in practice. */
export function incrI64(c: Counter): Counter {
  if (typeof c === 'number' && c < Number.MAX_SAFE_INTEGER) return c + 1;
  return counterOf(BigInt.asIntN(64, big(c) + 1n));
}

/** `(long long)(a - b)`: a difference of 64-bit counters as Redis computes and replies with it. */
export function subI64(a: Counter, b: Counter): Counter {
  if (typeof a === 'number' && typeof b === 'number') {
    const d = a - b;
    if (Number.isSafeInteger(d)) return d;
  }
  return counterOf(BigInt.asIntN(64, big(a) - big(b)));
}

/** A counter as Redis sends it: its value read as a signed 64-bit integer (`addReplyLongLong`). */
export function counterReply(c: Counter): Counter {
  if (typeof c === 'number') return c;
  return counterOf(BigInt.asIntN(64, c));
}

/**
 * Parses a signed 64-bit integer argument exactly, like Redis's `getLongLongFromObjectOrReply`
 * (no blanks, no `+`, no leading zeros).
 * @throws RedisReplyError with `message` when it does not parse.
 */
export function counterArg(text: string, message: string = ERR_NOT_INTEGER): Counter {
  if (!/^(?:0|-?[1-9][0-9]{0,18})$/.test(text)) throw new RedisReplyError(message);
  const v = BigInt(text);
  if (v < I64_MIN || v > I64_MAX) throw new RedisReplyError(message);
  return counterOf(v);
}
