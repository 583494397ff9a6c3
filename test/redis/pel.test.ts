/**
 * Unit tests for PEL ordering (src/redis/model/pel.ts) and PEL ownership moves (group.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Group } from '../../src/redis/model/group.js';
import { MIN_ID, formatId } from '../../src/redis/model/ids.js';
import { Nack, Pel } from '../../src/redis/model/pel.js';
import { Entry, Stream } from '../../src/redis/model/stream.js';

const entry = (ms: number, seq: number): Entry => new Entry(ms, seq, formatId(ms, seq), ['f', 'v']);
const nack = (ms: number, seq: number): Nack => new Nack(entry(ms, seq), 0, 1, null);
const ids = (pel: Pel): string[] => pel.items.map((n) => n.entry.id);

describe('Pel', () => {
  it('keeps records sorted by ID whatever the insertion order', () => {
    const pel = new Pel();
    for (const [ms, seq] of [
      [5, 0],
      [1, 2],
      [9, 0],
      [1, 1],
      [5, 3],
    ] as const) {
      pel.insert(nack(ms, seq));
    }
    expect(ids(pel)).toEqual(['1-1', '1-2', '5-0', '5-3', '9-0']);
    expect(pel.indexOf(5, 3)).toBe(3);
    expect(pel.indexOf(5, 1)).toBe(-1);
    expect(pel.lowerBound(5, 1)).toBe(3);
    expect(pel.lowerBound(0, 0)).toBe(0);
    expect(pel.lowerBound(10, 0)).toBe(5);
    pel.remove(nack(1, 1));
    pel.removeAt(pel.indexOf(5, 3));
    expect(ids(pel)).toEqual(['1-2', '5-0', '9-0']);
  });

  it('matches a reference sorted set under random inserts and removals', () => {
    const op = fc.record({
      add: fc.boolean(),
      ms: fc.integer({ min: 0, max: 20 }),
      seq: fc.integer({ min: 0, max: 3 }),
    });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const pel = new Pel();
        const ref = new Map<string, [number, number]>();
        for (const o of ops) {
          const key = formatId(o.ms, o.seq);
          if (o.add && !ref.has(key)) {
            pel.insert(nack(o.ms, o.seq));
            ref.set(key, [o.ms, o.seq]);
          } else if (!o.add) {
            pel.remove(nack(o.ms, o.seq));
            ref.delete(key);
          }
        }
        const want = [...ref.values()]
          .sort((a, b) => a[0] - b[0] || a[1] - b[1])
          .map(([ms, seq]) => formatId(ms, seq));
        expect(ids(pel)).toEqual(want);
      }),
    );
  });
});

describe('Group PEL ownership', () => {
  it('holds one record per ID, shared by the group PEL and exactly one consumer PEL', () => {
    const s = new Stream();
    const e1 = s.append(1, 0, ['f', 'v']);
    const e2 = s.append(2, 0, ['f', 'v']);
    const g = new Group('g', MIN_ID, 0);
    const a = g.touchConsumer('a', 10);
    const b = g.touchConsumer('b', 10);
    g.deliver(s, e1, a, 10, false);
    g.deliver(s, e2, a, 11, false);
    const n = g.pel.items[0] as Nack;
    g.assign(n, b);
    expect(ids(g.pel)).toEqual(['1-0', '2-0']);
    expect(ids(a.pel)).toEqual(['2-0']);
    expect(ids(b.pel)).toEqual(['1-0']);
    expect(b.pel.items[0]).toBe(n);
    expect(g.ack(1, 0)).toBe(true);
    expect(g.ack(1, 0)).toBe(false);
    expect(ids(b.pel)).toEqual([]);
    expect(g.deleteConsumer('a')).toBe(1);
    expect(g.pel.size).toBe(0);
    expect(g.lastId).toBe(e2);
    expect(g.entriesRead).toBe(2);
  });
});
