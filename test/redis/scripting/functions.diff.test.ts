/**
 * FUNCTION LOAD/LIST/DELETE/FLUSH and FCALL/FCALL_RO against a real redis-server 7.0.
 */
import { describe, expect, it } from 'vitest';
import type { Reply } from '../../../src/redis/index.js';
import { useServerDifferential } from '../../support/server-differential.js';

const LIB = `#!lua name=jobs
local function enqueue(keys, args)
  return redis.call('XADD', keys[1], args[1], 'job', args[2])
end
local function depth(keys, args)
  return redis.call('XLEN', keys[1])
end
redis.register_function('enqueue', enqueue)
redis.register_function{function_name = 'depth', callback = depth, flags = {'no-writes'}}`;

const lib = (name: string, body: string): string => `#!lua name=${name}\n${body}`;

describe('FUNCTION and FCALL against redis-server', () => {
  const d = useServerDifferential();

  /** FUNCTION LIST with each library's functions sorted by name (Redis lists them in hash order). */
  async function expectSameList(argv: string[]): Promise<void> {
    const { real, model } = await d().runBoth([argv]);
    const sortFunctions = (outcome: unknown): unknown => {
      const reply = (outcome as { reply?: Reply[] }).reply;
      if (!Array.isArray(reply)) return outcome;
      return reply.map((library) => {
        const row = [...(library as Reply[])];
        const at = row.indexOf('functions') + 1;
        row[at] = [...(row[at] as Reply[][])].sort((a, b) => String(a[1]).localeCompare(String(b[1])));
        return row;
      });
    };
    expect(sortFunctions(model[0])).toEqual(sortFunctions(real[0]));
  }

  it('loads a library, calls its functions, lists, replaces and deletes it', async () => {
    await d().check([
      ['FUNCTION', 'LOAD', LIB],
      ['FUNCTION', 'LOAD', LIB],
      ['FCALL', 'enqueue', '1', 'q', '1-1', 'a'],
      ['FCALL', 'enqueue', '1', 'q', '2-1', 'b'],
      ['FCALL', 'depth', '1', 'q'],
      ['FCALL_RO', 'depth', '1', 'q'],
      ['FCALL_RO', 'enqueue', '1', 'q', '3-1', 'c'],
      ['FCALL', 'nope', '0'],
      ['FCALL', 'depth', 'x'],
      ['FCALL', 'depth', '-1'],
      ['FCALL', 'depth', '2', 'q'],
    ]);
    await expectSameList(['FUNCTION', 'LIST']);
    await expectSameList(['FUNCTION', 'LIST', 'WITHCODE']);
    await expectSameList(['FUNCTION', 'LIST', 'LIBRARYNAME', 'jo']);
    await expectSameList(['FUNCTION', 'LIST', 'LIBRARYNAME', 'jo*']);
    await expectSameList(['FUNCTION', 'LIST', 'LIBRARYNAME', 'nope']);
    await d().check([
      ['FUNCTION', 'LOAD', 'REPLACE', lib('jobs', "redis.register_function('depth', function() return 7 end)")],
      ['FCALL', 'depth', '0'],
      ['FCALL', 'enqueue', '0'],
      ['FUNCTION', 'LOAD', lib('other', "redis.register_function('depth', function() return 8 end)")],
      ['FUNCTION', 'DELETE', 'nope'],
      ['FUNCTION', 'DELETE', 'jobs'],
      ['FCALL', 'depth', '0'],
      ['FUNCTION', 'LOAD', LIB],
      ['FUNCTION', 'FLUSH'],
      ['FUNCTION', 'LIST'],
    ]);
  });

  it('refuses bad libraries with Redis texts', async () => {
    await d().check([
      ['FUNCTION', 'LOAD', 'return 1'],
      ['FUNCTION', 'LOAD', lib('empty', 'return 1')],
      ['FUNCTION', 'LOAD', '#!js name=x\nx'],
      ['FUNCTION', 'LOAD', '#!lua name=a engine=x\nx'],
      ['FUNCTION', 'LOAD', lib('a', "redis.register_function('f', function() end)\nredis.register_function('f', function() end)")],
      ['FUNCTION', 'LOAD', lib('a', "redis.register_function('f 1', function() end)")],
      ['FUNCTION', 'LOAD', lib('a', "redis.register_function('f', 5)")],
      ['FUNCTION', 'LOAD', lib('a', "redis.register_function{function_name='f', callback=function() end, flags={'bogus'}}")],
      ['FUNCTION', 'LOAD', lib('a', "redis.register_function('f')")],
      ['FUNCTION', 'LOAD', lib('a', "redis.register_function()")],
      ['FUNCTION', 'LOAD', lib('a', "redis.register_function('f', function() end, 3)")],
      ['FUNCTION', 'LOAD', lib('a', "redis.register_function{function_name='f'}")],
      ['FUNCTION', 'LOAD', lib('a', "redis.register_function{callback=function() end}")],
      ['FUNCTION', 'LOAD', lib('a', "redis.register_function{function_name={}, callback=function() end}")],
      ['FUNCTION', 'LOAD', lib('a', "redis.register_function{function_name='f', callback=function() end, bogus=1}")],
      ['FUNCTION', 'LOAD', lib('a', "redis.register_function{function_name='f', callback=function() end, flags='no-writes'}")],
      ['FUNCTION', 'LOAD', lib('a', "redis.register_function{function_name='f', callback=function() end, flags={1}}")],
      ['FUNCTION', 'LOAD', lib('a', "redis.register_function{function_name='f', callback=function() end, description=false}")],
      ['FUNCTION', 'LOAD', lib('a', "redis.register_function{function_name='f', callback=5}")],
      ['FUNCTION', 'LOAD', lib('numeric', "redis.register_function(5, function() return 'five' end)")],
      ['FCALL', '5', '0'],
      ['FUNCTION', 'LOAD', lib('named', "redis.register_function{FUNCTION_NAME='nf', Callback=function() return 'n' end, description='says n', flags={'NO-WRITES'}}")],
      ['FCALL_RO', 'nf', '0'],
      ['FUNCTION', 'LIST', 'LIBRARYNAME', 'named'],
      ['FUNCTION', 'LOAD', lib('sv', "server.register_function('sf', function() return server.call('PING') end)")],
      ['FCALL', 'sf', '0'],
      ['FUNCTION', 'DELETE', 'numeric'],
      ['FUNCTION', 'DELETE', 'named'],
      ['FUNCTION', 'DELETE', 'sv'],
      ['FUNCTION', 'FOO'],
      ['FUNCTION', 'HELP'],
      ['FUNCTION', 'LIST'],
    ]);
  });

  it('a runtime error names the function and its line', async () => {
    await d().check([
      ['FUNCTION', 'LOAD', lib('boom', "redis.register_function('f', function(keys, args)\n  error('oops')\nend)")],
      ['FCALL', 'f', '0'],
    ]);
  });
});
