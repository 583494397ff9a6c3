/**
 * redis-semantics.md §8 (XINFO GROUPS / CONSUMERS / STREAM [FULL], lag rules), each case run on a
 * real redis-server and on the model.
 */
import { describe, it } from 'vitest';
import { STALE_MS, script, useDifferential } from '../support/differential.js';

describe('§8 XINFO', () => {
  const d = useDifferential();
  const check = (text: string) => d.diff().check(script(text));

  it('GROUPS: one map per group in name order; pending includes deleted entries', () =>
    check(`
      XADD s 1 f v
      XADD s 2 f v
      XGROUP CREATE s zeta 0
      XGROUP CREATE s Alpha 0
      XGROUP CREATE s alpha $
      XREADGROUP GROUP zeta c STREAMS s >
      XDEL s 1
      XINFO GROUPS s
    `));

  it('groups and consumers are listed in UTF-8 byte order', () =>
    check(`
      XADD s 1 f v
      XGROUP CREATE s 😀 0
      XGROUP CREATE s ﬀ 0
      XGROUP CREATE s é 0
      XGROUP CREATE s z 0
      XINFO GROUPS s
      XGROUP CREATECONSUMER s z 😀
      XGROUP CREATECONSUMER s z ﬀ
      XGROUP CREATECONSUMER s z é
      XGROUP CREATECONSUMER s z Z
      XINFO CONSUMERS s z
      XREADGROUP GROUP z ﬀ STREAMS s >
      XCLAIM s z 😀 0 1 FORCE JUSTID
      XPENDING s z
    `));

  it('GROUPS: missing key is an error, a stream without groups gives []', () =>
    check(`
      XINFO GROUPS missing
      XADD s 1 f v
      XINFO GROUPS s
      XINFO GROUPS s extra
      XINFO GROUPS
    `));

  it('CONSUMERS: name, pending, idle since the last served read or claim; NOGROUP', () =>
    check(`
      XADD s 1 f v
      XADD s 2 f v
      XGROUP CREATE s g 0
      XINFO CONSUMERS s g
      XREADGROUP GROUP g b COUNT 1 STREAMS s >
      XGROUP CREATECONSUMER s g a
      SLEEP ${STALE_MS}
      XREADGROUP GROUP g a STREAMS s >
      XINFO CONSUMERS s g
      XINFO CONSUMERS s nope
      XINFO CONSUMERS missing g
      XINFO CONSUMERS s
      XINFO CONSUMERS s g x
    `));

  it('STREAM: length, radix-tree sizes, IDs, counters, groups, first and last entry', () =>
    check(`
      XGROUP CREATE e g $ MKSTREAM
      XINFO STREAM e
      XADD s 1 a 1
      XADD s 2 b 2
      XADD s 3 c 3
      XGROUP CREATE s g 0
      XDEL s 3
      XINFO STREAM s
      XDEL s 1
      XINFO STREAM s
      XINFO STREAM missing
      XINFO STREAM missing FULL
    `));

  it('STREAM FULL: entries (COUNT 10 by default, 0 for all), groups with PELs and consumers', () => {
    const lines = Array.from({ length: 12 }, (_, i) => `XADD s ${i + 1} n ${i + 1}`).join('\n');
    return check(`
      ${lines}
      XGROUP CREATE s g 0
      XGROUP CREATE s h $
      XREADGROUP GROUP g b COUNT 11 STREAMS s >
      XREADGROUP GROUP g a STREAMS s >
      XGROUP CREATECONSUMER s h idle
      XINFO STREAM s FULL
      XINFO STREAM s FULL COUNT 2
      XINFO STREAM s FULL COUNT 0
      XINFO STREAM s full count -1
    `);
  });

  it('STREAM option errors', () =>
    check(`
      XADD s 1 f v
      XINFO STREAM s foo
      XINFO STREAM s FULL COUNT
      XINFO STREAM s FULL COUNT x
      XINFO STREAM s FULL foo 1
      XINFO STREAM s FULL COUNT 1 x
      XINFO STREAM
      XINFO
      XINFO FOO s
      XINFO HELP
    `));

  describe('lag', () => {
    it('a stream that never had an entry has lag 0', () =>
      check(`
        XGROUP CREATE s g $ MKSTREAM
        XGROUP CREATE s h 99-0
        XINFO GROUPS s
      `));

    it('with a valid entries-read and no tombstone ahead: entries-added minus entries-read', () =>
      check(`
        XADD s 1 f v
        XADD s 2 f v
        XADD s 3 f v
        XGROUP CREATE s g 0 ENTRIESREAD 0
        XGROUP CREATE s h $ ENTRIESREAD 1
        XINFO GROUPS s
        XREADGROUP GROUP g c COUNT 1 STREAMS s >
        XINFO GROUPS s
      `));

    it('estimates: at the last ID 0; before the first entry length; at the first entry length-1', () =>
      check(`
        XADD s 1 f v
        XADD s 2 f v
        XADD s 3 f v
        XTRIM s MAXLEN 2
        XGROUP CREATE s last $
        XGROUP CREATE s before 1
        XGROUP CREATE s first 2
        XGROUP CREATE s inside 2-5
        XGROUP CREATE s future 9
        XINFO GROUPS s
      `));

    it('estimates on an empty stream: 0 when last-delivered-id is not beyond last-generated-id', () =>
      check(`
        XADD s 1 f v
        XADD s 2 f v
        XGROUP CREATE s behind 1
        XGROUP CREATE s ahead 5
        XTRIM s MAXLEN 0
        XINFO GROUPS s
      `));

    it('a tombstone ahead of last-delivered-id makes lag nil until the group reads past it', () =>
      check(`
        XADD s 1 f v
        XADD s 2 f v
        XADD s 3 f v
        XADD s 4 f v
        XGROUP CREATE s g 0
        XGROUP CREATE s h 0 ENTRIESREAD 0
        XDEL s 3
        XINFO GROUPS s
        XREADGROUP GROUP g c COUNT 2 STREAMS s >
        XREADGROUP GROUP h c COUNT 2 STREAMS s >
        XINFO GROUPS s
        XREADGROUP GROUP g c COUNT 1 STREAMS s >
        XREADGROUP GROUP h c COUNT 1 STREAMS s >
        XINFO GROUPS s
        XADD s 5 f v
        XINFO GROUPS s
      `));

    it('deleting the first entry moves the first ID; a tombstone before it no longer matters', () =>
      check(`
        XADD s 1 f v
        XADD s 2 f v
        XADD s 3 f v
        XGROUP CREATE s g 1
        XDEL s 1
        XINFO GROUPS s
        XINFO STREAM s
        XGROUP CREATE s h 2
        XINFO GROUPS s
      `));
  });
});
