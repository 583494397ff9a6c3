/**
 * StreamModel behaviour that has no redis-server counterpart: virtual time, the pelsim-only
 * unsupported-ID error, ready-key signaling and keyspace helpers.
 */
import { describe, expect, it } from 'vitest';
import { RedisReplyError, StreamModel, type ExecResult, type Reply } from '../../src/redis/model/index.js';

function reply(r: ExecResult): Reply {
  if (r.kind !== 'reply') throw new Error('expected a reply');
  return r.reply;
}

const run = (m: StreamModel, line: string, now = 0): Reply => reply(m.execute(line.split(' '), now));

describe('StreamModel', () => {
  it('takes every timestamp from `now` (7.0: XINFO CONSUMERS without inactive)', () => {
    const m = new StreamModel({ version: '7.0' });
    expect(run(m, 'XADD s * f v', 1000)).toBe('1000-0');
    expect(run(m, 'XADD s * f v', 1000)).toBe('1000-1');
    expect(run(m, 'XADD s * f v', 500)).toBe('1000-2');
    run(m, 'XGROUP CREATE s g 0', 1000);
    run(m, 'XREADGROUP GROUP g c COUNT 1 STREAMS s >', 1200);
    expect(run(m, 'XPENDING s g - + 10', 1750)).toEqual([['1000-0', 'c', 550, 1]]);
    expect(run(m, 'XINFO CONSUMERS s g', 2000)).toEqual([['name', 'c', 'pending', 1, 'idle', 800]]);
    expect(run(m, 'XPENDING s g - + 10', 1000)).toEqual([['1000-0', 'c', 0, 1]]);
    expect(run(m, 'XCLAIM s g d 500 1000-0', 1699)).toEqual([]);
    expect(run(m, 'XCLAIM s g d 500 1000-0 JUSTID', 1700)).toEqual(['1000-0']);
  });

  it('keeps IDs exact above 2^53-1, up to the maximal ID', () => {
    const m = new StreamModel();
    run(m, 'XADD s 5-9007199254740991 f v');
    expect(run(m, 'XADD s 5-* f v')).toBe('5-9007199254740992');
    expect(run(m, 'XADD s 9007199254740993-0 f v')).toBe('9007199254740993-0');
    expect(run(m, 'XADD s 18446744073709551615-* f v')).toBe('18446744073709551615-0');
    expect(run(m, 'XRANGE s 18446744073709551615 +')).toEqual([['18446744073709551615-0', ['f', 'v']]]);
    expect(run(m, 'XADD s 18446744073709551615-18446744073709551615 f v')).toBe(
      '18446744073709551615-18446744073709551615',
    );
    expect(() => run(m, 'XADD s * f v')).toThrow(
      'ERR The stream has exhausted the last possible ID, unable to add more items',
    );
    expect(run(m, 'XLEN s')).toBe(5);
    expect(() => run(m, 'XADD s 5-9007199254740991 f v')).toThrow(RedisReplyError);
  });

  it('signals ready keys once each, in first-signal order, and only for waking commands', () => {
    const m = new StreamModel();
    expect(m.takeReadyKeys()).toEqual([]);
    expect(Object.isFrozen(m.takeReadyKeys())).toBe(true);
    run(m, 'XADD b 1 f v');
    run(m, 'XGROUP CREATE a g $ MKSTREAM');
    run(m, 'XADD b 2 f v');
    expect(m.takeReadyKeys()).toEqual(['b', 'a']);
    run(m, 'XGROUP CREATE b g 0');
    run(m, 'XGROUP SETID b g 0');
    run(m, 'XDEL b 1');
    run(m, 'XTRIM b MAXLEN 0');
    expect(m.takeReadyKeys()).toEqual([]);
    run(m, 'XGROUP DESTROY b g');
    expect(m.takeReadyKeys()).toEqual(['b']);
    expect(m.deleteKey('b')).toBe(true);
    expect(m.deleteKey('b')).toBe(false);
    expect(m.takeReadyKeys()).toEqual(['b']);
  });

  it('keeps a keyspace of streams only', () => {
    const m = new StreamModel();
    run(m, 'XADD x 1 f v');
    run(m, 'XGROUP CREATE y g $ MKSTREAM');
    expect(m.keys()).toEqual(['x', 'y']);
    expect(m.hasKey('x')).toBe(true);
    m.flush();
    expect(m.keys()).toEqual([]);
    expect(m.hasKey('x')).toBe(false);
    expect(m.takeReadyKeys()).toEqual(['x', 'y']);
  });

  it('hands a > read with BLOCK to the server layer and serves it on request (7.0: a 1000-entry cap, UNBLOCKED)', () => {
    const m = new StreamModel({ version: '7.0' });
    run(m, 'XGROUP CREATE s g $ MKSTREAM');
    const r = m.execute('XREADGROUP GROUP g c BLOCK 5000 STREAMS s >'.split(' '), 0);
    if (r.kind !== 'block') throw new Error('expected to block');
    expect(r.read.count).toBe(1000);
    expect(m.serveBlocked(r.read, 's', 10)).toEqual({ kind: 'still-blocked' });
    run(m, 'XADD s 7 f v', 20);
    expect(m.serveBlocked(r.read, 's', 30)).toEqual({ kind: 'served', reply: [['s', [['7-0', ['f', 'v']]]]] });
    expect(run(m, 'XPENDING s g - + 10', 40)).toEqual([['7-0', 'c', 10, 1]]);
    m.deleteKey('s');
    const out = m.serveBlocked(r.read, 's', 50);
    expect(out.kind === 'error' && out.error.message).toBe('UNBLOCKED the stream key no longer exists');
  });

  it('answers unknown commands as Redis does', () => {
    const m = new StreamModel();
    expect(() => run(m, 'XFOO s 5')).toThrow("ERR unknown command 'XFOO', with args beginning with: 's' '5' ");
  });
});
