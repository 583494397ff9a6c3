/**
 * The edges issue 16 found the model wrong on, each checked reply by reply against a real
 * redis-server: IDs over the full 64-bit range, XSETID, errors in Redis's order (arguments before
 * the key's type), and 64-bit counters as ioredis reads them back.
 */
import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, it } from 'vitest';
import { Simulation } from '../../src/engine/index.js';
import { createSimRedis, type SimRedisServer } from '../../src/redis/index.js';
import type { Reply } from '../../src/redis/model/types.js';
import { expectSame, realOutcome, script, useDifferential, type Outcome } from '../support/differential.js';

const MAX = '18446744073709551615';

describe('64-bit edges', () => {
  const d = useDifferential();
  // `*` IDs read each side's clock: compare their ms within a tolerance.
  const check = (text: string) => d.diff().check(script(text), { fuzzyIds: true });

  describe('finding: IDs with a part above 2^53-1 were refused', () => {
    it('adds, reads and deletes IDs above 2^53-1 exactly', () =>
      check(`
        XADD s 9007199254740993-0 f v
        XADD s 9007199254740993-* f v
        XADD s 9007199254740993-9007199254740995 f v
        XADD s 12345678901234567891-5 f v
        XRANGE s 9007199254740993 9007199254740993
        XRANGE s (9007199254740993-0 +
        XREVRANGE s + (9007199254740993-9007199254740995
        XDEL s 9007199254740993-1
        XLEN s
        XINFO STREAM s
      `));

    it('takes the maximal ID and then refuses anything more, with Redis texts', () =>
      check(`
        XADD s ${MAX}-* f v
        XADD s ${MAX}-${MAX} f v
        XADD s ${MAX}-* f v
        XADD s * f v
        XADD s 5-5 f v
        XRANGE s ${MAX} +
        XINFO STREAM s
        XADD t ${MAX}-${MAX} f v
        XADD t ${MAX}-${MAX} f v
        XADD u 5-${MAX} f v
        XADD u 5-* f v
        XADD u 6-* f v
        XADD u * f v
      `));

    it('reads and claims around the maximal ID', () =>
      check(`
        XADD s 1-1 f v
        XGROUP CREATE s g ${MAX}-${MAX}
        XREADGROUP GROUP g c STREAMS s ${MAX}
        XREADGROUP GROUP g c STREAMS s >
        XGROUP SETID s g 0
        XREADGROUP GROUP g c STREAMS s >
        XPENDING s g (1-1 ${MAX} 10
        XCLAIM s g d 0 1-1 LASTID ${MAX}-${MAX}
        XAUTOCLAIM s g d 0 (${MAX}-${MAX}
        XAUTOCLAIM s g d 0 ${MAX}-${MAX}
        XREAD STREAMS s 18446744073709551614-${MAX}
        XTRIM s MINID ${MAX}
        XINFO GROUPS s
      `));

    it('answers Redis own earlier errors instead of a pelsim refusal', () =>
      check(`
        XGROUP CREATE s g 0 MKSTREAM
        XGROUP CREATE s g 9007199254740993
        XREADGROUP GROUP nog c STREAMS s 9007199254740993
        XPENDING s nog - 9007199254740993 10
        XADD s MAXLEN ~ x 9007199254740993-0 f v
        XRANGE s 9007199254740993 + COUNT
        XCLAIM s nog c 0 9007199254740993
      `));
  });

  describe('finding: XSETID was not modelled', () => {
    it('sets the last ID, entries-added and max-deleted-entry-id', () =>
      check(`
        XADD s 5-1 f v
        XADD s 5-2 f v
        XSETID s 10-0
        XADD s 10-0 f v
        XADD s 10-* f v
        XSETID s 20-0 ENTRIESADDED 100 MAXDELETEDID 15-0
        XINFO STREAM s
        XGROUP CREATE s g 0
        XINFO GROUPS s
        XSETID s ${MAX}-${MAX} ENTRIESADDED 9223372036854775807 MAXDELETEDID ${MAX}-${MAX}
        XINFO STREAM s
        XADD s * f v
        XSETID s 20-0
      `));

    it('answers every XSETID error in Redis order', () =>
      check(`
        XSETID
        XSETID s
        XSETID s x
        XSETID s -
        XSETID s 5-*
        XSETID missing 1-0
        XSETID s 1-0 ENTRIESADDED
        XSETID s 1-0 ENTRIESADDED x
        XSETID s 1-0 ENTRIESADDED -1
        XSETID s 1-0 ENTRIESADDED 9223372036854775808
        XSETID s 1-0 MAXDELETEDID x
        XSETID s 1-0 MAXDELETEDID 2-0
        XSETID s 1-0 FOO 1
        XSETID s 1-0 ENTRIESADDED 1 ENTRIESADDED 2 MAXDELETEDID 0-1
        XADD s 5-0 a 1
        XADD s 6-0 a 1
        XADD s 7-0 a 1
        XDEL s 6-0
        XSETID s 5-0
        XSETID s 7-0 ENTRIESADDED 1
        XSETID s 7-0 ENTRIESADDED 2
        XDEL s 7-0
        XSETID s 6-9
        XSETID s 7-0
        XINFO STREAM s
        XDEL s 5-0
        XSETID s 1-0 MAXDELETEDID 0-5
        XSETID s 7-0 ENTRIESADDED 0
        XINFO STREAM s
      `));
  });

  describe('finding: 64-bit counters did not read back as Redis sends them', () => {
    it('reads ENTRIESREAD 9223372036854775807 back as ioredis parses it', () =>
      check(`
        XADD s 1-1 f v
        XGROUP CREATE s g 0 ENTRIESREAD 9223372036854775807
        XINFO GROUPS s
        XGROUP SETID s g 0 ENTRIESREAD 9007199254740993
        XINFO GROUPS s
        XINFO STREAM s FULL
        XGROUP SETID s g 0 ENTRIESREAD 9223372036854775807
        XREADGROUP GROUP g c STREAMS s >
        XINFO GROUPS s
        XCLAIM s g c 0 1-1 RETRYCOUNT 9223372036854775807
        XPENDING s g - + 10
        XCLAIM s g c 0 1-1
        XPENDING s g - + 10
        XINFO STREAM s FULL
      `));
  });
});

describe('64-bit counters through ioredis over the RESP connection', () => {
  const d = useDifferential();

  it('reads back exactly what the same ioredis reads from the real server', async () => {
    const argvs = script(`
      XADD s 1-1 f v
      XGROUP CREATE s g 0 ENTRIESREAD 9223372036854775807
      XINFO GROUPS s
      XREADGROUP GROUP g c STREAMS s >
      XINFO GROUPS s
      XCLAIM s g c 0 1-1 RETRYCOUNT 9223372036854775806
      XCLAIM s g c 0 1-1
      XPENDING s g - + 10
      XSETID s 1-1 ENTRIESADDED 9223372036854775807
      XADD s 2-0 f v
      XINFO STREAM s
    `);
    const real: Outcome[] = [];
    for (const argv of argvs) real.push(await realOutcome(d.diff().redis, argv));
    const sim = new Simulation({ seed: 1 });
    const server = createSimRedis({ simulation: sim, version: d.version, log: () => undefined });
    const model: Outcome[] = [];
    sim.spawn('client', async () => {
      const redis = new Redis(server.url);
      for (const argv of argvs) model.push(await realOutcome(redis, argv));
      await redis.quit();
    });
    try {
      await sim.run();
    } finally {
      server.dispose();
    }
    expectSame({ argvs, real, model });
  });
});

/** Sends each command to the real server and to a simulated one (through its client). */
describe('finding: WRONGTYPE came before argument errors', () => {
  const d = useDifferential();
  let sim: SimRedisServer;
  let redis: Redis;
  beforeEach(() => {
    sim = createSimRedis({ version: d.version });
    redis = new Redis({ port: d.port(), lazyConnect: false, maxRetriesPerRequest: 0 });
  });
  afterEach(() => {
    sim.dispose();
    redis.disconnect();
  });

  async function check(text: string): Promise<void> {
    const argvs = script(text);
    const client = sim.connect();
    const real: Outcome[] = [];
    const model: Outcome[] = [];
    for (const argv of argvs) {
      real.push(await realOutcome(redis, argv));
      try {
        model.push({ reply: (await client.call(argv[0] as string, ...argv.slice(1))) as Reply });
      } catch (e) {
        model.push({ error: (e as Error).message });
      }
    }
    expectSame({ argvs, real, model });
  }

  it('parses every stream command before looking at the key type', () =>
    check(`
      SET str x
      XADD str 1-a f v
      XADD str 1-1 f
      XADD str MAXLEN x 1-1 f v
      XADD str 1-1 f v
      XTRIM str MAXLEN x
      XTRIM str MAXLEN 1
      XRANGE str x +
      XRANGE str - + COUNT x
      XRANGE str - +
      XREVRANGE str + x
      XLEN str
      XDEL str x
      XDEL str 1-1
      XREAD COUNT x STREAMS str 0
      XREAD STREAMS str x
      XREAD STREAMS str $
      XREAD STREAMS s1 str 0 x
      XREADGROUP GROUP g c STREAMS str x
      XREADGROUP GROUP g c STREAMS str >
      XACK str g x
      XACK str g 1-1
      XPENDING str g - + x
      XPENDING str g
      XCLAIM str g c x 1-1
      XCLAIM str g c 0 1-1
      XAUTOCLAIM str g c x 0
      XAUTOCLAIM str g c 0 x
      XAUTOCLAIM str g c 0 0
      XGROUP CREATE str g x
      XGROUP CREATE str g $
      XGROUP SETID str g x
      XGROUP CREATECONSUMER str g c
      XGROUP DESTROY str g
      XINFO STREAM str FULL COUNT x
      XINFO GROUPS str
      XSETID str x
      XSETID str 1-1
    `));
});
