/**
 * redis-semantics.md §1 (XADD and IDs), plus XRANGE/XREVRANGE/XLEN/XDEL/XTRIM basics, each case run
 * on a real redis-server and on the model.
 */
import { describe, it } from 'vitest';
import { script, useDifferential } from '../support/differential.js';

describe('§1 XADD and IDs', () => {
  const d = useDifferential();
  const check = (text: string, fuzzyIds = false) => d.diff().check(script(text), { fuzzyIds });

  it('`*` uses the current ms with seq 0 on a new stream', () =>
    check(
      `
      XADD s * f v
      XLEN s
    `,
      true,
    ));

  it('`*` never goes backwards: after a future explicit ID it increments the sequence', () =>
    check(`
      XADD s 99999999999999-5 f v
      XADD s * f v
      XADD s * f v
      XRANGE s - +
    `));

  it('`<ms>-*`: seq is last.seq+1 on the same ms, 0 on a new ms, 1 for 0-* on an empty stream', () =>
    check(`
      XADD s 0-* f v
      XADD s 0-* f v
      XADD s 5-* f v
      XADD s 5-* f v
      XADD s 7-* f v
      XADD s 6-* f v
      XADD t 5-* f v
    `));

  it('`<ms>` alone means `<ms>-0`', () =>
    check(`
      XADD s 5 f v
      XADD s 5 f v
      XADD s 6 f v
      XRANGE s - +
    `));

  it('an ID not above last_id is rejected, also after the top entry was deleted', () =>
    check(`
      XADD s 5-5 f v
      XADD s 5-5 f v
      XADD s 5-4 f v
      XADD s 4-9 f v
      XDEL s 5-5
      XADD s 5-5 f v
      XADD s 5-6 f v
    `));

  it('0-0 is rejected and creates no key', () =>
    check(`
      XADD s 0-0 f v
      XADD s 0 f v
      XLEN s
      XINFO STREAM s
    `));

  it('every XADD increments entries-added, deletions never lower last-generated-id', () =>
    check(`
      XADD s 1 f v
      XADD s 2 f v
      XDEL s 2
      XTRIM s MAXLEN 0
      XADD s 3 f v
      XINFO STREAM s
    `));

  it('ID spellings Redis accepts (strtoull leniency) and rejects', () =>
    check(`
      XADD s ' 12' f v
      XADD s +13 f v
      XADD s 014 f v
      XADD s 15-+1 f v
      XADD s '16- 5' f v
      XADD s 17-05 f v
      XADD s 18--0 f v
      XADD s -0 f v
      XADD s -1 f v
      XADD s 19- f v
      XADD s '20 ' f v
      XADD s 0x21 f v
      XADD s 21.0 f v
      XADD s '' f v
      XADD s 1-2-3 f v
      XADD s *-1 f v
      XADD s - f v
      XADD s + f v
      XADD s 18446744073709551616 f v
      XRANGE s - +
    `));

  it('NOMKSTREAM: nil and no key when missing, appends when present', () =>
    check(`
      XADD s NOMKSTREAM 1 f v
      XLEN s
      XADD s 1 f v
      XADD s NOMKSTREAM 2 f v
      XADD s nomkstream MAXLEN 1 3 f v
      XRANGE s - +
    `));

  it('MAXLEN/MINID with = and exact trimming in XADD and XTRIM', () =>
    check(`
      XADD s 1 f v
      XADD s 2 f v
      XADD s 3 f v
      XADD s MAXLEN = 2 4 f v
      XRANGE s - +
      XADD s MINID 4 5 f v
      XRANGE s - +
      XADD s MAXLEN 0 6 f v
      XLEN s
      XINFO STREAM s
      XADD s 7 f v
      XADD s 8 f v
      XTRIM s MINID = 8
      XTRIM s MAXLEN 5
      XTRIM missing MAXLEN 1
      XRANGE s - +
    `));

  it('trimming argument errors', () =>
    check(`
      XADD s 1 f v
      XADD s MAXLEN -1 2 f v
      XADD s MAXLEN x 2 f v
      XADD s MAXLEN 1 MINID 0 2 f v
      XADD s LIMIT 10 2 f v
      XADD s LIMIT 0 2 f v
      XADD s MAXLEN 10 LIMIT 10 2 f v
      XADD s MAXLEN ~ 10 LIMIT -1 2 f v
      XADD s MAXLEN ~ 10 LIMIT x 2 f v
      XADD s MINID + 2 f v
      XADD s MINID - 2 f v
      XADD s MINID ~ 1 LIMIT 0 2 f v
      XTRIM s MAXLEN x
      XTRIM s foo 1
      XTRIM s MAXLEN 1 foo
      XTRIM s LIMIT 10
      XTRIM s LIMIT 0 MAXLEN ~ 1
      XTRIM s MAXLEN 1 LIMIT 10
      XTRIM s MINID (3
      XTRIM missing MAXLEN 1 foo
      XTRIM missing MINID bad
      XRANGE s - +
    `));

  it('XADD arity: odd field/value lists and missing fields', () =>
    check(`
      XADD s 1 f
      XADD s 1 f v g
      XADD s MAXLEN 5 1
      XADD s MAXLEN 5 1 f
      XADD s NOMKSTREAM NOMKSTREAM NOMKSTREAM
      XADD s *
      XADD s 1 f v
      XADD s 2 a 1 b 2 c 3
      XRANGE s - +
    `));

  it('XRANGE/XREVRANGE: -, +, incomplete IDs, exclusive bounds, COUNT', () =>
    check(`
      XADD s 1-0 a 1
      XADD s 1-1 b 2
      XADD s 2-0 c 3
      XADD s 3-5 d 4
      XRANGE s - +
      XRANGE s 1 1
      XRANGE s (1-0 +
      XRANGE s - (3-5
      XRANGE s - (3
      XRANGE s (1 +
      XRANGE s 2 +
      XRANGE s - + COUNT 2
      XRANGE s - + COUNT 0
      XRANGE s - + COUNT -3
      XRANGE s - + COUNT 1 COUNT 3
      XRANGE s 3 1
      XREVRANGE s + -
      XREVRANGE s + - COUNT 2
      XREVRANGE s (3-5 -
      XREVRANGE s 2 (1-0
      XREVRANGE s 1 3
      XREVRANGE s + - COUNT 0
      XRANGE missing - +
      XRANGE missing - + COUNT 0
    `));

  it('XRANGE/XREVRANGE argument errors', () =>
    check(`
      XADD s 1 f v
      XRANGE s ( +
      XRANGE s (- +
      XRANGE s - (+
      XRANGE s (18446744073709551615-18446744073709551615 +
      XRANGE s - (0-0
      XRANGE s - + COUNT
      XRANGE s - + foo
      XRANGE s - + COUNT x
      XRANGE s bad +
      XREVRANGE s x (0
      XREVRANGE s + - COUNT
      XRANGE s - 18446744073709551615
      XRANGE s -
    `));

  it('XLEN and XDEL: counts only existing live entries, validates every ID first', () =>
    check(`
      XLEN missing
      XDEL missing bad
      XADD s 1 f v
      XADD s 2 f v
      XADD s 3 f v
      XDEL s 2 2 9
      XDEL s bad
      XDEL s 1 1-x
      XDEL s -
      XLEN s
      XDEL s 1 3
      XLEN s
      XINFO STREAM s
      XRANGE s - +
    `));
});
