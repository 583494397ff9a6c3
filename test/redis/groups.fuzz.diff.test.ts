/**
 * Seeded random mixes of every consumer-group command, replayed on a real redis-server and on the
 * model and compared command by command. Idle thresholds are either 0 or far from any idle time the
 * run can produce (IDLE ages records by 10^7 ms, min-idle is 0 or an hour), so wall-clock jitter
 * cannot change an outcome.
 */
import { describe, it } from 'vitest';
import { expectSame, useDifferential } from '../support/differential.js';
import { mulberry32 as rng } from '../support/mulberry32.js';

function randomOps(seed: number, n: number): string[][] {
  const r = rng(seed);
  const int = (k: number): number => Math.floor(r() * k);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)] as T;
  const ids: string[] = [];
  let ms = 1;
  const id = (): string => (ids.length > 0 && r() < 0.9 ? pick(ids) : `${int(ms + 2)}-${int(3)}`);
  const consumers = ['c1', 'c2', 'c3', 'pod-a', 'Pod-b'];
  const ops: string[][] = [
    ['XGROUP', 'CREATE', 's', 'g', '0', 'MKSTREAM'],
    ['XGROUP', 'CREATE', 's', 'h', '$', 'ENTRIESREAD', '0'],
  ];
  for (let i = 0; i < n; i++) {
    const group = r() < 0.7 ? 'g' : 'h';
    const roll = r();
    if (roll < 0.25) {
      ms += r() < 0.3 ? 0 : 1 + int(3);
      const op = ['XADD', 's'];
      if (r() < 0.05) op.push('MAXLEN', pick(['~', '=']), String(5 + int(30)));
      op.push(`${ms}-*`, 'f', String(i));
      ops.push(op);
      ids.push(`${ms}-0`);
    } else if (roll < 0.45) {
      const op = ['XREADGROUP', 'GROUP', group, pick(consumers)];
      if (r() < 0.6) op.push('COUNT', String(int(4)));
      if (r() < 0.1) op.push('NOACK');
      op.push('STREAMS', 's', r() < 0.7 ? '>' : pick(['0', id()]));
      ops.push(op);
    } else if (roll < 0.55) {
      ops.push(['XACK', 's', group, id(), ...(r() < 0.3 ? [id()] : [])]);
    } else if (roll < 0.62) {
      const op = ['XCLAIM', 's', group, pick(consumers), pick(['0', '3600000']), id(), id()];
      if (r() < 0.3) op.push('JUSTID');
      if (r() < 0.2) op.push('FORCE');
      if (r() < 0.2) op.push('RETRYCOUNT', String(int(5)));
      if (r() < 0.3) op.push('IDLE', pick(['0', '10000000']));
      if (r() < 0.1) op.push('LASTID', id());
      ops.push(op);
    } else if (roll < 0.68) {
      const op = ['XAUTOCLAIM', 's', group, pick(consumers), pick(['0', '3600000']), pick(['0', '-', id(), `(${id()}`])];
      if (r() < 0.5) op.push('COUNT', String(1 + int(4)));
      if (r() < 0.3) op.push('JUSTID');
      ops.push(op);
    } else if (roll < 0.72) {
      ops.push(['XDEL', 's', id()]);
    } else if (roll < 0.74) {
      ops.push(['XTRIM', 's', pick(['MAXLEN', 'MINID']), pick(['~', '=']), r() < 0.5 ? String(int(40)) : id()]);
    } else if (roll < 0.76) {
      const op = ['XGROUP', 'SETID', 's', group, pick(['0', '$', id()])];
      if (r() < 0.3) op.push('ENTRIESREAD', String(int(20)));
      ops.push(op);
    } else if (roll < 0.79) {
      ops.push(['XGROUP', pick(['CREATECONSUMER', 'DELCONSUMER']), 's', group, pick(consumers)]);
    } else if (roll < 0.8) {
      ops.push(['XGROUP', 'DESTROY', 's', 'h'], ['XGROUP', 'CREATE', 's', 'h', pick(['0', '$', id()])]);
    } else if (roll < 0.88) {
      const op = ['XPENDING', 's', group];
      if (r() < 0.7) {
        if (r() < 0.3) op.push('IDLE', pick(['0', '5000000']));
        op.push(pick(['-', id(), `(${id()}`]), pick(['+', id()]), String(int(8)));
        if (r() < 0.3) op.push(pick(consumers));
      }
      ops.push(op);
    } else if (roll < 0.93) {
      ops.push(['XINFO', 'GROUPS', 's']);
    } else if (roll < 0.97) {
      ops.push(['XINFO', 'CONSUMERS', 's', group]);
    } else {
      ops.push(['XINFO', 'STREAM', 's', 'FULL', 'COUNT', '0']);
    }
  }
  ops.push(['XINFO', 'STREAM', 's', 'FULL', 'COUNT', '0']);
  return ops;
}

describe('consumer-group commands, random mixes', () => {
  const d = useDifferential();
  for (const seed of [11, 12, 13, 14, 15, 16, 17, 18]) {
    it(`seed ${seed}`, async () => {
      expectSame(await d.diff().runBoth(randomOps(seed, 500)));
    });
  }
});
