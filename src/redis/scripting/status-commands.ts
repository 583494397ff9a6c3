/**
 * Which replies are RESP *status* replies (`+OK`) rather than bulk strings.
 *
 * Redis converts a status reply into the Lua table `{ok = "OK"}` and a bulk string into a plain Lua
 * string, so a script that does `redis.call('TYPE', k).ok` works only if pelsim knows that TYPE
 * answers with a status. The model's replies are plain strings either way (ioredis does not tell
 * them apart), so this table says, per command, when a string reply is a status.
 */

/** Commands whose string replies are always statuses. */
const STATUS_COMMANDS = new Set([
  'set', 'setex', 'psetex', 'mset', 'hmset', 'lset', 'ltrim', 'rename', 'flushall', 'flushdb', 'select',
  'type', 'swapdb', 'quit', 'watch', 'unwatch', 'multi', 'discard', 'restore', 'xsetid', 'auth', 'reset',
]);

/** Container commands whose string replies are statuses, by subcommand. */
const STATUS_SUBCOMMANDS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['xgroup', new Set(['create', 'setid'])],
  ['config', new Set(['set', 'resetstat', 'rewrite'])],
  ['script', new Set(['flush', 'kill'])],
  ['function', new Set(['flush', 'delete', 'kill', 'restore'])],
  ['client', new Set(['setname', 'setinfo', 'kill', 'pause', 'unpause', 'reply', 'no-evict', 'no-touch'])],
]);

/**
 * True when a string reply of `argv` travels as a status reply. `PING` without an argument answers
 * the status `PONG`; with one it echoes a bulk string.
 */
export function repliesWithStatus(argv: readonly string[]): boolean {
  const command = (argv[0] ?? '').toLowerCase();
  if (STATUS_COMMANDS.has(command)) return true;
  if (command === 'ping') return argv.length === 1;
  const subs = STATUS_SUBCOMMANDS.get(command);
  return subs !== undefined && subs.has((argv[1] ?? '').toLowerCase());
}
