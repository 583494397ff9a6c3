/**
 * redis-semantics.md §9 (XDEL / XTRIM / MAXLEN never touch a PEL), each case run on a real
 * redis-server and on the model. That XDEL and XTRIM wake nobody is in blocking.diff.test.ts.
 */
import { describe, it } from 'vitest';
import { script, useDifferential } from '../support/differential.js';

const delivered = `
  XADD s 1 f v
  XADD s 2 f v
  XADD s 3 f v
  XADD s 4 f v
  XGROUP CREATE s g 0
  XREADGROUP GROUP g a STREAMS s >
`;

describe('§9 XDEL / XTRIM / MAXLEN vs the PEL', () => {
  const d = useDifferential();
  const check = (text: string) => d.diff().check(script(text));

  it('deleted and trimmed entries stay pending: XPENDING, XINFO pending, history as [id, nil]', () =>
    check(`
      ${delivered}
      XDEL s 2
      XTRIM s MAXLEN 2
      XADD s MAXLEN 2 5 f v
      XPENDING s g
      XPENDING s g - + 10
      XINFO GROUPS s
      XINFO STREAM s FULL
      XREADGROUP GROUP g a STREAMS s 0
    `));

  it('they are never re-delivered by >', () =>
    check(`
      ${delivered}
      XDEL s 3
      XREADGROUP GROUP g b STREAMS s >
      XGROUP SETID s g 0
      XREADGROUP GROUP g b STREAMS s >
      XPENDING s g - + 10
    `));

  it('XACK still removes such a record (and counts 1)', () =>
    check(`
      ${delivered}
      XDEL s 1 2
      XACK s g 1 2
      XPENDING s g
    `));

  it('XCLAIM and XAUTOCLAIM purge such records', () =>
    check(`
      ${delivered}
      XDEL s 1 3
      XCLAIM s g b 0 1
      XPENDING s g
      XAUTOCLAIM s g b 0 0
      XPENDING s g
    `));

  it('DELCONSUMER and DESTROY drop such records with everything else', () =>
    check(`
      ${delivered}
      XGROUP CREATE s h 0
      XREADGROUP GROUP h a STREAMS s >
      XDEL s 4
      XGROUP DELCONSUMER s g a
      XPENDING s g
      XGROUP DESTROY s h
      XINFO GROUPS s
    `));

  it('XDEL raises max-deleted-entry-id and recomputes the first ID; trimming records no tombstone', () =>
    check(`
      XADD s 1 f v
      XADD s 2 f v
      XADD s 3 f v
      XADD s 4 f v
      XADD s 5 f v
      XDEL s 3
      XINFO STREAM s
      XDEL s 1
      XINFO STREAM s
      XDEL s 2
      XINFO STREAM s
      XTRIM s MAXLEN 1
      XINFO STREAM s
      XDEL s 5
      XINFO STREAM s
    `));

  it('neither XDEL nor XTRIM changes last-generated-id or any group', () =>
    check(`
      ${delivered}
      XDEL s 4
      XTRIM s MAXLEN 0
      XINFO STREAM s
      XINFO GROUPS s
      XADD s 4 f v
      XADD s 5 f v
      XREADGROUP GROUP g a STREAMS s >
    `));
});
