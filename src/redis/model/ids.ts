/**
 * Stream IDs: parsing, formatting and ordering.
 *
 * Redis IDs are two unsigned 64-bit integers. pelsim keeps both parts as JS numbers, which are exact
 * up to 2^53-1 (Number.MAX_SAFE_INTEGER); that covers every millisecond timestamp and any realistic
 * sequence. The value 2^64-1 (UINT64_MAX) is represented as `Infinity`, so that the maximal ID
 * `18446744073709551615-18446744073709551615` (what `+` means, what `XGROUP SETID … +` stores) and
 * the implied sequence of a range end written without one (`XRANGE k - 5` means `5-18446744073709551615`)
 * compare and format exactly. Any other ID with a part above 2^53-1 is rejected with
 * {@link ERR_UNSUPPORTED_ID} rather than silently rounded.
 */
import { RedisReplyError } from './types.js';

/** A stream ID. `Infinity` in either part stands for UINT64_MAX. */
export interface StreamId {
  readonly ms: number;
  readonly seq: number;
}

/** `0-0`. */
export const MIN_ID: StreamId = Object.freeze({ ms: 0, seq: 0 });
/** `18446744073709551615-18446744073709551615`, the largest ID Redis can represent. */
export const MAX_ID: StreamId = Object.freeze({ ms: Infinity, seq: Infinity });

const U64_MAX_TEXT = '18446744073709551615';
const U64_MAX = 18446744073709551615n;
const SAFE_MAX = BigInt(Number.MAX_SAFE_INTEGER);
const I64_MAX = 9223372036854775807n;

/** Redis's message for anything that does not parse as an ID. */
export const ERR_INVALID_ID = 'ERR Invalid stream ID specified as stream command argument';
/** pelsim's message for IDs it cannot represent exactly (a part above 2^53-1 other than the maximal ID). */
export const ERR_UNSUPPORTED_ID = 'ERR unsupported in pelsim: stream IDs above 2^53-1';

/** Three-way comparison in ID order. */
export function compareIds(a: StreamId, b: StreamId): number {
  if (a.ms !== b.ms) return a.ms < b.ms ? -1 : 1;
  if (a.seq !== b.seq) return a.seq < b.seq ? -1 : 1;
  return 0;
}

/** Formats one ID part; `Infinity` prints as UINT64_MAX. */
function formatPart(n: number): string {
  return n === Infinity ? U64_MAX_TEXT : String(n);
}

/** Formats an ID the way Redis replies with it, e.g. `1700000000000-3`. */
export function formatId(ms: number, seq: number): string {
  return formatPart(ms) + '-' + formatPart(seq);
}

/** True for `0-0`. */
export function isZeroId(id: StreamId): boolean {
  return id.ms === 0 && id.seq === 0;
}

/** True for the maximal ID. */
export function isMaxId(id: StreamId): boolean {
  return id.ms === Infinity && id.seq === Infinity;
}

/** The successor of `id`, or null when `id` is the maximal ID (Redis's `streamIncrID` failing). */
export function incrId(id: StreamId): StreamId | null {
  if (id.seq === Infinity) {
    if (id.ms === Infinity) return null;
    return { ms: id.ms + 1, seq: 0 };
  }
  return { ms: id.ms, seq: id.seq + 1 };
}

/**
 * The predecessor of `id`, or null for `0-0`. `x-UINT64_MAX` stays `x-UINT64_MAX`: no representable
 * entry has that sequence, so "≤ x-(UINT64_MAX-1)" and "≤ x-UINT64_MAX" select the same entries.
 */
export function decrId(id: StreamId): StreamId | null {
  if (id.seq === 0) {
    if (id.ms === 0) return null;
    return { ms: id.ms - 1, seq: Infinity };
  }
  return { ms: id.ms, seq: id.seq - 1 };
}

// Outcomes of parsing one ID part, besides a non-negative value.
const INVALID = -1;
const TOO_LARGE = -2;

/** Classifies an exact unsigned value. */
function fromBig(v: bigint): number {
  if (v === U64_MAX) return Infinity;
  if (v > SAFE_MAX) return TOO_LARGE;
  return Number(v);
}

const STRICT_INT = /^(?:0|-?[1-9][0-9]*)$/;
const STRTOULL = /^[ \t\n\v\f\r]*([+-]?)([0-9]+)$/;

/**
 * Parses one part the way Redis's `string2ull` does: first as a strict signed integer (negatives
 * rejected), then with `strtoull` leniency (leading blanks, a sign, leading zeros; a minus wraps).
 */
function parsePart(text: string): number {
  const n = text.length;
  if (n === 0) return INVALID;
  // Fast path: plain digits without a leading zero, small enough to be exact.
  if (n <= 15) {
    let v = 0;
    let i = 0;
    for (; i < n; i++) {
      const c = text.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      v = v * 10 + c;
    }
    if (i === n && (n === 1 || text.charCodeAt(0) !== 48)) return v;
  }
  if (STRICT_INT.test(text) && n <= 20) {
    if (text.charCodeAt(0) === 45) {
      // string2ll accepted a negative number: out of range for an unsigned part.
      if (BigInt(text) >= -I64_MAX - 1n) return INVALID;
    } else {
      const v = BigInt(text);
      if (v <= I64_MAX) return fromBig(v);
    }
  }
  const m = STRTOULL.exec(text);
  if (m === null) return INVALID;
  let v = BigInt(m[2] as string);
  if (v > U64_MAX) return INVALID;
  if (m[1] === '-' && v !== 0n) v = U64_MAX + 1n - v;
  return fromBig(v);
}

/** Result of parsing an XADD ID: `seqGiven` is false for `<ms>-*`. */
export interface XaddId extends StreamId {
  readonly seqGiven: boolean;
}

/**
 * Parses an ID argument.
 *
 * @param missingSeq sequence used when the text has no `-` (0 for starts, `Infinity` for range ends).
 * @param strict when true, `-` and `+` are rejected (Redis's `streamParseStrictIDOrReply`).
 * @throws RedisReplyError with {@link ERR_INVALID_ID} or {@link ERR_UNSUPPORTED_ID}.
 */
export function parseId(text: string, missingSeq: number, strict: boolean): StreamId {
  const id = parseGeneric(text, missingSeq, strict, false);
  if (id === null) throw new RedisReplyError(ERR_INVALID_ID);
  return id;
}

/**
 * Like {@link parseId} but returns null instead of throwing when the text is not an ID (XCLAIM
 * reads IDs up to the first token that is not one). Still throws {@link ERR_UNSUPPORTED_ID}.
 */
export function tryParseId(text: string, missingSeq: number, strict: boolean): StreamId | null {
  return parseGeneric(text, missingSeq, strict, false);
}

/** Parses XADD's explicit ID, which also accepts `<ms>-*`. */
export function parseXaddId(text: string): XaddId {
  const id = parseGeneric(text, 0, true, true);
  if (id === null) throw new RedisReplyError(ERR_INVALID_ID);
  return id;
}

function parseGeneric(text: string, missingSeq: number, strict: boolean, allowStarSeq: boolean): XaddId | null {
  if (text.length > 127) return null;
  if (text.length === 1) {
    if (text === '-') return strict ? null : { ms: 0, seq: 0, seqGiven: true };
    if (text === '+') return strict ? null : { ms: Infinity, seq: Infinity, seqGiven: true };
  }
  const dash = text.indexOf('-');
  let ms: number;
  let seq: number;
  let seqGiven = true;
  if (dash === -1) {
    ms = parsePart(text);
    seq = missingSeq;
  } else {
    ms = parsePart(text.slice(0, dash));
    const rest = text.slice(dash + 1);
    if (allowStarSeq && rest === '*') {
      seq = 0;
      seqGiven = false;
    } else {
      seq = parsePart(rest);
    }
  }
  if (ms === INVALID || seq === INVALID) return null;
  if (ms === TOO_LARGE || seq === TOO_LARGE) throw new RedisReplyError(ERR_UNSUPPORTED_ID);
  // UINT64_MAX is exact only as the maximal ID itself or as an implied range-end sequence.
  if (ms === Infinity && (seq !== Infinity || !seqGiven)) throw new RedisReplyError(ERR_UNSUPPORTED_ID);
  if (seq === Infinity && dash !== -1 && ms !== Infinity) throw new RedisReplyError(ERR_UNSUPPORTED_ID);
  return { ms, seq, seqGiven };
}

/**
 * Parses a range bound that may carry a `(` prefix (exclusive). Returns the inclusive bound after
 * stepping past the excluded ID, or throws Redis's interval errors.
 */
export function parseRangeStart(text: string): StreamId {
  if (text.length > 1 && text.charCodeAt(0) === 40) {
    const next = incrId(parseId(text.slice(1), 0, true));
    if (next === null) throw new RedisReplyError('ERR invalid start ID for the interval');
    return next;
  }
  return parseId(text, 0, false);
}

/** Like {@link parseRangeStart} for the end bound (missing sequence means UINT64_MAX). */
export function parseRangeEnd(text: string): StreamId {
  if (text.length > 1 && text.charCodeAt(0) === 40) {
    const prev = decrId(parseId(text.slice(1), Infinity, true));
    if (prev === null) throw new RedisReplyError('ERR invalid end ID for the interval');
    return prev;
  }
  return parseId(text, Infinity, false);
}
