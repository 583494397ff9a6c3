/**
 * EVAL/EVALSHA/SCRIPT against each real server, the model with that version's scripting dialect:
 * Lua↔RESP conversions, redis.call/pcall into streams and other keys, error texts (NOSCRIPT, script
 * errors with their location), read-only scripts, the libraries Redis adds (cjson, bit), Redis's
 * math.random sequence, and what differs per version (API table names, texts, BLOCK in scripts).
 */
import { describe, it } from 'vitest';
import { useServerDifferential } from '../../support/server-differential.js';

const evalArgv = (body: string, ...rest: string[]): string[] => ['EVAL', body, ...rest];

describe('EVAL against redis-server', () => {
  const d = useServerDifferential();

  // First in the file: the real server's generator is fresh only once.
  it("math.random draws Redis's lrand48 sequence", async () => {
    await d().check([
      evalArgv('return {math.random(100), math.random(100), tostring(math.random()), math.random(5, 9)}', '0'),
      evalArgv('math.randomseed(42) return {math.random(1000), math.random(1000)}', '0'),
    ]);
  });

  it('converts Lua values to replies: integers, truncated floats, booleans, nil, nested tables, status, error', async () => {
    await d().check([
      evalArgv("return {1, 2.7, -2.7, 'x', true, false, nil, 3}", '0'),
      evalArgv('return 3.99', '0'),
      evalArgv('return -0.5', '0'),
      evalArgv('return true', '0'),
      evalArgv('return false', '0'),
      evalArgv('return nil', '0'),
      evalArgv('return {}', '0'),
      evalArgv("return {1, {2, {'deep'}}, 'x'}", '0'),
      evalArgv("return {ok = 'FINE'}", '0'),
      evalArgv("return redis.status_reply('ALSO FINE')", '0'),
      evalArgv("return {err = 'My Error'}", '0'),
      evalArgv("return redis.error_reply('-ERR with dash')", '0'),
      evalArgv('return 2^40', '0'),
      evalArgv('return 1700000000123', '0'),
      evalArgv("return {KEYS[1], KEYS[2], ARGV[1], #ARGV}", '2', 'k1', 'k2', 'a1', 'a2'),
    ]);
  });

  it('converts replies to Lua values: integers, bulk, nil as false, arrays, status tables', async () => {
    await d().check([
      ['SET', 'str', 'hello'],
      evalArgv("local v = redis.call('GET', 'str') return {type(v), v}", '0'),
      evalArgv("local v = redis.call('GET', 'missing') return {type(v), tostring(v)}", '0'),
      evalArgv("local v = redis.call('INCR', 'n') return {type(v), v + 1}", '0'),
      evalArgv("local v = redis.call('SET', 'a', 'b') return {type(v), v.ok}", '0'),
      evalArgv("local v = redis.call('TYPE', 'a') return {type(v), v.ok}", '0'),
      evalArgv("local v = redis.call('PING') return {type(v), v.ok}", '0'),
      evalArgv("return redis.call('PING', 'echo')", '0'),
      evalArgv("return redis.call('SET', 'c', 'd')", '0'),
      evalArgv("return redis.call('EXISTS', 'a', 'c', 'none')", '0'),
      evalArgv("return redis.call('GET', 3)", '0'),
    ]);
  });

  it('redis.call reaches the stream model: XADD, XGROUP, XREADGROUP, XACK, XPENDING, XINFO', async () => {
    const consume = `
      local read = redis.call('XREADGROUP', 'GROUP', 'g', ARGV[1], 'COUNT', 2, 'STREAMS', KEYS[1], '>')
      local ids = {}
      if read then
        for _, entry in ipairs(read[1][2]) do
          ids[#ids + 1] = entry[1]
          redis.call('XACK', KEYS[1], 'g', entry[1])
        end
      end
      return ids`;
    await d().check([
      evalArgv("return redis.call('XGROUP', 'CREATE', KEYS[1], 'g', '$', 'MKSTREAM')", '1', 'jobs'),
      evalArgv("for i = 1, 5 do redis.call('XADD', KEYS[1], i .. '-1', 'n', i) end return redis.call('XLEN', KEYS[1])", '1', 'jobs'),
      evalArgv(consume, '1', 'jobs', 'c1'),
      evalArgv(consume, '1', 'jobs', 'c2'),
      evalArgv("return redis.call('XPENDING', KEYS[1], 'g')", '1', 'jobs'),
      evalArgv("return redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', 2)", '1', 'jobs'),
      evalArgv("return redis.call('XREAD', 'COUNT', 1, 'STREAMS', KEYS[1], '0')", '1', 'jobs'),
      evalArgv("return redis.call('XINFO', 'GROUPS', KEYS[1])", '1', 'jobs'),
    ]);
  });

  it('errors: redis.call raises with its location, redis.pcall returns the error table', async () => {
    await d().check([
      ['SET', 'str', 'x'],
      evalArgv("return redis.call('XADD', 's', 'bad-id', 'f', 'v')", '0'),
      evalArgv("local e = redis.pcall('XADD', 's', 'bad-id', 'f', 'v') return {type(e), e.err}", '0'),
      evalArgv("return redis.pcall('XADD', 's', 'bad-id', 'f', 'v')", '0'),
      evalArgv("return redis.call('nosuch')", '0'),
      evalArgv("return redis.pcall('nosuch')", '0'),
      evalArgv("return redis.call('GET')", '0'),
      evalArgv('return redis.call()', '0'),
      evalArgv("return redis.call('GET', {})", '0'),
      evalArgv("return redis.call('XADD', 'str', '*', 'a', 'b')", '0'),
      evalArgv("return redis.call('XREAD', 'BLOCK', '0', 'STREAMS', 's', '0')", '0'),
      evalArgv("return redis.call('xreadgroup', 'GROUP', 'g', 'c', 'BLOCK', '0', 'STREAMS', 's', '>')", '0'),
      evalArgv("return redis.call('EVAL', 'return 1', '0')", '0'),
      evalArgv("redis.call('SET', 'before', '1')\nreturn redis.call('XGROUP', 'CREATE', 'nokey', 'g', '$')", '0'),
      ['GET', 'before'],
      evalArgv("error('boom')", '0'),
      evalArgv("error({err = 'TAB boom'})", '0'),
      evalArgv('return nosuchglobal', '0'),
      evalArgv('x = 1', '0'),
      evalArgv('local t = {} t.x = 1 return t.x', '0'),
    ]);
  });

  it("the API table per version: version fields, Valkey's `server` name, log texts; BLOCK with data to read", async () => {
    await d().check([
      evalArgv('return {redis.REDIS_VERSION, redis.REDIS_VERSION_NUM}', '0'),
      evalArgv("return server.call('PING')", '0'),
      evalArgv('return {server.VALKEY_VERSION, server.VALKEY_VERSION_NUM, server.SERVER_NAME}', '0'),
      evalArgv('return rawequal(redis, rawget(_G, "server"))', '0'),
      evalArgv('return redis.log(redis.LOG_WARNING)', '0'),
      evalArgv("return redis.pcall('XREAD', 'COUNT', 'x', 'BLOCK', '0', 'STREAMS', 's', '0')", '0'),
      evalArgv("return redis.pcall('XREAD', 'BLOCK', 'x', 'STREAMS', 's', '0')", '0'),
      evalArgv("return redis.pcall('XREAD', 'BLOCK', '-1', 'STREAMS', 's', '0')", '0'),
      evalArgv("return redis.pcall('XREAD', 'STREAMS', 's', 'BLOCK', '0')", '0'),
      evalArgv("return redis.pcall('XREADGROUP', 'GROUP', 'g', 'c', 'NOACK', 'BLOCK', '0', 'STREAMS', 's')", '0'),
      ['XADD', 's', '1-1', 'f', 'v'],
      ['XGROUP', 'CREATE', 's', 'g', '0'],
      evalArgv("return redis.pcall('XREAD', 'BLOCK', '100', 'STREAMS', 's', '0')", '0'),
      evalArgv("return redis.pcall('XREAD', 'BLOCK', '100', 'STREAMS', 's', '$')", '0'),
      evalArgv("return redis.pcall('XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '0', 'STREAMS', 's', '>')", '0'),
      evalArgv("return redis.pcall('XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '0', 'STREAMS', 's', '>')", '0'),
      ['XINFO', 'CONSUMERS', 's', 'g'],
    ]);
  });

  it('EVALSHA, SCRIPT LOAD/EXISTS/FLUSH/KILL and argument errors', async () => {
    const body = "return {'loaded', ARGV[1]}";
    const sha = '1c7f5f5f0cbbb0f5ba77f0e0bf0a0c2c1a3f23c0';
    await d().check([
      ['EVALSHA', sha, '0'],
      ['SCRIPT', 'LOAD', body],
      ['SCRIPT', 'EXISTS', 'da39a3ee5e6b4b0d3255bfef95601890afd80709', 'nope'],
      evalArgv('return redis.sha1hex(ARGV[1])', '0', body),
      evalArgv('return 1', '-1'),
      evalArgv('return 1', '2', 'a'),
      evalArgv('return 1', 'x'),
      ['EVAL', 'return 1'],
      ['SCRIPT', 'KILL'],
      ['SCRIPT', 'FOO'],
      ['SCRIPT', 'EXISTS'],
      ['SCRIPT', 'FLUSH', 'BOGUS'],
    ]);
    const loaded = (await d().redis.call('SCRIPT', 'LOAD', body)) as string;
    await d().check([
      ['EVALSHA', loaded, '0', 'a'],
      ['EVALSHA', loaded.toUpperCase(), '0', 'b'],
      ['SCRIPT', 'EXISTS', loaded],
      ['SCRIPT', 'FLUSH'],
      ['SCRIPT', 'EXISTS', loaded],
      ['EVALSHA', loaded, '0'],
      evalArgv(body, '0', 'c'),
      ['SCRIPT', 'EXISTS', loaded],
      ['EVALSHA', loaded, '0', 'd'],
      ['SCRIPT', 'SHOW', loaded],
      ['SCRIPT', 'SHOW', loaded.toUpperCase()],
      ['SCRIPT', 'SHOW', sha],
      ['SCRIPT', 'SHOW', 'x'],
      ['SCRIPT', 'SHOW'],
      ['SCRIPT', 'HELP'],
      ['SCRIPT', 'help'],
      ['SCRIPT', 'HELP', 'x'],
    ]);
  });

  it('EVAL_RO refuses writes and allows reads', async () => {
    await d().check([
      ['SET', 'a', '1'],
      ['EVAL_RO', "return redis.call('GET', 'a')", '0'],
      ['EVAL_RO', "return redis.call('SET', 'a', '2')", '0'],
      ['EVAL_RO', "return redis.call('XADD', 's', '*', 'f', 'v')", '0'],
      ['EVAL_RO', "return redis.pcall('DEL', 'a')", '0'],
    ]);
  });

  it('cjson and bit behave like the C libraries Redis bundles', async () => {
    await d().check([
      evalArgv('return cjson.encode({1, 2, nil, 4})', '0'),
      evalArgv('return cjson.encode({})', '0'),
      evalArgv("return cjson.encode({a = {1, 2.5, 'x/y'}})", '0'),
      evalArgv("return cjson.encode(cjson.decode('[1,2.5,\"x\",null,true,{\"k\":[]}]'))", '0'),
      evalArgv("local t = cjson.decode('{\"n\":null}') return t.n == cjson.null and 1 or 0", '0'),
      evalArgv("return cjson.decode('[7]')[1] + 1", '0'),
      evalArgv('return {bit.band(12, 10), bit.bor(12, 10), bit.bxor(12, 10), bit.bnot(0), bit.lshift(1, 31), bit.rshift(-1, 28), bit.arshift(-16, 2), bit.tohex(255), bit.tohex(-1, -4), bit.tobit(2^32 + 5)}', '0'),
    ]);
  });
});
