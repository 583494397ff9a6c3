/**
 * redis-semantics.md §4 (XACK) and §5 (XPENDING summary and extended forms), each case run on a
 * real redis-server and on the model.
 */
import { describe, it } from 'vitest';
import { STALE_MS, script, useDifferential } from '../support/differential.js';

const threeDelivered = `
  XADD s 1 a 1
  XADD s 2 b 2
  XADD s 3 c 3
  XGROUP CREATE s g 0
  XREADGROUP GROUP g a COUNT 2 STREAMS s >
  XREADGROUP GROUP g b STREAMS s >
`;

describe('§4 XACK, §5 XPENDING', () => {
  const d = useDifferential();
  const check = (text: string) => d.diff().check(script(text));

  describe('§4 XACK', () => {
    it('counts the IDs found and removed; unknown, repeated and never-delivered IDs count 0', () =>
      check(`
        ${threeDelivered}
        XADD s 4 d 4
        XACK s g 1 1 4 99
        XACK s g 1
        XPENDING s g
        XPENDING s g - + 10 a
      `));

    it('a missing key or group replies 0, even with invalid IDs', () =>
      check(`
        XACK missing g 1
        XACK missing g bad
        XADD s 1 f v
        XACK s nope bad
      `));

    it('has no ownership check: any client acks an entry owned by another consumer', () =>
      check(`
        ${threeDelivered}
        XACK s g 3
        XPENDING s g
        XINFO CONSUMERS s g
      `));

    it('one invalid ID (including - and +) fails the whole command and acks nothing', () =>
      check(`
        ${threeDelivered}
        XACK s g 1 bad
        XACK s g 1 +
        XACK s g - 1
        XACK s g
        XPENDING s g
      `));

    it('deletes no entry, moves no last-delivered-id, refreshes no consumer; acking a deleted entry returns 1', () =>
      check(`
        ${threeDelivered}
        SLEEP ${STALE_MS}
        XDEL s 2
        XACK s g 1 2
        XRANGE s - +
        XINFO GROUPS s
        XINFO CONSUMERS s g
        XPENDING s g
      `));
  });

  describe('§5 XPENDING', () => {
    it('summary: total, smallest, greatest, consumers with pending entries (counts as strings), name order', () =>
      check(`
        XADD s 1 f v
        XADD s 2 f v
        XADD s 3 f v
        XADD s 4 f v
        XGROUP CREATE s g 0
        XREADGROUP GROUP g pod-b COUNT 1 STREAMS s >
        XREADGROUP GROUP g Pod-a COUNT 1 STREAMS s >
        XREADGROUP GROUP g pod-a10 COUNT 1 STREAMS s >
        XREADGROUP GROUP g pod-a2 COUNT 1 STREAMS s >
        XGROUP CREATECONSUMER s g idle-one
        XPENDING s g
        XACK s g 1
        XPENDING s g
      `));

    it('summary of an empty PEL is [0, nil, nil, nil]', () =>
      check(`
        XGROUP CREATE s g $ MKSTREAM
        XPENDING s g
        XGROUP CREATECONSUMER s g c
        XPENDING s g
      `));

    it('extended: [id, owner, idle, count] in ID order within [start, end], exclusive bounds', () =>
      check(`
        ${threeDelivered}
        XPENDING s g - + 10
        XPENDING s g 2 2 10
        XPENDING s g - 2 10
        XPENDING s g (1 + 10
        XPENDING s g - (3 10
        XPENDING s g (1-0 (3-0 10
        XPENDING s g 3 1 10
        XPENDING s g - + 2
        XPENDING s g - + 10 b
        XPENDING s g - + 1 a
      `));

    it('count <= 0 and unknown consumers give []', () =>
      check(`
        ${threeDelivered}
        XPENDING s g - + 0
        XPENDING s g - + -3
        XPENDING s g - + 10 nobody
        XINFO CONSUMERS s g
      `));

    it('argument errors; a missing key or group is NOGROUP after the argument checks', () =>
      check(`
        ${threeDelivered}
        XPENDING s g - +
        XPENDING s g IDLE 0 - +
        XPENDING s g idle x - +
        XPENDING s g idle x - + 10
        XPENDING s g - + x
        XPENDING s g bad + x
        XPENDING s g bad + 10
        XPENDING s g - bad 10
        XPENDING s g (- + 10
        XPENDING s g - (0-0 10
        XPENDING s g (18446744073709551615-18446744073709551615 + 10
        XPENDING s g - + 10 a e1 e2 e3
        XPENDING missing g - + 10
        XPENDING missing g
        XPENDING s nope
        XPENDING missing g bad + 10
      `));

    it('a consumer argument is followed by ignored extra arguments (up to 9 in all)', () =>
      check(`
        ${threeDelivered}
        XPENDING s g - + 10 a extra
        XPENDING s g - + 10 a extra extra2
        XPENDING s g IDLE 0 - + 10 a
      `));

    it('IDLE keeps entries idle at least that long', () =>
      check(`
        ${threeDelivered}
        XCLAIM s g a 0 1 IDLE 5000
        XCLAIM s g b 0 3 IDLE 60000
        XPENDING s g IDLE 5000 - + 10
        XPENDING s g IDLE 59000 - + 10
        XPENDING s g IDLE 600000 - + 10
        XPENDING s g IDLE 0 - + 10 b
      `));

    it('idle is time since the last delivery: XPENDING and XACK of other IDs do not reset it', () =>
      check(`
        ${threeDelivered}
        SLEEP ${STALE_MS}
        XPENDING s g - + 10
        XACK s g 2
        XPENDING s g - + 10
        XREADGROUP GROUP g a STREAMS s 0
        XPENDING s g - + 10
      `));

    it('idle is clamped at 0 (a TIME in the future is replaced by now)', () =>
      check(`
        ${threeDelivered}
        XCLAIM s g a 0 1 TIME 99999999999999
        XPENDING s g - + 10
      `));

    it('never creates or refreshes consumers', () =>
      check(`
        ${threeDelivered}
        SLEEP ${STALE_MS}
        XPENDING s g - + 10 a
        XPENDING s g - + 10 ghost
        XPENDING s g IDLE 0 - + 10 ghost
        XINFO CONSUMERS s g
      `));
  });
});
