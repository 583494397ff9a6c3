/**
 * Pub/sub against a real redis-server, through raw RESP so the frames are compared byte for byte:
 * subscription replies, messages and pattern messages, a RESP2 connection's subscribed mode (its
 * PING and its error for other commands), RESP3 pushes in order with replies, PUBSUB, PUBLISH from
 * Lua, and RESET.
 */
import { describe, expect, it } from 'vitest';
import type { Conversation } from '../support/conversation.js';
import { conversationPair } from '../support/conversation-pair.js';

describe('pub/sub vs redis-server (raw RESP, byte for byte)', () => {
  const { version, both, expectSame } = conversationPair();

  /** Switches connection `name` to RESP3 (HELLO's reply carries a connection id: not compared). */
  async function resp3(c: Conversation, name: string): Promise<void> {
    await c.send(name, ['HELLO', '3']);
    await c.take(name, 1);
  }

  it('RESP2: subscribe replies, messages in order, subscribed mode refuses other commands with Redis\'s text', async () => {
    const bytes = await expectSame(async (c) => {
      await c.send('sub', ['SUBSCRIBE', 'a', 'b', 'a']);
      const out = await c.takeRaw('sub', 3);
      await c.send('pub', ['PUBLISH', 'a', 'hello'], ['PUBLISH', 'nobody', 'x'], ['PUBLISH', 'b', 'bin\x00\xff\r\n']);
      out.push(...(await c.takeRaw('pub', 3)), ...(await c.takeRaw('sub', 2)));
      await c.send('sub', ['GET', 'k'], ['CLIENT', 'ID'], ['XADD', 's', '*', 'f', 'v'], ['MULTI'], ['PING'], ['PING', 'hi'], ['NOSUCH', 'x']);
      out.push(...(await c.takeRaw('sub', 7)));
      await c.send('sub', ['UNSUBSCRIBE', 'a', 'zzz'], ['PING']);
      out.push(...(await c.takeRaw('sub', 3)));
      await c.send('pub', ['PUBLISH', 'a', 'gone'], ['PUBLISH', 'b', 'still']);
      out.push(...(await c.takeRaw('pub', 2)), ...(await c.takeRaw('sub', 1)));
      await c.send('sub', ['UNSUBSCRIBE'], ['UNSUBSCRIBE'], ['PING'], ['GET', 'k']);
      out.push(...(await c.takeRaw('sub', 4)));
      return out;
    });
    expect(bytes[0]).toBe('*3\r\n$9\r\nsubscribe\r\n$1\r\na\r\n:1\r\n');
    expect(bytes).toContain("-ERR Can't execute 'get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context\r\n");
  });

  it('RESP2: patterns, pmessage beside message, PUNSUBSCRIBE, counts across both kinds', async () => {
    await expectSame(async (c) => {
      await c.send('sub', ['PSUBSCRIBE', 'news.*', 'h?llo'], ['SUBSCRIBE', 'news.sport']);
      const out = await c.takeRaw('sub', 3);
      await c.send('pub', ['PUBLISH', 'news.sport', 'goal'], ['PUBLISH', 'hello', 'x'], ['PUBLISH', 'news', 'no']);
      out.push(...(await c.takeRaw('pub', 3)), ...(await c.takeRaw('sub', 3)));
      await c.send('sub', ['PUNSUBSCRIBE', 'news.*'], ['PUNSUBSCRIBE', 'nope'], ['PUNSUBSCRIBE']);
      out.push(...(await c.takeRaw('sub', 3)));
      await c.send('pub', ['PUBLISH', 'news.sport', 'again']);
      out.push(...(await c.takeRaw('pub', 1)), ...(await c.takeRaw('sub', 1)));
      await c.send('sub', ['PUNSUBSCRIBE'], ['UNSUBSCRIBE'], ['SUBSCRIBE'], ['PUBLISH', 'x']);
      out.push(...(await c.takeRaw('sub', 4)));
      return out;
    });
  });

  it('RESP3: pushes, any command allowed while subscribed, a message the subscriber publishes to itself (before its reply on 7.0, after on 7.2+)', async () => {
    const bytes = await expectSame(async (c) => {
      await resp3(c, 'sub');
      await c.send('sub', ['SUBSCRIBE', 'a'], ['PSUBSCRIBE', 'a*'], ['SET', 'k', 'v'], ['GET', 'k'], ['PING']);
      const out = await c.takeRaw('sub', 5);
      await c.send('sub', ['GET', 'k'], ['PUBLISH', 'a', 'self'], ['GET', 'missing']);
      out.push(...(await c.takeRaw('sub', 5)));
      await c.send('pub', ['PUBLISH', 'ab', 'other']);
      out.push(...(await c.takeRaw('pub', 1)), ...(await c.takeRaw('sub', 1)));
      await c.send('sub', ['UNSUBSCRIBE'], ['PUNSUBSCRIBE'], ['UNSUBSCRIBE']);
      out.push(...(await c.takeRaw('sub', 3)));
      // Inside MULTI the pushes wait for the whole EXEC reply (7.2+).
      await c.send('sub', ['SUBSCRIBE', 'm'], ['MULTI'], ['PUBLISH', 'm', '1'], ['GET', 'k'], ['PUBLISH', 'm', '2'], ['EXEC'], ['PING']);
      out.push(...(await c.takeRaw('sub', 9)));
      return out;
    });
    expect(bytes[0]).toBe('>3\r\n$9\r\nsubscribe\r\n$1\r\na\r\n:1\r\n');
    // GET k, then PUBLISH's count (2) and its two pushes to the publisher itself, then GET missing:
    // 7.0 writes the pushes where they are made, before the reply; 7.2+ holds them until after it.
    const pushes = ['>3\r\n$7\r\nmessage\r\n$1\r\na\r\n$4\r\nself\r\n', '>4\r\n$8\r\npmessage\r\n$2\r\na*\r\n$1\r\na\r\n$4\r\nself\r\n'];
    const published = version === '7.0' ? [...pushes, ':2\r\n'] : [':2\r\n', ...pushes];
    expect(bytes.slice(5, 10)).toEqual(['$1\r\nv\r\n', ...published, '_\r\n']);
  });

  it('RESP3: a message reaches a subscriber blocked in XREADGROUP before the read\'s reply', async () => {
    await expectSame(async (c) => {
      await resp3(c, 'sub');
      await c.send('sub', ['XGROUP', 'CREATE', 's', 'g', '$', 'MKSTREAM'], ['SUBSCRIBE', 'wake']);
      const out = await c.takeRaw('sub', 2);
      await c.send('sub', ['XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '0', 'STREAMS', 's', '>'], ['PING']);
      await c.pending('sub');
      await c.send('pub', ['PUBLISH', 'wake', 'up'], ['XADD', 's', '1-1', 'f', 'v']);
      out.push(...(await c.takeRaw('pub', 2)), ...(await c.takeRaw('sub', 3)));
      return out;
    });
  });

  it('PUBSUB CHANNELS/NUMSUB/NUMPAT, PUBLISH from Lua, RESET leaves subscribed mode', async () => {
    await expectSame(async (c) => {
      await c.send('s1', ['SUBSCRIBE', 'x', 'y']);
      await c.send('s2', ['SUBSCRIBE', 'x'], ['PSUBSCRIBE', 'q*', 'q*', 'r*']);
      const out = await c.takeRaw('s1', 2);
      out.push(...(await c.takeRaw('s2', 4)));
      await c.send('pub', ['PUBSUB', 'CHANNELS', 'x'], ['PUBSUB', 'NUMSUB', 'x', 'y', 'z'], ['PUBSUB', 'NUMSUB'], ['PUBSUB', 'NUMPAT']);
      await c.send('pub', ['PUBSUB', 'NUMPAT', 'extra'], ['PUBSUB', 'NOPE'], ['PUBSUB', 'CHANNELS', 'a', 'b']);
      await c.send('pub', ['EVAL', "return redis.call('PUBLISH', KEYS[1], ARGV[1])", '1', 'x', 'from-lua']);
      await c.send('pub', ['EVAL', "return redis.pcall('SUBSCRIBE', 'x')", '0']);
      out.push(...(await c.takeRaw('pub', 9)), ...(await c.takeRaw('s1', 1)), ...(await c.takeRaw('s2', 1)));
      await c.send('s2', ['RESET'], ['GET', 'k'], ['PING']);
      out.push(...(await c.takeRaw('s2', 3)));
      await c.send('pub', ['PUBSUB', 'NUMSUB', 'x'], ['PUBSUB', 'NUMPAT'], ['PUBLISH', 'x', 'after-reset']);
      out.push(...(await c.takeRaw('pub', 3)), ...(await c.takeRaw('s1', 1)));
      return out;
    });
  });

  it('PUBSUB CHANNELS lists the active channels (compared as a set: Redis walks a hash table)', async () => {
    const out = await both(async (c: Conversation): Promise<unknown> => {
      await c.send('s', ['SUBSCRIBE', 'c1', 'c2', 'd1'], ['UNSUBSCRIBE', 'c2']);
      await c.take('s', 4);
      await c.send('q', ['PUBSUB', 'CHANNELS'], ['PUBSUB', 'CHANNELS', 'c*']);
      const [all, some] = (await c.take('q', 2)) as string[][];
      return [[...(all ?? [])].sort(), some];
    });
    expect(out.pelsim).toEqual(out.real);
  });
});
