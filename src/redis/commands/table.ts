/**
 * The command table: every command the simulated server answers, looked up case-insensitively,
 * checked for arity, and run synchronously.
 *
 * This is the seam for new commands and for scripting: {@link CommandTable.register} adds a
 * command; {@link CommandTable.execute} runs one `argv` for a {@link Session} and returns a reply
 * or a {@link Blocking} (a script's `redis.call` passes `atomic: true` in its context, so nothing
 * blocks). Transactions (MULTI/EXEC) and the serving of blocked clients are layered on top by the
 * server; a command only reads and changes data.
 */
import { RedisReplyError } from '../model/types.js';
import type { CommandContext, CommandSpec, Outcome } from './types.js';

/** Redis's text for a command it does not know (first 128 chars of name and arguments, one line). */
export function unknownCommandError(argv: readonly string[]): RedisReplyError {
  let args = '';
  for (let i = 1; i < argv.length && args.length < 128; i++) {
    args += `'${(argv[i] as string).slice(0, 128 - args.length)}' `;
  }
  const msg = `ERR unknown command '${(argv[0] ?? '').slice(0, 128)}', with args beginning with: ${args}`;
  return new RedisReplyError(msg.replace(/[\r\n]/g, ' '));
}

/** Redis's text for a wrong argument count. */
export function arityError(name: string): RedisReplyError {
  return new RedisReplyError(`ERR wrong number of arguments for '${name.toLowerCase()}' command`);
}

/** Redis's text for an unknown subcommand of a container command. */
export function unknownSubcommandError(command: string, sub: string): RedisReplyError {
  return new RedisReplyError(`ERR unknown subcommand '${sub.slice(0, 128)}'. Try ${command.toUpperCase()} HELP.`);
}

/** True when `argc` satisfies Redis arity `arity`. */
export function arityOk(arity: number, argc: number): boolean {
  return arity >= 0 ? argc === arity : argc >= -arity;
}

/** The commands a server answers. */
export class CommandTable {
  private readonly byName = new Map<string, CommandSpec>();

  /** Adds (or replaces) a command. Returns the table for chaining. */
  register(spec: CommandSpec): this {
    const name = spec.name.toLowerCase();
    this.byName.set(name, spec);
    // Clients send names in one case or the other: index both to skip a toLowerCase per call.
    this.byName.set(name.toUpperCase(), spec);
    return this;
  }

  /** The command called `name` (any case), or undefined. */
  get(name: string): CommandSpec | undefined {
    return this.byName.get(name) ?? this.byName.get(name.toLowerCase());
  }

  /** All commands, each once, in registration order. */
  all(): CommandSpec[] {
    return [...new Set(this.byName.values())];
  }

  /**
   * Looks the command up and checks its arity, as Redis does before queueing or running it.
   * @throws RedisReplyError `ERR unknown command ...` (after logging a line naming pelsim) or
   *   `ERR wrong number of arguments ...`.
   */
  resolve(argv: readonly string[], ctx: CommandContext): CommandSpec {
    const spec = argv.length > 0 ? this.get(argv[0] as string) : undefined;
    if (spec === undefined) {
      ctx.server.log(
        `pelsim: command ${JSON.stringify((argv[0] ?? '').slice(0, 64))} is not modelled by pelsim's simulated Redis; ` +
          'replied with Redis\'s "ERR unknown command" error',
      );
      throw unknownCommandError(argv);
    }
    if (!arityOk(spec.arity, argv.length)) throw arityError(spec.name);
    spec.check?.(argv);
    return spec;
  }

  /**
   * Runs one command for `ctx.session`: resolves it, runs it, marks its keys modified for WATCH
   * when it writes. Error replies are thrown as RedisReplyError.
   */
  execute(ctx: CommandContext, argv: readonly string[]): Outcome {
    return this.run(this.resolve(argv, ctx), ctx, argv);
  }

  /** Runs a command {@link resolve} returned; marks its keys modified for WATCH when it writes. */
  run(spec: CommandSpec, ctx: CommandContext, argv: readonly string[]): Outcome {
    const outcome = spec.run(ctx, argv);
    // Listing the keys costs on every write (every XREADGROUP); only WATCHers need them.
    if (spec.flags?.write && spec.keys && ctx.server.watching) {
      for (const key of spec.keys(argv)) ctx.server.touch(key);
    }
    return outcome;
  }
}
