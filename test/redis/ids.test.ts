/**
 * Unit tests for stream ID parsing, formatting and ordering (src/redis/model/ids.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ERR_INVALID_ID,
  MAX_ID,
  U64_MAX as U64,
  compareIds,
  decrId,
  formatId,
  incrId,
  parseId,
  parseRangeEnd,
  parseRangeStart,
  parseXaddId,
  tryParseId,
} from '../../src/redis/model/ids.js';

const U64_MAX = '18446744073709551615';
const SAFE = Number.MAX_SAFE_INTEGER;

describe('formatId', () => {
  it('prints both parts in decimal, exactly over 64 bits', () => {
    expect(formatId(0, 0)).toBe('0-0');
    expect(formatId(1700000000000, 5)).toBe('1700000000000-5');
    expect(formatId(SAFE, SAFE)).toBe('9007199254740991-9007199254740991');
    expect(formatId(U64, U64)).toBe(`${U64_MAX}-${U64_MAX}`);
    expect(formatId(9007199254740992n, 1n << 63n)).toBe('9007199254740992-9223372036854775808');
  });
});

describe('parseId', () => {
  it('reads ms-seq and fills a missing sequence with the given default', () => {
    expect(parseId('1700000000000-5', 0, true)).toEqual({ ms: 1700000000000, seq: 5, seqGiven: true });
    expect(parseId('7', 0, true)).toMatchObject({ ms: 7, seq: 0 });
    expect(parseId('7', U64, false)).toMatchObject({ ms: 7, seq: U64 });
  });

  it('accepts - and + only when not strict', () => {
    expect(parseId('-', 0, false)).toMatchObject({ ms: 0, seq: 0 });
    expect(parseId('+', 0, false)).toMatchObject({ ms: U64, seq: U64 });
    expect(() => parseId('-', 0, true)).toThrow(ERR_INVALID_ID);
    expect(() => parseId('+', 0, true)).toThrow(ERR_INVALID_ID);
  });

  it("follows Redis's string2ull leniency", () => {
    expect(parseId(' 12', 0, true)).toMatchObject({ ms: 12, seq: 0 });
    expect(parseId('+13', 0, true)).toMatchObject({ ms: 13, seq: 0 });
    expect(parseId('014', 0, true)).toMatchObject({ ms: 14, seq: 0 });
    expect(parseId('16-\t5', 0, true)).toMatchObject({ ms: 16, seq: 5 });
    expect(parseId('18--0', 0, true)).toMatchObject({ ms: 18, seq: 0 });
  });

  it('rejects what Redis rejects', () => {
    for (const bad of ['', '-5', '5-', '1-2-3', '5--3', '12 ', '0x1', '1.0', '*', 'a', '9'.repeat(128)]) {
      expect(() => parseId(bad, 0, true), JSON.stringify(bad)).toThrow(ERR_INVALID_ID);
      expect(tryParseId(bad, 0, true)).toBeNull();
    }
    expect(() => parseId('18446744073709551616', 0, true)).toThrow(ERR_INVALID_ID);
  });

  it('reads every value up to UINT64_MAX exactly: numbers up to 2^53-1, bigints above', () => {
    expect(parseId(`${U64_MAX}-${U64_MAX}`, 0, true)).toMatchObject({ ms: U64, seq: U64 });
    expect(parseId(U64_MAX, U64, true)).toMatchObject({ ms: U64, seq: U64 });
    expect(parseId(U64_MAX, 0, true)).toMatchObject({ ms: U64, seq: 0 });
    expect(parseId('9007199254740992-0', 0, true)).toMatchObject({ ms: 9007199254740992n, seq: 0 });
    expect(parseId('1-9007199254740993', 0, true)).toMatchObject({ ms: 1, seq: 9007199254740993n });
    // strtoull wraps a minus sign: -05 is UINT64_MAX - 4.
    expect(parseId('5--05', 0, true)).toMatchObject({ ms: 5, seq: U64 - 4n });
    expect(parseId(`${SAFE}-${SAFE}`, 0, true)).toMatchObject({ ms: SAFE, seq: SAFE });
  });

  it('round-trips every ID over the full 64-bit range', () => {
    const part = fc.bigInt({ min: 0n, max: U64 });
    fc.assert(
      fc.property(part, part, (ms, seq) => {
        const id = parseId(`${ms}-${seq}`, 0, true);
        expect([BigInt(id.ms), BigInt(id.seq)]).toEqual([ms, seq]);
        // Canonical: a number exactly when the value fits one.
        expect(typeof id.ms).toBe(ms <= BigInt(SAFE) ? 'number' : 'bigint');
        expect(formatId(id.ms, id.seq)).toBe(`${ms}-${seq}`);
      }),
    );
  });

  it('round-trips every representable ID', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: SAFE }), fc.integer({ min: 0, max: SAFE }), (ms, seq) => {
        expect(parseId(formatId(ms, seq), 0, true)).toMatchObject({ ms, seq });
      }),
    );
  });
});

describe('parseXaddId', () => {
  it('accepts <ms>-* as "sequence not given"', () => {
    expect(parseXaddId('5-*')).toEqual({ ms: 5, seq: 0, seqGiven: false });
    expect(parseXaddId('5')).toEqual({ ms: 5, seq: 0, seqGiven: true });
    expect(() => parseXaddId('*-1')).toThrow(ERR_INVALID_ID);
    expect(parseXaddId(`${U64_MAX}-*`)).toEqual({ ms: U64, seq: 0, seqGiven: false });
  });
});

describe('ordering', () => {
  it('compares ms first, then seq, with the maximal ID above everything', () => {
    expect(compareIds({ ms: 1, seq: 9 }, { ms: 2, seq: 0 })).toBe(-1);
    expect(compareIds({ ms: 2, seq: 1 }, { ms: 2, seq: 0 })).toBe(1);
    expect(compareIds({ ms: 2, seq: 1 }, { ms: 2, seq: 1 })).toBe(0);
    expect(compareIds({ ms: SAFE, seq: SAFE }, MAX_ID)).toBe(-1);
  });

  it('agrees with 128-bit integer order over the full range, across numbers and bigints', () => {
    const part = fc.oneof(
      fc.bigInt({ min: 0n, max: U64 }),
      fc.bigInt({ min: BigInt(SAFE) - 3n, max: BigInt(SAFE) + 3n }),
      fc.bigInt({ min: 0n, max: 3n }),
    );
    const id = fc.record({ ms: part, seq: part });
    const big = (x: { ms: bigint; seq: bigint }): bigint => (x.ms << 64n) + x.seq;
    fc.assert(
      fc.property(id, id, (a, b) => {
        const want = big(a) < big(b) ? -1 : big(a) > big(b) ? 1 : 0;
        const pa = parseId(`${a.ms}-${a.seq}`, 0, true);
        const pb = parseId(`${b.ms}-${b.seq}`, 0, true);
        expect(compareIds(pa, pb)).toBe(want);
      }),
    );
  });

  it('steps to successors and predecessors like streamIncrID/streamDecrID', () => {
    expect(incrId({ ms: 5, seq: 1 })).toEqual({ ms: 5, seq: 2 });
    expect(incrId({ ms: 5, seq: U64 })).toEqual({ ms: 6, seq: 0 });
    expect(incrId({ ms: 5, seq: SAFE })).toEqual({ ms: 5, seq: BigInt(SAFE) + 1n });
    expect(incrId({ ms: U64 - 1n, seq: U64 })).toEqual({ ms: U64, seq: 0 });
    expect(incrId(MAX_ID)).toBeNull();
    expect(decrId({ ms: 5, seq: 1 })).toEqual({ ms: 5, seq: 0 });
    expect(decrId({ ms: 5, seq: 0 })).toEqual({ ms: 4, seq: U64 });
    expect(decrId({ ms: 5, seq: BigInt(SAFE) + 1n })).toEqual({ ms: 5, seq: SAFE });
    expect(decrId({ ms: 0, seq: 0 })).toBeNull();
  });

  it('turns exclusive range bounds into inclusive ones', () => {
    expect(parseRangeStart('(5-1')).toEqual({ ms: 5, seq: 2 });
    expect(parseRangeStart('(5')).toEqual({ ms: 5, seq: 1 });
    expect(parseRangeEnd('(5-1')).toEqual({ ms: 5, seq: 0 });
    expect(parseRangeEnd('(5')).toMatchObject({ ms: 5, seq: U64 - 1n });
    expect(parseRangeEnd('5')).toMatchObject({ ms: 5, seq: U64 });
    expect(() => parseRangeStart(`(${U64_MAX}-${U64_MAX}`)).toThrow('ERR invalid start ID for the interval');
    expect(() => parseRangeEnd('(0-0')).toThrow('ERR invalid end ID for the interval');
    expect(() => parseRangeStart('(-')).toThrow(ERR_INVALID_ID);
    expect(() => parseRangeStart('(')).toThrow(ERR_INVALID_ID);
  });
});
