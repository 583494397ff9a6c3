/**
 * Stream IDs: parsing, formatting and ordering, exact over Redis's full range (two unsigned 64-bit
 * parts, up to `18446744073709551615-18446744073709551615`).
 *
 * Each part is an {@link IdPart}: a JS number while it is at most 2^53-1 (every millisecond
 * timestamp and every realistic sequence, so the hot path stays on plain numbers) and a bigint
 * above. The representation is canonical (a value has exactly one form), so `===` is equality and
 * `<`/`>` order parts whatever mix of the two kinds they are; only arithmetic goes through the
 * helpers here.
 */
import { RedisReplyError } from './types.js';

/**
 * One part of a stream ID, an unsigned 64-bit integer: a number up to 2^53-1, a bigint above
 * (never a bigint for a value a number holds exactly).
 */
export type IdPart = number | bigint;

/** A stream ID. */
export interface StreamId {
  readonly ms: IdPart;
  readonly seq: IdPart;
}

/** UINT64_MAX, the largest value of either part. */
export const U64_MAX = 18446744073709551615n;

/** `0-0`. */
export const MIN_ID: StreamId = Object.freeze({ ms: 0, seq: 0 });
/** `18446744073709551615-18446744073709551615`, the largest ID Redis can represent. */
export const MAX_ID: StreamId = Object.freeze({ ms: U64_MAX, seq: U64_MAX });

const SAFE_MAX = BigInt(Number.MAX_SAFE_INTEGER);
const I64_MAX = 9223372036854775807n;

/** Redis's message for anything that does not parse as an ID. */
export const ERR_INVALID_ID = 'ERR Invalid stream ID specified as stream command argument';

/** The canonical part for an exact unsigned value (number when it fits, bigint above). */
export function partOf(v: bigint): IdPart {
  return v > SAFE_MAX ? v : Number(v);
}

/** `p + 1`; the caller makes sure `p` is below UINT64_MAX. */
export function incrPart(p: IdPart): IdPart {
  if (typeof p === 'number') return p < Number.MAX_SAFE_INTEGER ? p + 1 : BigInt(p) + 1n;
  return p + 1n;
}

/** `p - 1`; the caller makes sure `p` is above 0. */
export function decrPart(p: IdPart): IdPart {
  return typeof p === 'number' ? p - 1 : partOf(p - 1n);
}

/** Three-way comparison in ID order. */
export function compareIds(a: StreamId, b: StreamId): number {
  if (a.ms !== b.ms) return a.ms < b.ms ? -1 : 1;
  if (a.seq !== b.seq) return a.seq < b.seq ? -1 : 1;
  return 0;
}

/** Formats an ID the way Redis replies with it, e.g. `1700000000000-3`. */
export function formatId(ms: IdPart, seq: IdPart): string {
  return `${ms}-${seq}`;
}

/** True for `0-0`. */
export function isZeroId(id: StreamId): boolean {
  return id.ms === 0 && id.seq === 0;
}

/** True for the maximal ID. */
export function isMaxId(id: StreamId): boolean {
  return id.ms === U64_MAX && id.seq === U64_MAX;
}

/** The successor of `id`, or null when `id` is the maximal ID (Redis's `streamIncrID` failing). */
export function incrId(id: StreamId): StreamId | null {
  if (id.seq === U64_MAX) {
    if (id.ms === U64_MAX) return null;
    return { ms: incrPart(id.ms), seq: 0 };
  }
  return { ms: id.ms, seq: incrPart(id.seq) };
}

/** The predecessor of `id`, or null for `0-0` (Redis's `streamDecrID` failing). */
export function decrId(id: StreamId): StreamId | null {
  if (id.seq === 0) {
    if (id.ms === 0) return null;
    return { ms: decrPart(id.ms), seq: U64_MAX };
  }
  return { ms: id.ms, seq: decrPart(id.seq) };
}

/** Parsing outcome for text that is not an unsigned 64-bit integer. */
const INVALID = -1;

const STRICT_INT = /^(?:0|-?[1-9][0-9]*)$/;
const STRTOULL = /^[ \t\n\v\f\r]*([+-]?)([0-9]+)$/;

/**
 * Parses one part the way Redis's `string2ull` does: first as a strict signed integer (negatives
 * rejected), then with `strtoull` leniency (leading blanks, a sign, leading zeros; a minus wraps).
 * Returns {@link INVALID} when it does not parse.
 */
function parsePart(text: string): IdPart {
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
      if (v <= I64_MAX) return partOf(v);
    }
  }
  const m = STRTOULL.exec(text);
  if (m === null) return INVALID;
  let v = BigInt(m[2] as string);
  if (v > U64_MAX) return INVALID;
  if (m[1] === '-' && v !== 0n) v = U64_MAX + 1n - v;
  return partOf(v);
}

/** Result of parsing an XADD ID: `seqGiven` is false for `<ms>-*`. */
export interface XaddId extends StreamId {
  readonly seqGiven: boolean;
}

/**
 * Parses an ID argument.
 *
 * @param missingSeq sequence used when the text has no `-` (0 for starts, UINT64_MAX for range ends).
 * @param strict when true, `-` and `+` are rejected (Redis's `streamParseStrictIDOrReply`).
 * @throws RedisReplyError with {@link ERR_INVALID_ID}.
 */
export function parseId(text: string, missingSeq: IdPart, strict: boolean): StreamId {
  const id = parseGeneric(text, missingSeq, strict, false);
  if (id === null) throw new RedisReplyError(ERR_INVALID_ID);
  return id;
}

/** Like {@link parseId} but returns null when the text is not an ID (XCLAIM reads IDs up to the first non-ID). */
export function tryParseId(text: string, missingSeq: IdPart, strict: boolean): StreamId | null {
  return parseGeneric(text, missingSeq, strict, false);
}

/** Parses XADD's explicit ID, which also accepts `<ms>-*`. */
export function parseXaddId(text: string): XaddId {
  const id = parseGeneric(text, 0, true, true);
  if (id === null) throw new RedisReplyError(ERR_INVALID_ID);
  return id;
}

function parseGeneric(text: string, missingSeq: IdPart, strict: boolean, allowStarSeq: boolean): XaddId | null {
  if (text.length > 127) return null;
  if (text.length === 1) {
    if (text === '-') return strict ? null : { ms: 0, seq: 0, seqGiven: true };
    if (text === '+') return strict ? null : { ms: U64_MAX, seq: U64_MAX, seqGiven: true };
  }
  const dash = text.indexOf('-');
  let ms: IdPart;
  let seq: IdPart;
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
    const prev = decrId(parseId(text.slice(1), U64_MAX, true));
    if (prev === null) throw new RedisReplyError('ERR invalid end ID for the interval');
    return prev;
  }
  return parseId(text, U64_MAX, false);
}
