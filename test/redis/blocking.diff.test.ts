/**
 * redis-semantics.md §7 (blocking XREADGROUP): what wakes blocked readers, in which order they are
 * served, and what they receive. Real clients block on their own connections; the model's reads are
 * queued and served the way the server layer serves them (see BlockingDiff).
 *
 * Not covered here because they are the server layer's job, not the model's: BLOCK inside
 * MULTI/EXEC (replies nil at once), BLOCK from Lua (an error), and firing timeouts.
 */
import type { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { STALE_MS, script, useDifferential } from '../support/differential.js';
import { BlockingDiff } from './blocking-harness.js';

const READ = 'XREADGROUP GROUP g c BLOCK 0 STREAMS s >'.split(' ');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('§7 blocking XREADGROUP', () => {
  const d = useDifferential();
  let h: BlockingDiff | undefined;
  afterEach(() => h?.close());

  async function start(setup: string): Promise<BlockingDiff> {
    h = new BlockingDiff(d.port(), d.diff().redis as Redis, d.diff().model);
    for (const argv of script(setup)) await h.check(argv);
    return h;
  }

  it('BLOCK 0 waits; commands on other keys leave it blocked; an XADD serves it', async () => {
    const b = await start(`
      XGROUP CREATE s g $ MKSTREAM
      XGROUP CREATE t g $ MKSTREAM
    `);
    const r = await b.block(READ);
    await b.check(['XADD', 't', '1', 'f', 'v']);
    expect(b.lastReadyKeys).toEqual(['t']);
    await b.expectStillBlocked(r);
    await b.check(['XADD', 's', '1', 'f', 'v']);
    expect(b.lastReadyKeys).toEqual(['s']);
    await b.expectSameResult(r);
    await b.check(['XPENDING', 's', 'g', '-', '+', '10']);
    await b.check(['XINFO', 'CONSUMERS', 's', 'g']);
  });

  it('a BLOCK timeout replies nil (the model hands the timeout to the server layer)', async () => {
    await start('XGROUP CREATE s g $ MKSTREAM');
    const real = await d.diff().redis.call('XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '100', 'STREAMS', 's', '>');
    expect(real).toBeNull();
    const r = d.diff().model.execute('XREADGROUP GROUP g c COUNT 5 BLOCK 100 NOACK STREAMS s >'.split(' '), 0);
    const argv = 'XREADGROUP GROUP g c COUNT 5 BLOCK 100 NOACK STREAMS s >'.split(' ');
    expect(r).toEqual({
      kind: 'block',
      read: { kind: 'group', keys: ['s'], timeoutMs: 100, group: 'g', consumer: 'c', count: 5, noack: true, argv, blockNeedsClock: false },
    });
  });

  it('FIFO: the earliest reader takes up to its COUNT, later readers get what is left', async () => {
    const b = await start('XGROUP CREATE s g $ MKSTREAM');
    const r1 = await b.block('XREADGROUP GROUP g c1 COUNT 2 BLOCK 0 STREAMS s >'.split(' '));
    const r2 = await b.block('XREADGROUP GROUP g c2 COUNT 2 BLOCK 0 STREAMS s >'.split(' '));
    const r3 = await b.block('XREADGROUP GROUP g c3 BLOCK 0 STREAMS s >'.split(' '));
    await b.batch(script('XADD s 1 f v\nXADD s 2 f v\nXADD s 3 f v'));
    await b.expectSameResult(r1);
    await b.expectSameResult(r2);
    await b.expectStillBlocked(r3);
    await b.check(['XADD', 's', '4', 'f', 'v']);
    await b.expectSameResult(r3);
    await b.check(['XPENDING', 's', 'g']);
  });

  it('a woken reader without COUNT gets at most 1000 entries on 7.0, all of them on 7.2+ (re-executed)', async () => {
    const b = await start('XGROUP CREATE s g $ MKSTREAM');
    const r = await b.block(READ);
    await b.batch(Array.from({ length: 1500 }, (_, i) => ['XADD', 's', `${i + 1}`, 'f', 'v']));
    const out = await b.expectSameResult(r);
    const served = ((out as { reply: [string, unknown[]][] }).reply[0] as [string, unknown[]])[1];
    expect(served).toHaveLength(d.version === '7.0' ? 1000 : 1500);
    await b.check(['XINFO', 'GROUPS', 's']);
    await b.check(['XPENDING', 's', 'g']);
  });

  it('serving creates the consumer; NOACK serves without PEL records', async () => {
    const b = await start('XGROUP CREATE s g $ MKSTREAM');
    const r = await b.block('XREADGROUP GROUP g quiet NOACK BLOCK 0 STREAMS s >'.split(' '));
    await b.check(['XINFO', 'CONSUMERS', 's', 'g']);
    await b.check(['XADD', 's', '1', 'f', 'v']);
    await b.expectSameResult(r);
    await b.check(['XPENDING', 's', 'g']);
    await b.check(['XINFO', 'CONSUMERS', 's', 'g']);
    await b.check(['XINFO', 'GROUPS', 's']);
  });

  it('XGROUP DESTROY wakes readers of that group with NOGROUP; other groups stay blocked', async () => {
    const b = await start(`
      XGROUP CREATE s g $ MKSTREAM
      XGROUP CREATE s h $
    `);
    const r = await b.block(READ);
    const other = await b.block('XREADGROUP GROUP h c BLOCK 0 STREAMS s >'.split(' '));
    await b.check(['XGROUP', 'DESTROY', 's', 'g']);
    expect(b.lastReadyKeys).toEqual(['s']);
    await b.expectSameResult(r);
    await b.expectStillBlocked(other);
  });

  it('deleting the key wakes readers with UNBLOCKED', async () => {
    const b = await start('XGROUP CREATE s g $ MKSTREAM');
    const r = await b.block(READ);
    expect(await b.split(['DEL', 's'], (m) => expect(m.deleteKey('s')).toBe(true))).toEqual({ reply: 1 });
    expect(b.lastReadyKeys).toEqual(['s']);
    await b.expectSameResult(r);
  });

  it('FLUSHALL wakes readers with UNBLOCKED', async () => {
    const b = await start(`
      XGROUP CREATE s g $ MKSTREAM
      XGROUP CREATE t g $ MKSTREAM
    `);
    const r1 = await b.block(READ);
    const r2 = await b.block('XREADGROUP GROUP g c BLOCK 0 STREAMS t >'.split(' '));
    await b.split(['FLUSHALL'], (m) => m.flush());
    expect(b.lastReadyKeys).toEqual(['s', 't']);
    await b.expectSameResult(r1);
    await b.expectSameResult(r2);
  });

  it('SETID, CREATECONSUMER, DELCONSUMER, XDEL, XTRIM, XACK, XCLAIM and XAUTOCLAIM wake nobody', async () => {
    const b = await start(`
      XADD s 1 f v
      XADD s 2 f v
      XGROUP CREATE s g 0
      XREADGROUP GROUP g other STREAMS s >
    `);
    const r = await b.block(READ);
    for (const argv of script(`
      XGROUP SETID s g $
      XGROUP CREATECONSUMER s g newbie
      XGROUP DELCONSUMER s g newbie
      XDEL s 1
      XTRIM s MAXLEN 0
      XACK s g 1
      XCLAIM s g c 0 2
      XAUTOCLAIM s g c 0 0
    `)) {
      await b.check(argv);
      expect(b.lastReadyKeys, argv.join(' ')).toEqual([]);
      await b.expectStillBlocked(r);
    }
    await b.check(['XADD', 's', '3', 'f', 'v']);
    await b.expectSameResult(r);
  });

  it('DELCONSUMER of the blocked consumer leaves it blocked; serving creates it again', async () => {
    const b = await start('XGROUP CREATE s g $ MKSTREAM');
    const r = await b.block(READ);
    await b.check(['XGROUP', 'CREATECONSUMER', 's', 'g', 'c']);
    await b.check(['XGROUP', 'DELCONSUMER', 's', 'g', 'c']);
    await b.expectStillBlocked(r);
    await b.check(['XINFO', 'CONSUMERS', 's', 'g']);
    await b.check(['XADD', 's', '1', 'f', 'v']);
    await b.expectSameResult(r);
    await b.check(['XINFO', 'CONSUMERS', 's', 'g']);
  });

  it("a waiting reader's idle: 7.0 keeps counting from its last served read, 7.2+ restarts it when the read begins", async () => {
    // Why a cleanup job deleting consumers idle > N removes live pollers on 7.0 only (scenarios/consumer-cleanup.yaml).
    const b = await start('XGROUP CREATE s g $ MKSTREAM');
    await b.check('XREADGROUP GROUP g c STREAMS s 0'.split(' '));
    await sleep(STALE_MS);
    const r = await b.block(READ);
    await sleep(STALE_MS);
    await b.check(['XINFO', 'CONSUMERS', 's', 'g']);
    const [fields] = (await d.diff().redis.call('XINFO', 'CONSUMERS', 's', 'g')) as unknown[][];
    const idle = Number(fields?.[(fields?.indexOf('idle') ?? -2) + 1]);
    if (d.version === '7.0') expect(idle).toBeGreaterThanOrEqual(2 * STALE_MS);
    else expect(idle).toBeLessThan(2 * STALE_MS);
    await b.check(['XADD', 's', '1', 'f', 'v']);
    await b.expectSameResult(r);
  });

  it('after a SETID rewind the next XADD serves from the rewound ID', async () => {
    const b = await start(`
      XADD s 1 f v
      XADD s 2 f v
      XGROUP CREATE s g $
    `);
    const r = await b.block('XREADGROUP GROUP g c COUNT 10 BLOCK 0 STREAMS s >'.split(' '));
    await b.check(['XGROUP', 'SETID', 's', 'g', '0']);
    await b.expectStillBlocked(r);
    await b.check(['XADD', 's', '3', 'f', 'v']);
    await b.expectSameResult(r);
  });

  it('XADD and XDEL of that entry in one batch: 7.0 "serves" [[key, []]]; 7.2+ re-executes and blocks again', async () => {
    const b = await start('XGROUP CREATE s g $ MKSTREAM');
    const r = await b.block(READ);
    await b.batch(script('XADD s 1 f v\nXDEL s 1'));
    if (d.version !== '7.0') {
      // The re-executed read found nothing live, created its consumer and blocked again.
      await b.expectStillBlocked(r);
      await b.check(['XINFO', 'CONSUMERS', 's', 'g']);
      await b.check(['XADD', 's', '2', 'f', 'v']);
    }
    await b.expectSameResult(r);
    await b.check(['XINFO', 'CONSUMERS', 's', 'g']);
    await b.check(['XINFO', 'GROUPS', 's']);
  });

  it('a signal that serves nothing: 7.0 keeps the reader in place, 7.2+ re-executes it and queues it last', async () => {
    const b = await start(`
      XGROUP CREATE s g $ MKSTREAM
      XGROUP CREATE t g $ MKSTREAM
      XGROUP CREATE s h $
    `);
    const onBoth = await b.block('XREADGROUP GROUP g a COUNT 1 BLOCK 0 STREAMS t s > >'.split(' '));
    const onT = await b.block('XREADGROUP GROUP g b COUNT 1 BLOCK 0 STREAMS t >'.split(' '));
    // Destroying another group signals s: nothing to serve, but 7.2+ re-runs the first read.
    await b.check(['XGROUP', 'DESTROY', 's', 'h']);
    await b.check(['XINFO', 'CONSUMERS', 's', 'g']);
    await b.check(['XADD', 't', '1', 'f', 'v']);
    const [first, second] = d.version === '7.0' ? [onBoth, onT] : [onT, onBoth];
    await b.expectSameResult(first);
    await b.expectStillBlocked(second);
    await b.check(['XADD', 't', '2', 'f', 'v']);
    await b.expectSameResult(second);
    await b.check(['XINFO', 'CONSUMERS', 't', 'g']);
  });

  it('a reader blocked on two keys is served with only the key that got data', async () => {
    const b = await start(`
      XGROUP CREATE s g $ MKSTREAM
      XGROUP CREATE t g $ MKSTREAM
    `);
    const r = await b.block('XREADGROUP GROUP g c BLOCK 0 STREAMS s t > >'.split(' '));
    await b.check(['XADD', 't', '1', 'f', 'v']);
    await b.expectSameResult(r);
    await b.check(['XADD', 's', '1', 'f', 'v']);
    await b.check(['XPENDING', 's', 'g']);
    await b.check(['XPENDING', 't', 'g']);
  });

  it('two readers with the same name get disjoint entries', async () => {
    const b = await start('XGROUP CREATE jobs workers $ MKSTREAM');
    const p1 = await b.block('XREADGROUP GROUP workers worker COUNT 1 BLOCK 0 STREAMS jobs >'.split(' '));
    const p2 = await b.block('XREADGROUP GROUP workers worker COUNT 1 BLOCK 0 STREAMS jobs >'.split(' '));
    await b.batch(script('XADD jobs 1-0 task a\nXADD jobs 2-0 task b'));
    await b.expectSameResult(p1);
    await b.expectSameResult(p2);
    await b.check(['XPENDING', 'jobs', 'workers', '-', '+', '10']);
  });

  it('key deleted and re-created with the group in one batch: the reader stays blocked', async () => {
    const b = await start('XGROUP CREATE s g $ MKSTREAM');
    const r = await b.block(READ);
    const lua = "redis.call('DEL', 's') redis.call('XGROUP', 'CREATE', 's', 'g', '$', 'MKSTREAM') return 1";
    await b.split(['EVAL', lua, '0'], (m) => {
      m.deleteKey('s');
      m.execute(['XGROUP', 'CREATE', 's', 'g', '$', 'MKSTREAM'], Date.now());
    });
    expect(b.lastReadyKeys).toEqual(['s']);
    await b.expectStillBlocked(r);
    await b.check(['XADD', 's', '1', 'f', 'v']);
    await b.expectSameResult(r);
  });

  it('key deleted and re-created without the group in one batch: NOGROUP', async () => {
    const b = await start('XGROUP CREATE s g $ MKSTREAM');
    const r = await b.block(READ);
    const lua = "redis.call('DEL', 's') redis.call('XADD', 's', '1', 'f', 'v') return 1";
    await b.split(['EVAL', lua, '0'], (m) => {
      m.deleteKey('s');
      m.execute(['XADD', 's', '1', 'f', 'v'], Date.now());
    });
    await b.expectSameResult(r);
  });

  it('group destroyed and re-created in one batch: served against the new group', async () => {
    const b = await start(`
      XADD s 1 f v
      XGROUP CREATE s g $
    `);
    const r = await b.block(READ);
    await b.batch(script('XGROUP DESTROY s g\nXGROUP CREATE s g 0'));
    await b.expectSameResult(r);
    await b.check(['XINFO', 'GROUPS', 's']);
  });

  it('key creation by XGROUP CREATE MKSTREAM is signaled as ready (as Redis dbAdd does)', async () => {
    const b = await start('XGROUP CREATE s g $ MKSTREAM');
    await b.check(['XGROUP', 'CREATE', 't', 'g', '$', 'MKSTREAM']);
    expect(b.lastReadyKeys).toEqual(['t']);
    await b.check(['XGROUP', 'CREATE', 't', 'h', '$', 'MKSTREAM']);
    expect(b.lastReadyKeys).toEqual([]);
  });
});
