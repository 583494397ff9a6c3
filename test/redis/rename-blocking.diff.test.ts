/**
 * RENAME and blocked readers against each real server: a stream renamed onto a key that
 * readers are blocked on serves them when it has their group (and entries above its last ID), errs
 * when it lacks the group; readers blocked on the old name see a deleted key.
 */
import type { Redis } from 'ioredis';
import { afterEach, describe, it } from 'vitest';
import { script, useDifferential } from '../support/differential.js';
import { BlockingDiff } from './blocking-harness.js';

describe('RENAME with blocked readers', () => {
  const d = useDifferential();
  let h: BlockingDiff | undefined;
  afterEach(() => h?.close());

  async function start(setup: string): Promise<BlockingDiff> {
    h = new BlockingDiff(d.port(), d.diff().redis as Redis, d.diff().model);
    for (const argv of script(setup)) await h.check(argv);
    return h;
  }

  const rename = (b: BlockingDiff, from: string, to: string) =>
    b.split(['RENAME', from, to], (m) => m.renameKey(from, to));

  it('onto a key with a blocked XREADGROUP: the new stream has the group and newer entries, so it is served', async () => {
    const b = await start(`
      XGROUP CREATE dst g $ MKSTREAM
      XADD src 1-1 a 1
      XADD src 2-1 b 2
      XGROUP CREATE src g 0
    `);
    const r = await b.block('XREADGROUP GROUP g c BLOCK 0 STREAMS dst >'.split(' '));
    await rename(b, 'src', 'dst');
    await b.expectSameResult(r);
    await b.check(['XPENDING', 'dst', 'g']);
  });

  it('onto a key with a blocked XREADGROUP: the new stream lacks the group, so the reader gets NOGROUP', async () => {
    const b = await start(`
      XGROUP CREATE dst g $ MKSTREAM
      XADD src 1-1 a 1
    `);
    const r = await b.block('XREADGROUP GROUP g c BLOCK 0 STREAMS dst >'.split(' '));
    await rename(b, 'src', 'dst');
    await b.expectSameResult(r);
  });

  it('onto a key with a blocked XREADGROUP: the group has read everything, so it stays blocked', async () => {
    const b = await start(`
      XGROUP CREATE dst g $ MKSTREAM
      XADD src 1-1 a 1
      XGROUP CREATE src g $
    `);
    const r = await b.block('XREADGROUP GROUP g c BLOCK 0 STREAMS dst >'.split(' '));
    await rename(b, 'src', 'dst');
    await b.expectStillBlocked(r);
    await b.check(['XADD', 'dst', '5-1', 'c', '3']);
    await b.expectSameResult(r);
  });

  it('away from a key with a blocked XREADGROUP: the reader sees a deleted key', async () => {
    const b = await start('XGROUP CREATE src g $ MKSTREAM');
    const r = await b.block('XREADGROUP GROUP g c BLOCK 0 STREAMS src >'.split(' '));
    await rename(b, 'src', 'moved');
    await b.expectSameResult(r);
  });

  it('blocked XREADs: on the new name served by newer entries, on the old name still blocked', async () => {
    const b = await start(`
      XADD dst 1-1 a 1
      XADD src 7-1 b 2
    `);
    const onDst = await b.block('XREAD BLOCK 0 STREAMS dst $'.split(' '));
    const onSrc = await b.block('XREAD BLOCK 0 STREAMS src $'.split(' '));
    await rename(b, 'src', 'dst');
    await b.expectSameResult(onDst);
    await b.expectStillBlocked(onSrc);
  });
});
