/**
 * Keyspace commands against a real redis-server 7.0, through the whole simulated server: TYPE,
 * EXISTS, TIME, RENAME/RENAMENX, SCAN, MEMORY USAGE and CONFIG GET/SET of the stream node settings
 * (and what they change: node layout, `~` trimming, XINFO STREAM).
 */
import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/redis/index.js';
import { script, serverUnderTest, skipUnlessJemalloc } from '../support/differential.js';
import { useServerDifferential, type ServerDifferential } from '../support/server-differential.js';

/**
 * Every key a full SCAN returns (cursor until 0), sorted; or the error text when a call is refused
 * (Valkey 8 refuses an unknown TYPE that Redis lets match nothing).
 */
async function scanAll(call: (argv: string[]) => Promise<Reply>, options: string[]): Promise<string[] | { error: string }> {
  const seen = new Set<string>();
  let cursor = '0';
  for (let calls = 0; calls < 10_000; calls++) {
    let page: Reply;
    try {
      page = await call(['SCAN', cursor, ...options]);
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
    const [next, keys] = page as [string, string[]];
    for (const k of keys) seen.add(k);
    cursor = next;
    if (cursor === '0') return [...seen].sort();
  }
  throw new Error('SCAN did not finish');
}

function both(d: ServerDifferential): [(argv: string[]) => Promise<Reply>, (argv: string[]) => Promise<Reply>] {
  return [
    (argv) => d.redis.call(argv[0] as string, ...argv.slice(1)) as Promise<Reply>,
    (argv) => d.client.call(argv[0] as string, ...argv.slice(1)),
  ];
}

describe('keyspace commands against redis-server', () => {
  const d = useServerDifferential();

  it('SET with options over a stream: syntax, then expire, then GET, then NX/XX, as t_string.c orders them', () =>
    d().check(
      script(`
        XADD s 1-1 f v
        SET s y NX
        SET s y NX GET
        SET s y XX GET
        SET s y GET
        SET s y NX XX
        SET s y EX 0
        SET s y EX x GET
        SET s y PX 10 EX 10
        SET s y KEEPTTL EX 10
        SET s y BOGUS
        SET s y EX 9223372036854775807
        SET s y PX -5 NX
        TYPE s
        XLEN s
        SET s y XX PX 100000
        TYPE s
        GET s
        XADD s 1-2 f v
        XADD t 1-1 f v
        SET t z EX 100 KEEPTTL
        SET t z KEEPTTL
        TYPE t
        GET t
        SET u w XX
        SET u w NX GET
        GET u
      `),
    ));

  it('TYPE and EXISTS over streams and other values; TIME has Redis\'s shape', async () => {
    await d().check(
      script(`
        XADD s 1-1 f v
        SET str x
        HSET h f v
        RPUSH l a
        SADD set a
        ZADD z 1 a
        TYPE s
        TYPE str
        TYPE h
        TYPE l
        TYPE set
        TYPE z
        TYPE none
        EXISTS s str h none s
        EXISTS
        TYPE
        TIME extra
      `),
    );
    const [real, sim] = both(d());
    for (const call of [real, sim]) {
      const [seconds, micros] = (await call(['TIME'])) as [string, string];
      expect(seconds).toMatch(/^\d+$/);
      expect(Number(micros)).toBeLessThan(1_000_000);
    }
  });

  it('RENAME and RENAMENX move streams (groups included) and values, and replace what was there', async () => {
    await d().check(
      script(`
        RENAME nope x
        RENAMENX nope x
        XADD s 1-1 f v
        XGROUP CREATE s g 0
        XREADGROUP GROUP g c STREAMS s >
        RENAME s s
        RENAME s t
        EXISTS s t
        XPENDING t g
        XINFO STREAM t
        SET str v
        RENAME str t
        TYPE t
        GET t
        XADD u 1-1 f v
        RENAME t u
        TYPE u
        XADD s2 5-5 a b
        RENAMENX s2 u
        RENAMENX s2 w
        TYPE w
        RENAME w u
        TYPE u
        XLEN u
        RENAME
      `),
    );
  });

  it('SCAN returns every key once over a full iteration, with MATCH, TYPE and COUNT', async () => {
    const setup: string[][] = [];
    for (let i = 0; i < 40; i++) setup.push(['XADD', `stream:${i}`, '1-1', 'f', 'v']);
    for (let i = 0; i < 30; i++) setup.push(['SET', `lock:${i}`, 'x']);
    setup.push(['HSET', 'hash:1', 'f', 'v']);
    await d().check(setup);
    const [real, sim] = both(d());
    for (const options of [[], ['COUNT', '7'], ['MATCH', 'lock:1*'], ['TYPE', 'stream', 'COUNT', '3'], ['TYPE', 'hash'], ['TYPE', 'Stream'], ['TYPE', 'nosuch']]) {
      const expected = await scanAll(real, options);
      expect(await scanAll(sim, options), `SCAN ${options.join(' ')}`).toEqual(expected);
    }
    await d().check(
      script(`
        SCAN x
        SCAN 0 COUNT 0
        SCAN 0 COUNT x
        SCAN 0 FOO
        SCAN 0 MATCH
        SCAN
        SCAN 0 TYPE nosuch COUNT 0
        SCAN 0 COUNT 0 TYPE nosuch
        SCAN 0 NOVALUES
        SCAN 0 NOSCORES
        SCAN 0 MATCH * NOVALUES COUNT x
      `),
    );
  });

  it.skipIf(skipUnlessJemalloc('MEMORY USAGE'))('MEMORY USAGE of streams matches Redis (nodes, groups, PELs); strings and errors too', async () => {
    const setup: string[][] = [['XADD', 's1', '1-1', 'f', 'v']];
    for (let i = 1; i <= 100; i++) setup.push(['XADD', 's100', `${i}-1`, 'field', `value${i}`]);
    for (let i = 1; i <= 1000; i++) setup.push(['XADD', 's1k', `${i}-1`, 'field', `value${i}`]);
    await d().check(setup);
    await d().check(
      script(`
        MEMORY USAGE s1
        MEMORY USAGE s100
        MEMORY USAGE s1k
        MEMORY USAGE s1k SAMPLES 0
        MEMORY USAGE s1k SAMPLES 2
        XGROUP CREATE s1k g 0
        MEMORY USAGE s1k
        XREADGROUP GROUP g c COUNT 500 STREAMS s1k >
        XREADGROUP GROUP g other-consumer COUNT 30 STREAMS s1k >
        MEMORY USAGE s1k
        XACK s1k g 1-1 2-1 3-1 700-1
        MEMORY USAGE s1k
        SET str hello
        MEMORY USAGE str
        MEMORY USAGE nope
        MEMORY USAGE
        MEMORY USAGE s1 SAMPLES x
        MEMORY USAGE s1 FOO
      `),
    );
  });

  it('CONFIG GET/SET of the stream node settings, with Redis\'s texts', async () => {
    await d().check(
      script(`
        CONFIG GET stream-node-max-entries
        CONFIG GET STREAM-NODE-MAX-ENTRIES
        CONFIG SET stream-node-max-entries x
        CONFIG SET stream-node-max-entries -1
        CONFIG SET stream-node-max-bytes x
        CONFIG SET foo 1
        CONFIG SET stream-node-max-entries
        CONFIG SET stream-node-max-bytes 4096 stream-node-max-entries 100 stream-node-max-bytes 5
        CONFIG SET stream-node-max-bytes 4kb
        CONFIG GET stream-node-max-bytes
        CONFIG SET stream-node-max-bytes 1g stream-node-max-entries 7
        CONFIG GET stream-node-max-entries
        CONFIG FOO
        CONFIG GET
      `),
    );
    // Several settings come back in the server's hash order: compare them as name → value.
    const [real, sim] = both(d());
    const asMap = (flat: Reply): Map<Reply, Reply> => {
      const pairs = flat as Reply[];
      return new Map(pairs.flatMap((_, i) => (i % 2 === 0 ? [[pairs[i], pairs[i + 1]] as [Reply, Reply]] : [])));
    };
    for (const argv of [
      ['CONFIG', 'GET', 'stream-node-max-*'],
      ['CONFIG', 'GET', 'stream-node-max-entries', 'stream-node-max-bytes', 'stream-node-max-entries'],
      ['CONFIG', 'GET', '*node-max-e*'],
      ['CONFIG', 'GET', 'stream-node*'],
    ]) {
      expect(asMap(await sim(argv)), argv.join(' ')).toEqual(asMap(await real(argv)));
    }
  });

  it('stream-node-max-entries and -bytes change node layout, XINFO STREAM and what MAXLEN ~ trims', async () => {
    const jemalloc = serverUnderTest().allocator.startsWith('jemalloc');
    const adds = (key: string, n: number, value = 'v'): string[][] =>
      Array.from({ length: n }, (_, i) => ['XADD', key, `${i + 1}-1`, 'f', `${value}${i}`]);
    await d().check([
      ['CONFIG', 'SET', 'stream-node-max-entries', '5'],
      ...adds('a', 23),
      ['XINFO', 'STREAM', 'a'],
      ['XTRIM', 'a', 'MAXLEN', '~', '12'],
      ['XINFO', 'STREAM', 'a'],
      ['XADD', 'a', 'MAXLEN', '~', '3', '100-1', 'f', 'v'],
      ['XLEN', 'a'],
      ['CONFIG', 'SET', 'stream-node-max-entries', '1'],
      ...adds('b', 300),
      // The default LIMIT of `~` is 100 × stream-node-max-entries: 100 entries here.
      ['XTRIM', 'b', 'MAXLEN', '~', '0'],
      ['XLEN', 'b'],
      ['CONFIG', 'SET', 'stream-node-max-entries', '0', 'stream-node-max-bytes', '100'],
      ...adds('c', 20, 'x'.repeat(30)),
      ['XINFO', 'STREAM', 'c'],
      ['XTRIM', 'c', 'MAXLEN', '~', '10'],
      ['XINFO', 'STREAM', 'c'],
      ...(jemalloc ? [['MEMORY', 'USAGE', 'c']] : []),
      ['CONFIG', 'SET', 'stream-node-max-entries', '0', 'stream-node-max-bytes', '0'],
      ...adds('d', 150),
      ['XINFO', 'STREAM', 'd'],
      ['XTRIM', 'd', 'MAXLEN', '~', '10'],
      ['XLEN', 'd'],
    ]);
  });
});
