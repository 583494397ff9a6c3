/**
 * redis-semantics.md §3 (XREADGROUP: arguments, `>` reads, history reads, consumer creation per version),
 * each case run on a real redis-server and on the model. Blocking is in blocking.diff.test.ts.
 */
import { describe, it } from 'vitest';
import { STALE_MS, script, useDifferential } from '../support/differential.js';

describe('§3 XREADGROUP', () => {
  const d = useDifferential();
  const check = (text: string) => d.diff().check(script(text));

  describe('arguments', () => {
    it('$ is an error; > and history IDs are accepted; - + and ( are not IDs here', () =>
      check(`
        XGROUP CREATE s g $ MKSTREAM
        XREADGROUP GROUP g c STREAMS s $
        XREADGROUP GROUP g c STREAMS s >
        XREADGROUP GROUP g c STREAMS s 0
        XREADGROUP GROUP g c STREAMS s -
        XREADGROUP GROUP g c STREAMS s +
        XREADGROUP GROUP g c STREAMS s (0
        XREADGROUP GROUP g c STREAMS s bad
      `));

    it('missing key or group is NOGROUP, checked stream by stream before serving', () =>
      check(`
        XADD s 1 f v
        XGROUP CREATE s g 0
        XREADGROUP GROUP g c STREAMS missing >
        XREADGROUP GROUP nope c STREAMS s >
        XREADGROUP GROUP g c STREAMS s missing > >
        XREADGROUP GROUP g c STREAMS s missing 0 >
        XREADGROUP GROUP g c STREAMS s s bad >
        XPENDING s g
        XINFO CONSUMERS s g
      `));

    it('COUNT absent or 0 is unlimited, negative COUNT is 0; repeated options: last wins', () =>
      check(`
        XADD s 1 f v
        XADD s 2 f v
        XADD s 3 f v
        XADD s 4 f v
        XGROUP CREATE s g 0
        XREADGROUP GROUP g c COUNT -1 STREAMS s >
        XGROUP SETID s g 0
        XREADGROUP GROUP g c COUNT 0 STREAMS s >
        XGROUP SETID s g 0
        XREADGROUP GROUP g c COUNT 1 COUNT 3 STREAMS s >
        XREADGROUP GROUP g c STREAMS s >
        XREADGROUP GROUP g c COUNT 2 STREAMS s 0
        XREADGROUP GROUP g c COUNT 0 STREAMS s 0
        XREADGROUP GROUP g c GROUP g2 c2 STREAMS s >
      `));

    it('BLOCK and COUNT must be integers; negative BLOCK is an error; other syntax errors', () =>
      check(`
        XGROUP CREATE s g $ MKSTREAM
        XREADGROUP GROUP g c COUNT x STREAMS s >
        XREADGROUP GROUP g c BLOCK x STREAMS s >
        XREADGROUP GROUP g c BLOCK -1 STREAMS s >
        XREADGROUP GROUP g c BLOCK 9223372036854775808 STREAMS s 0
        XREADGROUP GROUP g c BLOCK 9223372036854775807 STREAMS s 0
        XREADGROUP GROUP g c FOO STREAMS s >
        XREADGROUP GROUP g c STREAMS s > >
        XREADGROUP GROUP g c STREAMS s
        XREADGROUP GROUP g STREAMS s >
        XREADGROUP COUNT 1 STREAMS s >
        XREADGROUP COUNT 1 NOACK STREAMS s >
        XREADGROUP GROUP g c COUNT 1 FOO 1 2
        XREADGROUP GROUP g c STREAMS s 0 STREAMS
        XREADGROUP GROUP g c STREAMS STREAMS s
        XREADGROUP GROUP g c NOACK NOACK STREAMS s 0
        xreadgroup group g c streams s 0
      `));
  });

  describe('> (new entries)', () => {
    it('is served when the last live entry is above last-delivered-id, else replies nil', () =>
      check(`
        XADD s 1 f v
        XGROUP CREATE s g $
        XREADGROUP GROUP g c STREAMS s >
        XADD s 2 f v
        XADD s 3 f v
        XDEL s 3
        XREADGROUP GROUP g c STREAMS s >
        XREADGROUP GROUP g c STREAMS s >
        XADD s 4 f v
        XDEL s 4
        XREADGROUP GROUP g c STREAMS s >
        XINFO GROUPS s
      `));

    it('delivers in order up to COUNT, advancing last-delivered-id and entries-read, creating NACKs', () =>
      check(`
        XADD s 1 a 1
        XADD s 2 b 2
        XADD s 3 c 3
        XGROUP CREATE s g 0 ENTRIESREAD 0
        XREADGROUP GROUP g c COUNT 2 STREAMS s >
        XINFO GROUPS s
        XPENDING s g - + 10
        XREADGROUP GROUP g d STREAMS s >
        XINFO GROUPS s
        XPENDING s g
      `));

    it('entries-read is estimated when unknown and re-estimated around tombstones', () =>
      check(`
        XADD s 1 f v
        XADD s 2 f v
        XADD s 3 f v
        XADD s 4 f v
        XADD s 5 f v
        XGROUP CREATE s g 0
        XGROUP CREATE s h 0 ENTRIESREAD 0
        XDEL s 3
        XREADGROUP GROUP g c COUNT 1 STREAMS s >
        XREADGROUP GROUP h c COUNT 1 STREAMS s >
        XINFO GROUPS s
        XREADGROUP GROUP g c COUNT 1 STREAMS s >
        XREADGROUP GROUP h c COUNT 1 STREAMS s >
        XINFO GROUPS s
        XREADGROUP GROUP g c COUNT 1 STREAMS s >
        XREADGROUP GROUP h c COUNT 1 STREAMS s >
        XINFO GROUPS s
        XREADGROUP GROUP g c STREAMS s >
        XREADGROUP GROUP h c STREAMS s >
        XINFO GROUPS s
      `));

    it('several streams: each served one appears, unserved ones are left out', () =>
      check(`
        XADD s 1 a 1
        XADD s 2 b 2
        XADD t 1 x y
        XGROUP CREATE s g 0
        XGROUP CREATE t g 0
        XREADGROUP GROUP g c COUNT 1 STREAMS s t > >
        XREADGROUP GROUP g c STREAMS s t 0 0
        XREADGROUP GROUP g c STREAMS s t > >
        XREADGROUP GROUP g c STREAMS s t > >
        XREADGROUP GROUP g c STREAMS s s 0 >
        XREADGROUP GROUP g c STREAMS t s > 0
      `));

    it('an entry already pending (after a SETID rewind) is moved to the reader with count 1', () =>
      check(`
        XADD s 1 f v
        XADD s 2 f v
        XGROUP CREATE s g 0
        XREADGROUP GROUP g a STREAMS s >
        XREADGROUP GROUP g a STREAMS s 0
        XREADGROUP GROUP g a STREAMS s 0
        XGROUP SETID s g 0
        XREADGROUP GROUP g b COUNT 1 STREAMS s >
        XPENDING s g - + 10
        XPENDING s g
      `));

    it('an entry XCLAIM FORCE made pending before delivery is taken over by >', () =>
      check(`
        XADD s 1 f v
        XADD s 2 f v
        XGROUP CREATE s g $
        XCLAIM s g a 0 1 FORCE JUSTID
        XPENDING s g - + 10
        XGROUP SETID s g 0
        XREADGROUP GROUP g b STREAMS s >
        XPENDING s g - + 10
        XINFO CONSUMERS s g
      `));

    it('NOACK: no PEL records, but last-delivered-id, entries-read and the consumer still move', () =>
      check(`
        XADD s 1 f v
        XADD s 2 f v
        XGROUP CREATE s g 0
        XREADGROUP GROUP g c NOACK STREAMS s >
        XPENDING s g
        XINFO GROUPS s
        XINFO CONSUMERS s g
        XGROUP SETID s g 0
        XREADGROUP GROUP g c COUNT 1 STREAMS s >
        XGROUP SETID s g 0
        XREADGROUP GROUP g d NOACK STREAMS s >
        XPENDING s g - + 10
      `));

    it('an explicit maximal ID behaves like >', () =>
      check(`
        XADD s 1 f v
        XGROUP CREATE s g 0
        XREADGROUP GROUP g c STREAMS s >
        XREADGROUP GROUP g c STREAMS s 18446744073709551615-18446744073709551615
        XADD s 2 f v
        XREADGROUP GROUP g c STREAMS s 18446744073709551615-18446744073709551615
      `));
  });

  describe('history (explicit ID)', () => {
    it("returns only the consumer's own PEL above the ID, ascending, up to COUNT", () =>
      check(`
        XADD s 1 a 1
        XADD s 2 b 2
        XADD s 3 c 3
        XADD s 4 d 4
        XGROUP CREATE s g 0
        XREADGROUP GROUP g a COUNT 2 STREAMS s >
        XREADGROUP GROUP g b STREAMS s >
        XREADGROUP GROUP g a STREAMS s 0
        XREADGROUP GROUP g a STREAMS s 1
        XREADGROUP GROUP g a STREAMS s 1-0
        XREADGROUP GROUP g b COUNT 1 STREAMS s 0
        XREADGROUP GROUP g b STREAMS s 3-5
        XREADGROUP GROUP g b STREAMS s 0-0
      `));

    it('counts as a delivery: count +1 and idle reset for every returned live entry', () =>
      check(`
        XADD s 1 f v
        XADD s 2 f v
        XGROUP CREATE s g 0
        XREADGROUP GROUP g a STREAMS s >
        SLEEP ${STALE_MS}
        XPENDING s g - + 10
        XREADGROUP GROUP g a COUNT 1 STREAMS s 0
        XPENDING s g - + 10
        XREADGROUP GROUP g a STREAMS s 0
        XPENDING s g - + 10
      `));

    it('deleted entries come back as [id, nil], unchanged and still pending', () =>
      check(`
        XADD s 1 f v
        XADD s 2 f v
        XADD s 3 f v
        XGROUP CREATE s g 0
        XREADGROUP GROUP g a STREAMS s >
        XDEL s 2
        XTRIM s MINID 2
        XREADGROUP GROUP g a STREAMS s 0
        XPENDING s g - + 10
        XREADGROUP GROUP g a STREAMS s 0
        XPENDING s g
      `));

    it('BLOCK and NOACK are ignored; last-delivered-id and entries-read do not move', () =>
      check(`
        XADD s 1 f v
        XADD s 2 f v
        XGROUP CREATE s g 0
        XREADGROUP GROUP g a COUNT 1 STREAMS s >
        XREADGROUP GROUP g a BLOCK 0 STREAMS s 0
        XREADGROUP GROUP g a BLOCK 0 NOACK STREAMS s 0
        XREADGROUP GROUP g b BLOCK 0 STREAMS s 0
        XPENDING s g - + 10
        XINFO GROUPS s
      `));

    it('an empty history replies [[key, []]], not nil', () =>
      check(`
        XGROUP CREATE s g $ MKSTREAM
        XREADGROUP GROUP g c STREAMS s 0
        XADD s 1 f v
        XREADGROUP GROUP g c STREAMS s 5
      `));
  });

  describe('consumer creation, seen-time (idle) and active-time (inactive, 7.2+)', () => {
    it('a history read creates the consumer, even when empty', () =>
      check(`
        XGROUP CREATE s g $ MKSTREAM
        XREADGROUP GROUP g h STREAMS s 0
        XINFO CONSUMERS s g
      `));

    it('a > read returning nil: 7.0 neither creates nor refreshes the consumer, 7.2+ creates it and refreshes idle only', () =>
      check(`
        XADD s 1 f v
        XGROUP CREATE s g $
        XREADGROUP GROUP g ghost STREAMS s >
        XINFO CONSUMERS s g
        XINFO GROUPS s
        XGROUP CREATE s h 0
        XREADGROUP GROUP h c STREAMS s >
        SLEEP ${STALE_MS}
        XREADGROUP GROUP h c STREAMS s >
        XINFO CONSUMERS s h
      `));

    it('a > read with data creates the consumer and refreshes its seen-time', () =>
      check(`
        XADD s 1 f v
        XGROUP CREATE s g 0
        XGROUP CREATECONSUMER s g c
        SLEEP ${STALE_MS}
        XINFO CONSUMERS s g
        XREADGROUP GROUP g c STREAMS s >
        XINFO CONSUMERS s g
        XREADGROUP GROUP g d STREAMS s 0
        SLEEP ${STALE_MS}
        XREADGROUP GROUP g d STREAMS s 0
        XINFO CONSUMERS s g
      `));
  });
});
