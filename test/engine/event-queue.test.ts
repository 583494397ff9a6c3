import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../src/engine/event-queue.js';
import { nth } from '../support/items.js';

interface Item {
  cancelled: boolean;
  time: number;
  priority: number;
  order: number;
}

describe('EventQueue', () => {
  it('pops in (time, priority, insertion) order for any input', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ time: fc.integer({ min: 0, max: 50 }), priority: fc.integer({ min: 0, max: 3 }), cancel: fc.boolean() }), {
          maxLength: 300,
        }),
        (specs) => {
          const queue = new EventQueue<Item>(2);
          const items = specs.map((s, order) => ({ cancelled: false, time: s.time, priority: s.priority, order }));
          for (const item of items) queue.push(item.time, item.priority, item);
          specs.forEach((s, i) => {
            if (s.cancel) nth(items, i).cancelled = true;
          });
          const expected = items
            .filter((i) => !i.cancelled)
            .sort((a, b) => a.time - b.time || a.priority - b.priority || a.order - b.order);
          const popped: Item[] = [];
          while (queue.peekTime() !== Infinity) {
            const time = queue.peekTime();
            const item = queue.pop() as Item;
            expect(item.time).toBe(time);
            popped.push(item);
          }
          expect(popped.map((i) => i.order)).toEqual(expected.map((i) => i.order));
          expect(queue.pop()).toBeUndefined();
        },
      ),
      { numRuns: 200 },
    );
  });
});
