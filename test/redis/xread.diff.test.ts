/**
 * XREAD against a real redis-server: synchronous reads, `$`, argument errors, and blocking reads
 * (what wakes them, what they receive, FIFO order, deleted keys). Blocking reads use the same
 * harness as XREADGROUP's (blocking-harness.ts); timeouts are the server layer's and are tested in
 * test/client.
 */
import type { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { script, useDifferential } from '../support/differential.js';
import { BlockingDiff } from './blocking-harness.js';

describe('XREAD', () => {
  const d = useDifferential();
  let h: BlockingDiff | undefined;
  afterEach(() => h?.close());

  async function start(setup: string): Promise<BlockingDiff> {
    h = new BlockingDiff(d.port(), d.diff().redis as Redis, d.diff().model);
    for (const argv of script(setup)) await h.check(argv);
    return h;
  }

  it('reads entries above an ID, several keys, COUNT, missing keys, nil when nothing', async () => {
    await d.diff().check(
      script(`
        XADD s 1-1 a 1
        XADD s 1-2 b 2
        XADD s 2-0 c 3
        XADD t 5-0 d 4
        XREAD STREAMS s 0
        XREAD STREAMS s 1-1
        XREAD STREAMS s 1
        XREAD COUNT 1 STREAMS s t 0 0
        XREAD COUNT 0 STREAMS s 0
        XREAD COUNT -3 STREAMS s 0
        XREAD STREAMS s t nope 1-2 0 0
        XREAD STREAMS s t 2-0 5-0
        XREAD STREAMS nope 0
        XREAD STREAMS s s 0 1-2
        xread count 2 streams s 0-0
      `),
    );
  });

  it('$ is the last generated ID: nothing now, tombstones and trimmed entries included', async () => {
    await d.diff().check(
      script(`
        XREAD STREAMS s $
        XADD s 1-1 a 1
        XADD s 1-2 b 2
        XREAD STREAMS s $
        XDEL s 1-2
        XREAD STREAMS s 1-1
        XREAD STREAMS s 1-0
        XREAD STREAMS s $
        XADD s MAXLEN 0 3-0 c 3
        XREAD STREAMS s 0
        XLEN s
      `),
    );
  });

  it("argument errors use each version's texts", async () => {
    await d.diff().check(
      script(`
        XADD s 1-1 a 1
        XREAD
        XREAD STREAMS
        XREAD STREAMS s
        XREAD STREAMS s t 0
        XREAD FOO STREAMS s 0
        XREAD COUNT x STREAMS s 0
        XREAD BLOCK x STREAMS s 0
        XREAD BLOCK -1 STREAMS s 0
        XREAD STREAMS s >
        XREAD STREAMS s +
        XREAD STREAMS s 1-x
        XREAD STREAMS s 18446744073709551616
        XREAD GROUP g c STREAMS s 0
        XREAD NOACK STREAMS s 0
        XREAD COUNT 1
      `),
    );
  });

  it('BLOCK with data available answers at once, like a plain read', async () => {
    await d.diff().check(
      script(`
        XADD s 1-1 a 1
        XREAD BLOCK 0 STREAMS s 0
        XREAD BLOCK 10 COUNT 1 STREAMS nope s 0 0
      `),
    );
  });

  it('a blocked $ read wakes on the next XADD and gets only the new entries', async () => {
    const b = await start('XADD s 1-1 a 1');
    const r = await b.block('XREAD BLOCK 0 STREAMS s $'.split(' '));
    await b.check(['XADD', 't', '1-1', 'x', 'y']);
    await b.expectStillBlocked(r);
    await b.check(['XADD', 's', '2-1', 'b', '2']);
    await b.expectSameResult(r);
  });

  it('a blocked read on a missing key wakes when XADD creates it', async () => {
    const b = await start('');
    const r = await b.block('XREAD BLOCK 0 STREAMS s $'.split(' '));
    await b.check(['XADD', 's', '5-5', 'a', '1']);
    await b.expectSameResult(r);
  });

  it('several keys: woken by the first key that gets an entry, with that key only', async () => {
    const b = await start('XADD s 1-1 a 1\nXADD t 1-1 a 1');
    const r = await b.block('XREAD BLOCK 0 STREAMS s t $ $'.split(' '));
    await b.check(['XADD', 't', '2-0', 'b', '2']);
    await b.expectSameResult(r);
  });

  it('FIFO: every blocked reader of a key is served by one XADD (no group: nobody consumes)', async () => {
    const b = await start('XADD s 1-1 a 1');
    const r1 = await b.block('XREAD COUNT 1 BLOCK 0 STREAMS s $'.split(' '));
    const r2 = await b.block('XREAD COUNT 5 BLOCK 0 STREAMS s 1-1'.split(' '));
    const r3 = await b.block('XREAD BLOCK 0 STREAMS s 1-1'.split(' '));
    await b.batch(script('XADD s 2-0 b 2\nXADD s 3-0 c 3'));
    await b.expectSameResult(r1);
    await b.expectSameResult(r2);
    await b.expectSameResult(r3);
  });

  it('a woken reader without COUNT gets at most 1000 entries on 7.0, all of them on 7.2+ (re-executed)', async () => {
    const b = await start('XADD s 1-1 a 1');
    const r = await b.block('XREAD BLOCK 0 STREAMS s $'.split(' '));
    await b.batch(Array.from({ length: 1200 }, (_, i) => ['XADD', 's', `${i + 2}`, 'f', 'v']));
    const out = await b.expectSameResult(r);
    const served = ((out as { reply: [string, unknown[]][] }).reply[0] as [string, unknown[]])[1];
    expect(served).toHaveLength(d.version === '7.0' ? 1000 : 1200);
  });

  it('a deleted key keeps an XREAD blocked; the next stream at that key wakes it if its IDs are higher', async () => {
    const b = await start('XADD s 5-0 a 1');
    const r = await b.block('XREAD BLOCK 0 STREAMS s $'.split(' '));
    await b.split(['DEL', 's'], (m) => m.deleteKey('s'));
    await b.expectStillBlocked(r);
    await b.check(['XADD', 's', '3-0', 'b', '2']);
    await b.expectStillBlocked(r);
    await b.check(['XADD', 's', '6-0', 'c', '3']);
    await b.expectSameResult(r);
  });

  it('XDEL and XTRIM do not wake a blocked reader; XGROUP CREATE MKSTREAM on a missing key does, emptily', async () => {
    const b = await start('XADD s 1-1 a 1\nXADD s 1-2 a 2');
    const r = await b.block('XREAD BLOCK 0 STREAMS s 1-2'.split(' '));
    await b.check(['XDEL', 's', '1-1']);
    await b.check(['XTRIM', 's', 'MAXLEN', '0']);
    await b.expectStillBlocked(r);
    const r2 = await b.block('XREAD BLOCK 0 STREAMS fresh $'.split(' '));
    await b.check(['XGROUP', 'CREATE', 'fresh', 'g', '$', 'MKSTREAM']);
    await b.expectStillBlocked(r2);
    await b.check(['XADD', 's', '2-0', 'b', '3']);
    await b.expectSameResult(r);
  });
});
