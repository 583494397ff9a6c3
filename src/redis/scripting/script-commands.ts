/**
 * What Redis's command table says about a command a script calls: whether it exists, its arity,
 * and its `noscript` and `write` flags. The table is `@ioredis/commands`, generated from Redis's
 * own `COMMAND` reply, so pelsim does not keep a hand-made copy.
 */
import { createRequire } from 'node:module';
import { exists, hasFlag } from '@ioredis/commands';

interface CommandSpec {
  readonly arity: number;
  readonly flags: readonly string[];
}

const specs = createRequire(import.meta.url)('@ioredis/commands/built/commands.json') as Readonly<Record<string, CommandSpec>>;

/** True when Redis knows `command` (lower case). */
export function isRedisCommand(command: string): boolean {
  return exists(command);
}

/** True when `argv` has as many arguments as Redis's arity for its (known) command allows. */
export function arityAccepts(command: string, argc: number): boolean {
  const arity = specs[command]?.arity;
  if (arity === undefined) return true;
  return arity >= 0 ? argc === arity : argc >= -arity;
}

/** True for commands a script may not call (`ERR This Redis command is not allowed from script`). */
export function notAllowedFromScripts(command: string): boolean {
  return exists(command) && hasFlag(command, 'noscript');
}

/** True when `argv` writes; for XGROUP, every subcommand but HELP does. */
export function isWriteCommand(argv: readonly string[]): boolean {
  const command = (argv[0] ?? '').toLowerCase();
  if (command === 'xgroup') return (argv[1] ?? '').toLowerCase() !== 'help';
  return exists(command) && hasFlag(command, 'write');
}
