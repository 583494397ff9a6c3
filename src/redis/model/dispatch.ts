/**
 * Command table: name lookup (case-insensitive), Redis 7.0 arities, subcommand containers, and
 * Redis's texts for unknown commands and subcommands.
 */
import { xadd, xtrim } from './commands/xadd.js';
import { arityError } from './commands/arity.js';
import { xautoclaim, xclaim } from './commands/claim.js';
import { xack, xpending } from './commands/pending.js';
import { xgroup } from './commands/xgroup.js';
import { xinfo } from './commands/xinfo.js';
import { xdel, xlen, xrange } from './commands/xrange.js';
import { xread } from './commands/xread.js';
import { xreadgroup } from './commands/xreadgroup.js';
import { xsetid } from './commands/xsetid.js';
import type { Keyspace } from './keyspace.js';
import { RedisReplyError, type ExecOptions, type ExecResult, type Reply } from './types.js';

type Handler = (ks: Keyspace, argv: readonly string[], now: number, options: ExecOptions) => ExecResult;

interface Command {
  /** Redis arity: n means exactly n arguments (name included), -n means at least n. */
  readonly arity: number;
  readonly run: Handler;
  /** For a container (XGROUP, XINFO): its subcommands' arities, by upper-case name. */
  readonly subs?: Readonly<Record<string, number>>;
}

function arityOk(arity: number, argc: number): boolean {
  return arity >= 0 ? argc === arity : argc >= -arity;
}

function wrap(fn: (ks: Keyspace, argv: readonly string[], now: number) => Reply): Handler {
  return (ks, argv, now) => ({ kind: 'reply', reply: fn(ks, argv, now) });
}

type SubHandler = (ks: Keyspace, argv: readonly string[], sub: string, now: number) => Reply;

/** Resolves a container's subcommand and checks its arity, as Redis's command lookup does. */
function resolveSub(name: string, subs: Readonly<Record<string, number>>, argv: readonly string[]): string {
  const given = argv[1] as string;
  const sub = given.toUpperCase();
  const arity = Object.prototype.hasOwnProperty.call(subs, sub) ? subs[sub] : undefined;
  if (arity === undefined) {
    throw new RedisReplyError(`ERR unknown subcommand '${given.slice(0, 128)}'. Try ${name.toUpperCase()} HELP.`);
  }
  if (!arityOk(arity, argv.length)) throw arityError(`${name}|${sub.toLowerCase()}`);
  return sub;
}

/** A container command (XGROUP, XINFO): resolves the subcommand and checks its own arity. */
function container(name: string, subs: Readonly<Record<string, number>>, fn: SubHandler): Command {
  return {
    arity: -2,
    subs,
    run: (ks, argv, now) => ({ kind: 'reply', reply: fn(ks, argv, resolveSub(name, subs, argv), now) }),
  };
}

const COMMANDS = new Map<string, Command>([
  ['xadd', { arity: -5, run: wrap(xadd) }],
  ['xtrim', { arity: -4, run: wrap(xtrim) }],
  ['xlen', { arity: 2, run: wrap(xlen) }],
  ['xrange', { arity: -4, run: wrap((ks, argv) => xrange(ks, argv, false)) }],
  ['xrevrange', { arity: -4, run: wrap((ks, argv) => xrange(ks, argv, true)) }],
  ['xdel', { arity: -3, run: wrap(xdel) }],
  ['xread', { arity: -4, run: xread }],
  ['xreadgroup', { arity: -7, run: xreadgroup }],
  ['xack', { arity: -4, run: wrap(xack) }],
  ['xpending', { arity: -3, run: wrap(xpending) }],
  ['xclaim', { arity: -6, run: wrap(xclaim) }],
  ['xautoclaim', { arity: -6, run: wrap(xautoclaim) }],
  ['xsetid', { arity: -3, run: wrap(xsetid) }],
  [
    'xgroup',
    container('xgroup', { CREATE: -5, SETID: -5, DESTROY: 4, CREATECONSUMER: 5, DELCONSUMER: 5, HELP: 2 }, xgroup),
  ],
  ['xinfo', container('xinfo', { STREAM: -3, GROUPS: 3, CONSUMERS: 4, HELP: 2 }, xinfo)],
]);

// Clients usually send names in one case or the other: index both to skip a toLowerCase per call.
for (const [name, cmd] of [...COMMANDS]) COMMANDS.set(name.toUpperCase(), cmd);

function unknownCommand(argv: readonly string[]): RedisReplyError {
  let args = '';
  for (let i = 1; i < argv.length && args.length < 128; i++) {
    args += `'${(argv[i] as string).slice(0, 128 - args.length)}' `;
  }
  const msg = `ERR unknown command '${(argv[0] ?? '').slice(0, 128)}', with args beginning with: ${args}`;
  // Redis replaces newlines so the error stays one protocol line.
  return new RedisReplyError(msg.replace(/[\r\n]/g, ' '));
}

function lookup(argv: readonly string[]): Command {
  const name = argv[0] ?? '';
  const cmd = COMMANDS.get(name) ?? COMMANDS.get(name.toLowerCase());
  if (cmd === undefined) throw unknownCommand(argv);
  if (!arityOk(cmd.arity, argv.length)) throw arityError(name);
  return cmd;
}

/** Runs one command against the keyspace. Throws RedisReplyError for error replies. */
export function dispatch(ks: Keyspace, argv: readonly string[], now: number, options: ExecOptions = {}): ExecResult {
  return lookup(argv).run(ks, argv, now, options);
}

/**
 * Checks what Redis checks when a command arrives, before running it (and before queueing it in
 * MULTI): the name, the arity, and for XGROUP/XINFO the subcommand and its arity.
 * @throws RedisReplyError with Redis's message.
 */
export function checkCommand(argv: readonly string[]): void {
  const cmd = lookup(argv);
  if (cmd.subs !== undefined) resolveSub((argv[0] as string).toLowerCase(), cmd.subs, argv);
}
