/**
 * Unit tests for stream ID parsing, formatting and ordering (src/redis/model/ids.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ERR_INVALID_ID,
  ERR_UNSUPPORTED_ID,
  MAX_ID,
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
  it('prints both parts in decimal, UINT64_MAX for Infinity', () => {
    expect(formatId(0, 0)).toBe('0-0');
    expect(formatId(1700000000000, 5)).toBe('1700000000000-5');
    expect(formatId(SAFE, SAFE)).toBe('9007199254740991-9007199254740991');
    expect(formatId(Infinity, Infinity)).toBe(`${U64_MAX}-${U64_MAX}`);
  });
});

describe('parseId', () => {
  it('reads ms-seq and fills a missing sequence with the given default', () => {
    expect(parseId('1700000000000-5', 0, true)).toEqual({ ms: 1700000000000, seq: 5, seqGiven: true });
    expect(parseId('7', 0, true)).toMatchObject({ ms: 7, seq: 0 });
    expect(parseId('7', Infinity, false)).toMatchObject({ ms: 7, seq: Infinity });
  });

  it('accepts - and + only when not strict', () => {
    expect(parseId('-', 0, false)).toMatchObject({ ms: 0, seq: 0 });
    expect(parseId('+', 0, false)).toMatchObject({ ms: Infinity, seq: Infinity });
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

  it('rejects exact values it cannot represent, except the maximal ID', () => {
    expect(parseId(`${U64_MAX}-${U64_MAX}`, 0, true)).toMatchObject({ ms: Infinity, seq: Infinity });
    expect(parseId(U64_MAX, Infinity, true)).toMatchObject({ ms: Infinity, seq: Infinity });
    for (const big of ['9007199254740992-0', '1-9007199254740992', `${U64_MAX}-0`, `5-${U64_MAX}`, '5--05']) {
      expect(() => parseId(big, 0, true), big).toThrow(ERR_UNSUPPORTED_ID);
      expect(() => tryParseId(big, 0, true), big).toThrow(ERR_UNSUPPORTED_ID);
    }
    expect(() => parseId(U64_MAX, 0, true)).toThrow(ERR_UNSUPPORTED_ID);
    expect(parseId(`${SAFE}-${SAFE}`, 0, true)).toMatchObject({ ms: SAFE, seq: SAFE });
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
    expect(() => parseXaddId(`${U64_MAX}-*`)).toThrow(ERR_UNSUPPORTED_ID);
  });
});

describe('ordering', () => {
  it('compares ms first, then seq, with the maximal ID above everything', () => {
    expect(compareIds({ ms: 1, seq: 9 }, { ms: 2, seq: 0 })).toBe(-1);
    expect(compareIds({ ms: 2, seq: 1 }, { ms: 2, seq: 0 })).toBe(1);
    expect(compareIds({ ms: 2, seq: 1 }, { ms: 2, seq: 1 })).toBe(0);
    expect(compareIds({ ms: SAFE, seq: SAFE }, MAX_ID)).toBe(-1);
  });

  it('agrees with 128-bit integer order', () => {
    const id = fc.record({ ms: fc.integer({ min: 0, max: SAFE }), seq: fc.integer({ min: 0, max: SAFE }) });
    const big = (x: { ms: number; seq: number }): bigint => (BigInt(x.ms) << 64n) + BigInt(x.seq);
    fc.assert(
      fc.property(id, id, (a, b) => {
        const want = big(a) < big(b) ? -1 : big(a) > big(b) ? 1 : 0;
        expect(compareIds(a, b)).toBe(want);
      }),
    );
  });

  it('steps to successors and predecessors like streamIncrID/streamDecrID', () => {
    expect(incrId({ ms: 5, seq: 1 })).toEqual({ ms: 5, seq: 2 });
    expect(incrId({ ms: 5, seq: Infinity })).toEqual({ ms: 6, seq: 0 });
    expect(incrId(MAX_ID)).toBeNull();
    expect(decrId({ ms: 5, seq: 1 })).toEqual({ ms: 5, seq: 0 });
    expect(decrId({ ms: 5, seq: 0 })).toEqual({ ms: 4, seq: Infinity });
    expect(decrId({ ms: 0, seq: 0 })).toBeNull();
  });

  it('turns exclusive range bounds into inclusive ones', () => {
    expect(parseRangeStart('(5-1')).toEqual({ ms: 5, seq: 2 });
    expect(parseRangeStart('(5')).toEqual({ ms: 5, seq: 1 });
    expect(parseRangeEnd('(5-1')).toEqual({ ms: 5, seq: 0 });
    expect(parseRangeEnd('(5')).toMatchObject({ ms: 5, seq: Infinity });
    expect(parseRangeEnd('5')).toMatchObject({ ms: 5, seq: Infinity });
    expect(() => parseRangeStart(`(${U64_MAX}-${U64_MAX}`)).toThrow('ERR invalid start ID for the interval');
    expect(() => parseRangeEnd('(0-0')).toThrow('ERR invalid end ID for the interval');
    expect(() => parseRangeStart('(-')).toThrow(ERR_INVALID_ID);
    expect(() => parseRangeStart('(')).toThrow(ERR_INVALID_ID);
  });
});
