/**
 * Keyspace commands consumers use beyond data.ts's: RENAME/RENAMENX, SCAN, MEMORY USAGE and CONFIG
 * GET/SET of the stream node settings. Each is differential-tested against redis-server
 * (test/redis/keyspace.diff.test.ts, test/redis/rename-blocking.diff.test.ts).
 */
import { eqi, integerArg } from '../model/args.js';
import { RedisReplyError, type Reply } from '../model/types.js';
import { OK } from '../resp/values.js';
import { scan, type ScanKey } from '../scan.js';
import { config } from '../server-config.js';
import { arityError, unknownSubcommandError } from './table.js';
import { reply, type CommandSpec, type ServerView } from './types.js';

function exists(server: ServerView, key: string, now: number): boolean {
  return server.streams.hasKey(key) || server.values.has(key, now);
}

function typeOf(server: ServerView, key: string, now: number): string {
  return server.streams.hasKey(key) ? 'stream' : server.values.type(key, now);
}

/**
 * RENAME/RENAMENX: a stream moves in the model, which signals both keys (readers blocked on the
 * target are offered the moved stream; readers on the source see a deleted key); a value moves in
 * the store, replacing whatever was at the target.
 */
function rename(server: ServerView, from: string, to: string, onlyIfAbsent: boolean, now: number): Reply | typeof OK {
  if (!exists(server, from, now)) throw new RedisReplyError('ERR no such key');
  if (onlyIfAbsent && exists(server, to, now)) return 0;
  if (from !== to) {
    if (server.streams.hasKey(from)) {
      server.values.delete(to, now);
      server.streams.renameKey(from, to);
    } else {
      server.streams.deleteKey(to);
      server.values.rename(from, to, now);
    }
  }
  return onlyIfAbsent ? 1 : OK;
}

/** `MEMORY USAGE key [SAMPLES n]`: a plausible estimate (see model/memory.ts), nil for a missing key. */
function memoryUsage(server: ServerView, argv: readonly string[], now: number): Reply {
  if (argv.length < 3) throw arityError('memory|usage');
  let samples = 5;
  for (let i = 3; i < argv.length; i++) {
    if (eqi(argv[i] as string, 'SAMPLES') && i + 1 < argv.length) samples = Math.max(0, integerArg(argv[++i] as string));
    else throw new RedisReplyError('ERR syntax error');
  }
  const key = argv[2] as string;
  if (server.streams.hasKey(key)) return server.streams.memoryUsage(key, samples);
  const value = server.values.memoryUsage(key, now);
  return value === null ? null : value + server.streams.keyOverhead(key);
}

/** The keyspace commands of the table. */
export function keyspaceCommands(): CommandSpec[] {
  return [
    ...['rename', 'renamenx'].map(
      (name): CommandSpec => ({
        name,
        arity: 3,
        flags: { write: true },
        keys: (argv) => argv.slice(1, 3),
        run: ({ server, now }, argv) =>
          reply(rename(server, argv[1] as string, argv[2] as string, name === 'renamenx', now)),
      }),
    ),
    {
      name: 'scan',
      arity: -2,
      run: ({ server, now }, argv) => {
        const keys: ScanKey[] = [...server.streams.keys(), ...server.values.keys(now)].map((key) => ({
          key,
          type: typeOf(server, key, now),
        }));
        return reply(scan(argv.slice(1), keys, server.streams.profile));
      },
    },
    {
      name: 'memory',
      arity: -2,
      run: ({ server, now }, argv) => {
        const sub = argv[1] as string;
        if (eqi(sub, 'USAGE')) return reply(memoryUsage(server, argv, now));
        throw unknownSubcommandError('memory', sub);
      },
    },
    {
      name: 'config',
      arity: -2,
      run: ({ server }, argv) => {
        const value = config(argv.slice(1), server.streams.nodeLimits);
        return reply(value === 'OK' ? OK : value);
      },
    },
  ];
}

