/**
 * Data commands: stream commands answered by the stream model, other values by the key-value
 * store, and the commands that span both keyspaces (DEL, EXISTS, TYPE, KEYS, FLUSHALL, TIME, DBSIZE).
 */
import { globToRegExp } from '../glob.js';
import { KeyValueStore } from '../kv-store.js';
import { StreamModel } from '../model/index.js';
import { RedisReplyError, type Reply } from '../model/types.js';
import { MapReply, OK, StatusReply, type RespValue } from '../resp/values.js';
import { setOverStream } from './set-over-stream.js';
import { reply, type CommandContext, type CommandSpec, type Outcome } from './types.js';

const WRONGTYPE = 'WRONGTYPE Operation against a key holding the wrong kind of value';

/** Stream commands with their Redis 7.0 arity and whether they write. */
const STREAM_COMMANDS: readonly [name: string, arity: number, write: boolean][] = [
  ['xadd', -5, true],
  ['xtrim', -4, true],
  ['xlen', 2, false],
  ['xrange', -4, false],
  ['xrevrange', -4, false],
  ['xdel', -3, true],
  ['xgroup', -2, true],
  ['xread', -4, false],
  ['xreadgroup', -7, true],
  ['xack', -4, true],
  ['xpending', -3, false],
  ['xclaim', -6, true],
  ['xautoclaim', -6, true],
  ['xinfo', -2, false],
  ['xsetid', -3, true],
];

/** The keys a stream command names: after STREAMS for XREADGROUP, second for XINFO/XGROUP, else first. */
export function streamCommandKeys(argv: readonly string[]): readonly string[] {
  const name = (argv[0] as string).toLowerCase();
  if (name === 'xreadgroup' || name === 'xread') {
    let at = -1;
    for (let i = 1; i < argv.length; i++) {
      if ((argv[i] as string).toLowerCase() === 'streams') {
        at = i;
        break;
      }
    }
    if (at < 0) return [];
    const rest = argv.slice(at + 1);
    return rest.slice(0, Math.floor(rest.length / 2));
  }
  if (name === 'xinfo' || name === 'xgroup') return argv.length > 2 ? [argv[2] as string] : [];
  return argv.length > 1 ? [argv[1] as string] : [];
}

function runStreamCommand(ctx: CommandContext, argv: readonly string[]): Outcome {
  // The model refuses keys of other types itself (WRONGTYPE after argument parsing, as Redis).
  const { streams } = ctx.server;
  const result = streams.execute(argv, ctx.now, { fromScript: ctx.fromScript === true });
  if (result.kind === 'reply') return reply(shapeStreamReply(ctx, argv, result.reply));
  if (ctx.atomic) return reply(null);
  const read = result.read;
  return {
    kind: 'block',
    blocking: {
      keys: read.keys,
      timeoutMs: read.timeoutMs,
      timeoutReply: null,
      serve: (key, now) => {
        const outcome = streams.serveBlocked(read, key, now);
        if (outcome.kind === 'served') return { kind: 'served', reply: shapeReadReply(ctx, outcome.reply) as Reply };
        return outcome;
      },
      repeat: (now) => streams.repeatBlocked(read, now),
    },
  };
}

/** Statuses and RESP3 maps where Redis sends them; RESP2 shapes are the model's own. */
function shapeStreamReply(ctx: CommandContext, argv: readonly string[], value: Reply): RespValue {
  if (value === 'OK') return OK;
  if (ctx.session.protocol !== 3) return value;
  const name = (argv[0] as string).toLowerCase();
  if (name === 'xreadgroup' || name === 'xread') return shapeReadReply(ctx, value);
  if (name === 'xinfo') {
    const sub = (argv[1] as string).toLowerCase();
    if (sub === 'stream') return pairsToMap(value as Reply[]);
    if (sub === 'groups' || sub === 'consumers') return (value as Reply[][]).map(pairsToMap);
  }
  return value;
}

/** RESP3 XREAD/XREADGROUP: a map of key to entries instead of an array of pairs. */
function shapeReadReply(ctx: CommandContext, value: Reply): RespValue {
  if (ctx.session.protocol !== 3 || value === null) return value;
  return new MapReply((value as [string, Reply][]).map(([key, entries]) => [key, entries] as const));
}

function pairsToMap(flat: readonly Reply[]): MapReply {
  const entries: [RespValue, RespValue][] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) entries.push([flat[i] as Reply, flat[i + 1] as Reply]);
  return new MapReply(entries);
}

/** Value commands whose `OK` is a status line. */
const OK_STATUS = new Set(['set', 'setex', 'psetex', 'mset', 'hmset', 'lset', 'ltrim']);
/** Value commands that only read. */
const READ_ONLY_VALUES = new Set([
  'get', 'mget', 'strlen', 'getrange', 'hget', 'hmget', 'hgetall', 'hexists', 'hkeys', 'hvals', 'hlen', 'hstrlen',
  'llen', 'lrange', 'lindex', 'smembers', 'sismember', 'scard', 'srandmember', 'sunion', 'sinter', 'sdiff',
  'zscore', 'zcard', 'zcount', 'zrange', 'zrevrange', 'zrangebyscore', 'zrevrangebyscore', 'zrank', 'zrevrank',
  'ttl', 'pttl',
]);

function valueCommand(name: string): CommandSpec {
  return {
    name,
    arity: -1,
    flags: { write: !READ_ONLY_VALUES.has(name) },
    keys: (argv) => KeyValueStore.keysOf(name, argv.slice(1)),
    run: (ctx, argv) => {
      let args: readonly string[] = argv.slice(1);
      if (name === 'set' && args.length >= 2 && ctx.server.streams.hasKey(args[0] as string)) {
        const decided = setOverStream(args, ctx.now);
        if (decided.action === 'abort') return reply(null);
        ctx.server.streams.deleteKey(args[0] as string);
        args = decided.args;
      }
      replaceStreamKeys(ctx, name, args);
      for (const key of KeyValueStore.keysOf(name, args)) {
        if (ctx.server.streams.hasKey(key)) throw new RedisReplyError(WRONGTYPE);
      }
      let value: Reply;
      try {
        value = ctx.server.values.executeSync(name, args, ctx.now);
      } catch (error) {
        if (error instanceof RedisReplyError) throw error;
        throw new RedisReplyError(error instanceof Error ? error.message : String(error));
      }
      if (value === 'OK' && OK_STATUS.has(name)) return reply(OK);
      if (name === 'hgetall' && ctx.session.protocol === 3) return reply(pairsToMap(value as Reply[]));
      return reply(value);
    },
  };
}

/**
 * Plain `SET key value` and `MSET` replace a key of any type, as in Redis: a stream there is
 * deleted first (its blocked readers are woken as by a deletion). Other writes meet WRONGTYPE.
 */
function replaceStreamKeys(ctx: CommandContext, name: string, args: readonly string[]): void {
  let keys: readonly string[];
  if (name === 'set' && args.length === 2) keys = [args[0] as string];
  else if (name === 'mset' && args.length >= 2 && args.length % 2 === 0) keys = KeyValueStore.keysOf(name, args);
  else return;
  for (const key of keys) ctx.server.streams.deleteKey(key);
}

const allArgs = (argv: readonly string[]): readonly string[] => argv.slice(1);

function keyspaceCommands(): CommandSpec[] {
  return [
    {
      name: 'del',
      arity: -2,
      flags: { write: true },
      keys: allArgs,
      run: ({ server, now }, argv) => {
        let removed = 0;
        for (const key of argv.slice(1)) if (server.streams.deleteKey(key) || server.values.delete(key, now)) removed++;
        return reply(removed);
      },
    },
    {
      name: 'unlink',
      arity: -2,
      flags: { write: true },
      keys: allArgs,
      run: ({ server, now }, argv) => {
        let removed = 0;
        for (const key of argv.slice(1)) if (server.streams.deleteKey(key) || server.values.delete(key, now)) removed++;
        return reply(removed);
      },
    },
    {
      name: 'exists',
      arity: -2,
      keys: allArgs,
      run: ({ server, now }, argv) =>
        reply(argv.slice(1).filter((k) => server.streams.hasKey(k) || server.values.has(k, now)).length),
    },
    {
      name: 'type',
      arity: 2,
      keys: allArgs,
      run: ({ server, now }, argv) => {
        const key = argv[1] as string;
        return reply(new StatusReply(server.streams.hasKey(key) ? 'stream' : server.values.type(key, now)));
      },
    },
    {
      name: 'keys',
      arity: 2,
      run: ({ server, now }, argv) => {
        const pattern = globToRegExp(argv[1] as string);
        return reply([...server.streams.keys(), ...server.values.keys(now)].filter((k) => pattern.test(k)).sort());
      },
    },
    {
      name: 'dbsize',
      arity: 1,
      run: ({ server, now }) => reply(server.streams.keys().length + server.values.keys(now).length),
    },
    ...['flushall', 'flushdb'].map(
      (name): CommandSpec => ({
        name,
        arity: -1,
        flags: { write: true },
        run: ({ server }, argv) => {
          if (argv.length > 2) throw new RedisReplyError('ERR syntax error');
          server.streams.flush();
          server.values.flush();
          server.touchAll();
          return reply(OK);
        },
      }),
    ),
    {
      name: 'time',
      arity: 1,
      run: ({ now }) => {
        const seconds = Math.floor(now / 1000);
        return reply([String(seconds), String((now - seconds * 1000) * 1000)]);
      },
    },
  ];
}

/** The data commands of the table. */
export function dataCommands(): CommandSpec[] {
  const specs: CommandSpec[] = STREAM_COMMANDS.map(([name, arity, write]) => ({
    name,
    arity,
    flags: { write },
    keys: streamCommandKeys,
    run: runStreamCommand,
    check: (argv) => StreamModel.check(argv),
  }));
  for (const name of KeyValueStore.commands()) {
    if (name === 'ping' || name === 'echo') continue;
    specs.push(valueCommand(name));
  }
  specs.push(...keyspaceCommands());
  return specs;
}
