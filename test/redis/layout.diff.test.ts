/**
 * Node layout: when Redis starts a new listpack node (100 entries or ~4096 bytes), how `~` trimming
 * drops only whole nodes, and how many radix-tree nodes XINFO STREAM reports after random mixes of
 * XADD, XDEL and XTRIM. Seeded, so every run replays the same sequences.
 */
import { describe, expect, it } from 'vitest';
import { expectSame, script, useDifferential, type Outcome } from '../support/differential.js';
import { mulberry32 as rng } from '../support/mulberry32.js';

function randomOps(seed: number, n: number, small: boolean): string[][] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const ops: string[][] = [];
  let ms = 1 + Math.floor(r() * 5);
  let seq = 0;
  const added: string[] = [];
  const values = small
    ? ['v', '1', '-7', '0', 'ab']
    : ['v', '12', '-7', '0', '007', 'x'.repeat(70), 'y'.repeat(300), 'é', '123456789012'];
  const trimRate = small ? 0.005 : 0.05;
  for (let i = 0; i < n; i++) {
    const roll = r();
    if (roll < (small ? 0.85 : 0.8)) {
      if (r() < 0.3) seq++;
      else {
        ms += 1 + Math.floor(r() * (r() < 0.1 ? 100000 : 3));
        seq = r() < 0.2 ? Math.floor(r() * 5) : 0;
      }
      const id = `${ms}-${seq}`;
      added.push(id);
      const fields = r() < 0.7 ? ['f', pick(values)] : ['g', pick(values), 'h', pick(values)];
      ops.push(['XADD', 's', id, ...fields]);
    } else if (roll < 0.9 && added.length > 0) {
      ops.push(['XDEL', 's', pick(added), pick(added)]);
    } else if (roll < 0.9 + trimRate) {
      ops.push(['XTRIM', 's', 'MAXLEN', pick(['~', '=']), String(Math.floor(r() * (small ? 1500 : 300)))]);
    } else if (roll < 0.9 + 2 * trimRate && added.length > 0) {
      ops.push(['XTRIM', 's', 'MINID', pick(['~', '=']), pick(added)]);
    }
    if (i % 25 === 24) ops.push(['XINFO', 'STREAM', 's']);
  }
  ops.push(['XINFO', 'STREAM', 's']);
  ops.push(['XRANGE', 's', '-', '+']);
  return ops;
}

describe('stream node layout (listpack nodes, rax)', () => {
  const d = useDifferential();

  it('starts a new node every 100 entries and reports radix-tree keys/nodes', async () => {
    const ops: string[][] = [];
    for (let i = 1; i <= 450; i++) {
      ops.push(['XADD', 's', `${i}-0`, 'f', String(i)]);
      if (i % 50 === 0) ops.push(['XINFO', 'STREAM', 's']);
    }
    await d.diff().check(ops);
  });

  it('starts a new node when the listpack would reach 4096 bytes', async () => {
    const ops: string[][] = [];
    for (let i = 1; i <= 120; i++) {
      ops.push(['XADD', 's', `${i}-0`, 'field', 'v'.repeat(20 + (i % 40))]);
      ops.push(['XINFO', 'STREAM', 's']);
    }
    await d.diff().check(ops);
  });

  it('MAXLEN ~ drops only whole nodes, MAXLEN = trims exactly, LIMIT caps the work', async () => {
    await d.diff().check([
      ...Array.from({ length: 250 }, (_, i) => ['XADD', 's', `${i + 1}-0`, 'f', 'v']),
      ...script(`
        XADD s MAXLEN ~ 240 251-0 f v
        XLEN s
        XADD s MAXLEN ~ 120 252-0 f v
        XLEN s
        XTRIM s MAXLEN ~ 10 LIMIT 50
        XLEN s
        XTRIM s MAXLEN ~ 10 LIMIT 100
        XLEN s
        XTRIM s MINID ~ 240
        XINFO STREAM s
        XTRIM s MINID 240
        XINFO STREAM s
        XTRIM s MAXLEN = 3
        XINFO STREAM s
        XRANGE s - +
      `),
    ]);
  });

  it('XDEL of every entry of a node frees the node (middle, last, first)', async () => {
    const ids = (from: number, to: number): string[] =>
      Array.from({ length: to - from + 1 }, (_, i) => `${1000 * (from + i)}-${i % 3}`);
    await d.diff().check([
      ...ids(1, 500).map((id) => ['XADD', 's', id, 'f', 'v']),
      ['XINFO', 'STREAM', 's'],
      ['XDEL', 's', ...ids(101, 200)],
      ['XINFO', 'STREAM', 's'],
      ['XDEL', 's', ...ids(401, 500)],
      ['XINFO', 'STREAM', 's'],
      ['XADD', 's', '600000-0', 'f', 'v'],
      ['XINFO', 'STREAM', 's'],
      ['XDEL', 's', ...ids(1, 100)],
      ['XINFO', 'STREAM', 's'],
      ['XDEL', 's', ...ids(201, 300)],
      ['XINFO', 'STREAM', 's'],
      ['XRANGE', 's', '-', '+', 'COUNT', '3'],
      ['XREVRANGE', 's', '+', '-', 'COUNT', '3'],
    ]);
  });

  it('without LIMIT, ~ trimming removes at most 10000 entries (100 x stream-node-max-entries) per call', async () => {
    await d.diff().check([
      ...Array.from({ length: 10250 }, (_, i) => ['XADD', 's', `${i + 1}-0`, 'f', 'v']),
      ['XTRIM', 's', 'MAXLEN', '~', '0'],
      ['XINFO', 'STREAM', 's'],
      ['XADD', 's', 'MAXLEN', '~', '0', '20000-0', 'f', 'v'],
      ['XINFO', 'STREAM', 's'],
    ]);
  });

  it('a small stream (one node) is not trimmed by MAXLEN ~', async () => {
    await d.diff().check(script(`
      XADD s 1 f v
      XADD s 2 f v
      XADD s 3 f v
      XADD s MAXLEN ~ 1 4 f v
      XTRIM s MAXLEN ~ 0
      XTRIM s MINID ~ 4
      XLEN s
      XTRIM s MAXLEN 1
      XLEN s
    `));
  });

  // A non-ASCII value arrives over RESP as its bytes and through the direct client as text: the
  // model keeps one representation (bytes, src/redis/bytes.ts), so both size it as Redis does.
  it('a non-ASCII value fills nodes by its bytes, through the direct client and over RESP alike', async () => {
    const both = await d.diff().runBoth([
      ['XADD', 's', '1-1', 'f', 'é'.repeat(900)],
      ['XADD', 's', '2-1', 'f', 'é'.repeat(900)],
      ['XADD', 's', '3-1', 'f', 'é'.repeat(900)],
      ['XINFO', 'STREAM', 's'],
    ]);
    expectSame(both);
    const nodes = (outcome: Outcome | undefined): unknown => {
      const reply = outcome !== undefined && 'reply' in outcome ? outcome.reply : null;
      return Array.isArray(reply) ? reply[reply.indexOf('radix-tree-keys') + 1] : reply;
    };
    // Three 1800-byte values: two share a 4096-byte node, the third opens another.
    expect([nodes(both.real[3]), nodes(both.model[3]), nodes(both.inMemory?.[3])]).toEqual([2, 2, 2]);
  });

  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`random XADD/XDEL/XTRIM mix with large values, seed ${seed}`, async () => {
      expectSame(await d.diff().runBoth(randomOps(seed, 900, false)));
    });
    it(`random XADD/XDEL/XTRIM mix with small values, seed ${seed}`, async () => {
      expectSame(await d.diff().runBoth(randomOps(seed, 2000, true)));
    });
  }
});
