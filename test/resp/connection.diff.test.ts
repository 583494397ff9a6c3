/**
 * The connection layer against a real redis-server: the same raw RESP conversation on both,
 * compared reply by reply (status vs bulk, maps, errors kept apart). Covers per-connection
 * ordering behind a blocked command, pipelining, MULTI/EXEC/DISCARD/WATCH, HELLO, CLIENT and
 * the errors clients see.
 */
import { describe, expect, it } from 'vitest';
import { conversationPair } from '../support/conversation-pair.js';
import type { Tagged } from '../support/resp-reader.js';

describe('RESP connection layer vs redis-server', () => {
  const { version, both, expectSame } = conversationPair();

  it('a blocked XREADGROUP holds back PING and XADD sent after it on the same connection', async () => {
    const transcript = await expectSame(async (c) => {
      await c.send('a', ['XGROUP', 'CREATE', 's', 'g', '$', 'MKSTREAM']);
      const out = await c.take('a', 1);
      await c.send('a', ['XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '1000', 'STREAMS', 's', '>'], ['PING'], ['XADD', 's', '5-1', 'f', 'v']);
      out.push(await c.pending('a'));
      await c.elapse(1000);
      out.push(...(await c.take('a', 3)));
      return out;
    });
    expect(transcript).toEqual([{ status: 'OK' }, 0, null, { status: 'PONG' }, '5-1']);
  });

  it('an XADD from another connection serves the block, then the queued commands run', async () => {
    await expectSame(async (c) => {
      await c.send('a', ['XGROUP', 'CREATE', 's', 'g', '$', 'MKSTREAM']);
      const out = await c.take('a', 1);
      await c.send('a', ['XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '0', 'STREAMS', 's', '>'], ['XLEN', 's'], ['XPENDING', 's', 'g']);
      out.push(await c.pending('a'));
      await c.send('b', ['XADD', 's', '7-1', 'k', 'v']);
      out.push(...(await c.take('b', 1)), ...(await c.take('a', 3)));
      return out;
    });
  });

  it('entries added inside one MULTI wake a blocked reader once, after EXEC', async () => {
    const transcript = await expectSame(async (c) => {
      await c.send('a', ['XGROUP', 'CREATE', 's', 'g', '$', 'MKSTREAM']);
      const out = await c.take('a', 1);
      await c.send('r', ['XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '0', 'STREAMS', 's', '>']);
      await c.pending('r');
      await c.send('a', ['MULTI'], ['XADD', 's', '1-1', 'a', '1'], ['XADD', 's', '2-1', 'b', '2'], ['EXEC']);
      out.push(...(await c.take('a', 4)), ...(await c.take('r', 1)));
      return out;
    });
    expect(transcript.at(-1)).toEqual([['s', [['1-1', ['a', '1']], ['2-1', ['b', '2']]]]]);
  });

  it('XADD and XDEL of that entry in one MULTI: 7.0 wakes the reader with [[s, []]], 7.2+ re-runs it and it waits on', async () => {
    const transcript = await expectSame(async (c) => {
      await c.send('a', ['XGROUP', 'CREATE', 's', 'g', '$', 'MKSTREAM']);
      const out = await c.take('a', 1);
      await c.send('r', ['XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '0', 'STREAMS', 's', '>']);
      await c.pending('r');
      await c.send('a', ['MULTI'], ['XADD', 's', '1-1', 'a', '1'], ['XDEL', 's', '1-1'], ['EXEC']);
      out.push(...(await c.take('a', 4)), await c.pending('r'));
      await c.send('a', ['XADD', 's', '2-1', 'b', '2'], ['XINFO', 'GROUPS', 's']);
      out.push(...(await c.take('a', 2)), ...(await c.take('r', 1)));
      return out;
    });
    const served = version === '7.0' ? [['s', []]] : [['s', [['2-1', ['b', '2']]]]];
    expect(transcript.at(-1)).toEqual(served);
  });

  it('MULTI queues, EXEC runs; errors abort; BLOCK inside MULTI answers nil at once', async () => {
    await expectSame(async (c) => {
      await c.send('a', ['XGROUP', 'CREATE', 's', 'g', '$', 'MKSTREAM']);
      await c.send('a', ['EXEC'], ['DISCARD'], ['MULTI'], ['MULTI'], ['WATCH', 'x']);
      await c.send('a', ['XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '0', 'STREAMS', 's', '>'], ['SET', 'k', 'v'], ['GET', 'k']);
      await c.send('a', ['XACK', 's', 'g', 'bad-id'], ['EXEC']);
      await c.send('a', ['MULTI'], ['NOSUCHCOMMAND', 'x'], ['PING', 'a', 'b'], ['GET', 'k'], ['EXEC']);
      await c.send('a', ['MULTI'], ['SET', 'k', 'w'], ['DISCARD'], ['GET', 'k']);
      return c.take('a', 20);
    });
  });

  it('WATCH: a write by another connection makes EXEC reply nil; UNWATCH forgets', async () => {
    await expectSame(async (c) => {
      await c.send('a', ['WATCH', 'k', 's']);
      await c.take('a', 1);
      await c.send('b', ['XADD', 's', '1-1', 'f', 'v']);
      const out = await c.take('b', 1);
      await c.send('a', ['MULTI'], ['SET', 'k', '1'], ['EXEC'], ['GET', 'k']);
      out.push(...(await c.take('a', 4)));
      await c.send('a', ['WATCH', 'k'], ['UNWATCH']);
      out.push(...(await c.take('a', 2)));
      await c.send('b', ['SET', 'k', 'z']);
      out.push(...(await c.take('b', 1)));
      await c.send('a', ['MULTI'], ['GET', 'k'], ['EXEC']);
      out.push(...(await c.take('a', 3)));
      return out;
    });
  });

  it('HELLO 3 switches to RESP3 maps and nulls; HELLO 2 back; bad versions refused', async () => {
    // Connection ids differ between the servers; mask the value after "id" in HELLO's map or array.
    const mask = (t: Tagged[]): Tagged[] =>
      t.map((v) => {
        if (Array.isArray(v)) return v.map((x, i) => (i > 0 && v[i - 1] === 'id' ? 0 : x));
        if (v !== null && typeof v === 'object' && 'map' in v) {
          return { map: v.map.map(([k, x]): [Tagged, Tagged] => [k, k === 'id' ? 0 : x]) };
        }
        return v;
      });
    const out = await both(async (c) => {
      await c.send('a', ['HELLO', '3', 'SETNAME', 'pod-a'], ['GET', 'missing'], ['CLIENT', 'GETNAME'], ['XGROUP', 'CREATE', 's', 'g', '$', 'MKSTREAM']);
      await c.send('a', ['XADD', 's', '1-1', 'f', 'v'], ['XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 's', '>'], ['HSET', 'h', 'a', '1'], ['HGETALL', 'h']);
      await c.send('a', ['HELLO', '4'], ['HELLO', 'x'], ['HELLO', '2'], ['GET', 'missing']);
      return mask(await c.take('a', 12));
    });
    expect(out.pelsim).toEqual(out.real);
  });

  it('connection commands: PING, ECHO, CLIENT SETNAME/GETNAME/ID, SELECT 0, unknown ones', async () => {
    await expectSame(async (c) => {
      await c.send('a', ['PING'], ['PING', 'hi'], ['ECHO', 'x\r\ny'], ['CLIENT', 'SETNAME', 'bad name'], ['CLIENT', 'SETNAME', 'pod-a']);
      await c.send('a', ['CLIENT', 'GETNAME'], ['SELECT', '0'], ['SELECT', '99'], ['CLIENT', 'NOPE'], ['FOO', 'bar', 'baz'], ['PING', '1', '2']);
      const replies = await c.take('a', 11);
      await c.send('a', ['CLIENT', 'ID']);
      const [id] = await c.take('a', 1);
      replies.push(typeof id);
      return replies;
    });
  });
});
