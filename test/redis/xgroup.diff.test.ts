/**
 * redis-semantics.md §2 (XGROUP CREATE / CREATECONSUMER / DELCONSUMER / DESTROY / SETID), each case
 * run on a real redis-server and on the model.
 */
import { describe, it } from 'vitest';
import { STALE_MS, script, useDifferential } from '../support/differential.js';

describe('§2 XGROUP', () => {
  const d = useDifferential();
  const check = (text: string) => d.diff().check(script(text));

  describe('CREATE', () => {
    it('replies OK; a duplicate name is BUSYGROUP; a missing key needs MKSTREAM', () =>
      check(`
        XGROUP CREATE s g $
        XADD s 1 f v
        XGROUP CREATE s g $
        XGROUP CREATE s g 0
        XGROUP CREATE s g2 0
        XINFO GROUPS s
      `));

    it('MKSTREAM creates an empty stream; a bad ID with MKSTREAM creates nothing', () =>
      check(`
        XGROUP CREATE s g bad MKSTREAM
        XLEN s
        XINFO STREAM s
        XGROUP CREATE s g $ MKSTREAM
        XLEN s
        XINFO STREAM s
        XGROUP CREATE s g2 $ mkstream
        XINFO GROUPS s
      `));

    it('$ is the last generated ID, even when that entry was deleted', () =>
      check(`
        XADD s 1 f v
        XADD s 2 f v
        XDEL s 2
        XGROUP CREATE s g $
        XINFO GROUPS s
        XREADGROUP GROUP g c STREAMS s >
      `));

    it('0 delivers the whole stream; future IDs are accepted; - and + are rejected', () =>
      check(`
        XADD s 1 f v
        XADD s 2 f v
        XGROUP CREATE s all 0
        XGROUP CREATE s future 99-0
        XGROUP CREATE s minus -
        XGROUP CREATE s plus +
        XGROUP CREATE s max 18446744073709551615-18446744073709551615
        XREADGROUP GROUP all c STREAMS s >
        XREADGROUP GROUP future c STREAMS s >
        XINFO GROUPS s
      `));

    it('ENTRIESREAD: absent means nil even for $; must be >= 0 or -1', () =>
      check(`
        XADD s 1 f v
        XADD s 2 f v
        XGROUP CREATE s a $
        XGROUP CREATE s b $ ENTRIESREAD 2
        XGROUP CREATE s c 0 ENTRIESREAD 0
        XGROUP CREATE s d 0 ENTRIESREAD -1
        XGROUP CREATE s e 0 ENTRIESREAD -2
        XGROUP CREATE s e 0 ENTRIESREAD x
        XGROUP CREATE s e 0 ENTRIESREAD
        XGROUP CREATE s e 0 FOO
        XGROUP CREATE s e $ MKSTREAM ENTRIESREAD 5 MKSTREAM
        XINFO GROUPS s
      `));

    it('errors on a missing key come before ID and option checks', () =>
      check(`
        XGROUP CREATE missing g $
        XGROUP CREATE missing g bad
        XGROUP CREATE missing g $ ENTRIESREAD -2
        XGROUP CREATE missing g $ FOO
        XGROUP CREATE missing
      `));
  });

  describe('CREATECONSUMER', () => {
    it('replies 1 when created, 0 when it existed, and does not refresh an existing one', () =>
      check(`
        XGROUP CREATE s g $ MKSTREAM
        XGROUP CREATECONSUMER s g c
        SLEEP ${STALE_MS}
        XGROUP CREATECONSUMER s g c
        XINFO CONSUMERS s g
        XGROUP CREATECONSUMER s g d
        XINFO CONSUMERS s g
        XPENDING s g - + 10 c
      `));

    it('missing group is NOGROUP, missing key is the key error', () =>
      check(`
        XGROUP CREATE s g $ MKSTREAM
        XGROUP CREATECONSUMER s nope c
        XGROUP CREATECONSUMER missing g c
        XGROUP CREATECONSUMER s g c extra
      `));
  });

  describe('DELCONSUMER', () => {
    it('replies the pending count and drops those records from the group PEL', () =>
      check(`
        XGROUP CREATE s g $ MKSTREAM
        XADD s 1 f v
        XADD s 2 f v
        XADD s 3 f v
        XREADGROUP GROUP g a COUNT 2 STREAMS s >
        XREADGROUP GROUP g b STREAMS s >
        XGROUP DELCONSUMER s g a
        XPENDING s g
        XPENDING s g - + 10
        XINFO CONSUMERS s g
        XINFO GROUPS s
      `));

    it('deleted pending entries can no longer be claimed or re-delivered with >', () =>
      check(`
        XGROUP CREATE s g $ MKSTREAM
        XADD s 1 f v
        XREADGROUP GROUP g a STREAMS s >
        XGROUP DELCONSUMER s g a
        XCLAIM s g b 0 1
        XAUTOCLAIM s g b 0 0
        XREADGROUP GROUP g b STREAMS s >
        XREADGROUP GROUP g a STREAMS s 0
        XRANGE s - +
      `));

    it('replies 0 for an unknown consumer; NOGROUP and key errors', () =>
      check(`
        XGROUP CREATE s g $ MKSTREAM
        XGROUP DELCONSUMER s g nobody
        XGROUP DELCONSUMER s nope c
        XGROUP DELCONSUMER missing g c
      `));
  });

  describe('DESTROY', () => {
    it('replies 1 then 0, frees the group, its PEL and consumers', () =>
      check(`
        XADD s 1 f v
        XGROUP CREATE s g 0
        XREADGROUP GROUP g c STREAMS s >
        XGROUP DESTROY s g
        XGROUP DESTROY s g
        XINFO GROUPS s
        XPENDING s g
        XGROUP CREATE s g $
        XINFO CONSUMERS s g
        XPENDING s g
        XGROUP DESTROY missing g
        XGROUP DESTROY s g extra
      `));
  });

  describe('SETID', () => {
    it('sets last-delivered-id and entries-read; $ is the last generated ID', () =>
      check(`
        XADD s 1 f v
        XADD s 2 f v
        XGROUP CREATE s g 0
        XGROUP SETID s g 1
        XINFO GROUPS s
        XGROUP SETID s g $
        XINFO GROUPS s
        XGROUP SETID s g 1 ENTRIESREAD 1
        XINFO GROUPS s
        XGROUP SETID s g 0 ENTRIESREAD 0
        XINFO GROUPS s
      `));

    it('is not strict: - means 0-0, + the maximal ID (lag nil; 0 on a never-used stream; ENTRIESREAD is taken as given)', () =>
      check(`
        XGROUP CREATE e g $ MKSTREAM
        XGROUP SETID e g +
        XINFO GROUPS e
        XADD s 1 f v
        XGROUP CREATE s g $
        XGROUP SETID s g -
        XINFO GROUPS s
        XGROUP SETID s g +
        XINFO GROUPS s
        XGROUP SETID s g + ENTRIESREAD 3
        XINFO GROUPS s
      `));

    it('argument errors', () =>
      check(`
        XADD s 1 f v
        XGROUP CREATE s g 0
        XGROUP SETID s nope 0
        XGROUP SETID missing nope 0
        XGROUP SETID s g bad
        XGROUP SETID s g 1 FOO 3
        XGROUP SETID s g 1 ENTRIESREAD -3
        XGROUP SETID s g 1 ENTRIESREAD x
        XGROUP SETID s g 1 ENTRIESREAD
        XGROUP SETID s g 1 2 3 4
        XGROUP SETID s g
      `));

    it('leaves the PEL alone; after a rewind > re-delivers pending entries reassigned with count 1', () =>
      check(`
        XADD s 1 f v
        XADD s 2 f v
        XADD s 3 f v
        XGROUP CREATE s g 0
        XREADGROUP GROUP g a STREAMS s >
        XREADGROUP GROUP g a STREAMS s 0
        XACK s g 3
        XGROUP SETID s g 0
        XPENDING s g - + 10
        XREADGROUP GROUP g b COUNT 2 STREAMS s >
        XPENDING s g - + 10
        XPENDING s g
        XREADGROUP GROUP g b STREAMS s >
        XPENDING s g - + 10
        XINFO CONSUMERS s g
        XINFO GROUPS s
      `));
  });

  it('subcommand names are case-insensitive; unknown ones and HELP', () =>
    check(`
      xgroup create s g $ mkstream
      XGROUP CreateConsumer s g c
      XGROUP FOO bar
      XGROUP
      XGROUP HELP
      XGROUP help x
      XGROUP Create
      XGROUP DESTROY a
    `));
});
