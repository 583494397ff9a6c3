/**
 * redis-semantics.md §6 (XCLAIM and XAUTOCLAIM), each case run on a real redis-server and on the
 * model. Idle times are set with XCLAIM IDLE/TIME rather than waited for, except where the case is
 * about real elapsed time.
 */
import { describe, it } from 'vitest';
import { STALE_MS, script, useDifferential } from '../support/differential.js';

const threeDelivered = `
  XADD s 1 a 1
  XADD s 2 b 2
  XADD s 3 c 3
  XGROUP CREATE s g 0
  XREADGROUP GROUP g a STREAMS s >
`;

describe('§6 claiming', () => {
  const d = useDifferential();
  const check = (text: string) => d.diff().check(script(text));

  describe('XCLAIM', () => {
    it('missing key or group is NOGROUP, before the min-idle check', () =>
      check(`
        XCLAIM missing g c 0 1
        XCLAIM missing g c x 1
        XADD s 1 f v
        XCLAIM s nope c 0 1
        XGROUP CREATE s g 0
        XCLAIM s g c x 1
        XCLAIM s g c 0
      `));

    it('IDs are read up to the first non-ID; everything after must be an option', () =>
      check(`
        ${threeDelivered}
        XCLAIM s g b -5 1 bad 2
        XCLAIM s g b 0 bad
        XCLAIM s g b 0 1 IDLE
        XCLAIM s g b 0 1 IDLE x
        XCLAIM s g b 0 1 TIME x
        XCLAIM s g b 0 1 RETRYCOUNT x
        XCLAIM s g b 0 1 LASTID bad
        XCLAIM s g b 0 1 LASTID -
        XCLAIM s g b 0 1 - 2
        XCLAIM s g b 0 1 (2
        XCLAIM s g b 0 FORCE
        XPENDING s g - + 10
      `));

    it('a negative min-idle is 0; a claim moves the record even to its current owner and bumps the count', () =>
      check(`
        ${threeDelivered}
        XCLAIM s g b -5 1
        XCLAIM s g a 0 2
        XCLAIM s g a 0 2 2
        XPENDING s g - + 10
        XINFO CONSUMERS s g
      `));

    it('entries idle less than min-idle are skipped; idle enough are claimed', () =>
      check(`
        ${threeDelivered}
        XCLAIM s g a 0 1 IDLE 10000
        XCLAIM s g b 5000 1 2 3
        XPENDING s g - + 10
        XCLAIM s g c 3600000 1 2 3
        XINFO CONSUMERS s g
      `));

    it('IDLE sets time to now-IDLE, TIME sets it absolutely; negative or future values mean now', () =>
      check(`
        ${threeDelivered}
        XCLAIM s g b 0 1 IDLE 500
        XCLAIM s g b 0 2 TIME 1000
        XCLAIM s g b 0 3 IDLE -10
        XPENDING s g - + 10
        XCLAIM s g b 0 1 TIME -5
        XCLAIM s g b 0 2 IDLE 99999999999999999
        XCLAIM s g b 0 3 TIME 99999999999999
        XPENDING s g - + 10
        XINFO STREAM s FULL
      `));

    it('RETRYCOUNT sets the count; JUSTID neither increments it nor returns fields', () =>
      check(`
        ${threeDelivered}
        XCLAIM s g b 0 1 RETRYCOUNT 7
        XCLAIM s g b 0 2 JUSTID
        XCLAIM s g b 0 3 JUSTID RETRYCOUNT 0
        XPENDING s g - + 10
        XCLAIM s g c 0 1 2 3 justid
        XPENDING s g - + 10
      `));

    it('an entry not in the PEL is ignored unless FORCE; FORCE skips min-idle and counts 1 (2 without JUSTID)', () =>
      check(`
        XADD s 1 f v
        XADD s 2 f v
        XADD s 3 f v
        XGROUP CREATE s g $
        XCLAIM s g a 0 1
        XCLAIM s g a 3600000 1 FORCE
        XCLAIM s g b 3600000 2 FORCE JUSTID
        XCLAIM s g b 0 99 FORCE
        XPENDING s g - + 10
        XINFO GROUPS s
      `));

    it('an ID whose entry was deleted or trimmed is purged from the PEL and left out of the reply', () =>
      check(`
        ${threeDelivered}
        XDEL s 2
        XTRIM s MINID 2
        XCLAIM s g b 0 1 2 3
        XPENDING s g - + 10
        XPENDING s g
        XREADGROUP GROUP g a STREAMS s 0
        XCLAIM s g b 0 2 FORCE
      `));

    it('LASTID raises last-delivered-id only upwards and leaves entries-read alone', () =>
      check(`
        ${threeDelivered}
        XCLAIM s g b 0 1 LASTID 50
        XINFO GROUPS s
        XCLAIM s g b 0 1 LASTID 10
        XINFO GROUPS s
        XCLAIM s g b 3600000 1 LASTID 60
        XINFO GROUPS s
      `));

    it('the consumer is created and refreshed when something is claimed (7.0) or by every call (7.2+)', () =>
      check(`
        ${threeDelivered}
        XCLAIM s g ghost 3600000 1 2 3
        XCLAIM s g ghost 0 99
        XINFO CONSUMERS s g
        SLEEP ${STALE_MS}
        XCLAIM s g b 0 1
        XINFO CONSUMERS s g
      `));

    it('repeating an ID claims it twice', () =>
      check(`
        ${threeDelivered}
        XCLAIM s g b 0 1 1
        XPENDING s g - + 10
      `));
  });

  describe('XAUTOCLAIM', () => {
    it('start is inclusive, accepts - and + and a ( prefix', () =>
      check(`
        ${threeDelivered}
        XAUTOCLAIM s g b 0 2 JUSTID
        XAUTOCLAIM s g c 0 (1 JUSTID
        XAUTOCLAIM s g d 0 - JUSTID
        XAUTOCLAIM s g e 0 + JUSTID
        XPENDING s g - + 10
      `));

    it('COUNT defaults to 100 and must be 1..LONG_MAX/16; option and argument errors', () =>
      check(`
        XAUTOCLAIM missing g c 0 0 COUNT 0
        XAUTOCLAIM missing g c 0 0 COUNT -1
        XAUTOCLAIM missing g c 0 0 COUNT x
        XAUTOCLAIM missing g c 0 0 COUNT 576460752303423488
        XAUTOCLAIM missing g c 0 0 COUNT 576460752303423487
        XAUTOCLAIM missing g c 0 0 COUNT
        XAUTOCLAIM missing g c 0 0 FOO
        XAUTOCLAIM missing g c x 0
        XAUTOCLAIM missing g c 0 bad
        XAUTOCLAIM missing g c 0 (18446744073709551615-18446744073709551615
        XAUTOCLAIM missing g c 0 0
        XADD s 1 f v
        XAUTOCLAIM s nope c 0 0
        XAUTOCLAIM s g c
      `));

    it('returns [cursor, claimed, deleted]; the cursor resumes where COUNT stopped', () => {
      const lines = Array.from({ length: 150 }, (_, i) => `XADD s ${i + 1} n ${i + 1}`).join('\n');
      return check(`
        ${lines}
        XGROUP CREATE s g 0
        XREADGROUP GROUP g a STREAMS s >
        XAUTOCLAIM s g b 0 0 COUNT 3
        XAUTOCLAIM s g b 0 4 COUNT 3 JUSTID
        XAUTOCLAIM s g b 0 0
        XAUTOCLAIM s g b 0 101 JUSTID
        XAUTOCLAIM s g b 0 150 JUSTID
        XPENDING s g
      `);
    });

    it('examines at most COUNT*10 records per call', () => {
      const lines = Array.from({ length: 60 }, (_, i) => `XADD s ${i + 1} n ${i + 1}`).join('\n');
      return check(`
        ${lines}
        XGROUP CREATE s g 0
        XREADGROUP GROUP g a COUNT 50 STREAMS s >
        XREADGROUP GROUP g a STREAMS s >
        XCLAIM s g a 0 55 56 57 58 59 60 IDLE 3600000 JUSTID
        XAUTOCLAIM s g b 1000000 0 COUNT 2 JUSTID
        XAUTOCLAIM s g b 1000000 21-0 COUNT 2 JUSTID
        XAUTOCLAIM s g b 1000000 41-0 COUNT 2 JUSTID
        XAUTOCLAIM s g b 1000000 51-0 COUNT 2 JUSTID
        XAUTOCLAIM s g b 1000000 0 COUNT 6 JUSTID
        XPENDING s g
      `);
    });

    it('deleted entries are purged, reported third, and count toward COUNT', () =>
      check(`
        XADD s 1 f v
        XADD s 2 f v
        XADD s 3 f v
        XADD s 4 f v
        XADD s 5 f v
        XGROUP CREATE s g 0
        XREADGROUP GROUP g a STREAMS s >
        XDEL s 1 2 4
        XAUTOCLAIM s g b 0 0 COUNT 2
        XPENDING s g
        XAUTOCLAIM s g b 0 0 COUNT 2 JUSTID
        XAUTOCLAIM s g b 0 0 COUNT 2 JUSTID
        XPENDING s g - + 10
      `));

    it('skips records idle less than min-idle; claims to the same owner; count +1 unless JUSTID', () =>
      check(`
        ${threeDelivered}
        XCLAIM s g a 0 2 IDLE 20000 JUSTID
        XAUTOCLAIM s g a 10000 0
        XPENDING s g - + 10
        XAUTOCLAIM s g b 0 0 JUSTID
        XPENDING s g - + 10
      `));

    it('the consumer is created and refreshed when something is claimed (7.0) or by every call (7.2+)', () =>
      check(`
        ${threeDelivered}
        XAUTOCLAIM s g ghost 3600000 0
        XINFO CONSUMERS s g
        SLEEP ${STALE_MS}
        XAUTOCLAIM s g a 0 0 COUNT 1
        XINFO CONSUMERS s g
      `));
  });
});
