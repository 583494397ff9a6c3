/**
 * {@link Scripting}: EVAL, EVALSHA, EVAL_RO, EVALSHA_RO, SCRIPT and the FUNCTION/FCALL commands of
 * one server, on a fengari Lua state.
 *
 * Why fengari: it is a Lua VM written in plain JavaScript, synchronous, created in microseconds and
 * deterministic, so a script runs inside one synchronous command execution, which is what makes it
 * atomic in virtual time (no other command, timer or process can run in between). wasmoon (real Lua
 * 5.4 in WebAssembly) needs an asynchronous factory and carries a WASM heap per state; it would force
 * the command table to become asynchronous for a speed scripts here do not need. Both differ from
 * Redis's Lua 5.1 in the same small ways (integer subtype, messages); fengari's integers are 32-bit,
 * which `lua-values.ts` works around by passing larger numbers as floats.
 */
import { eqi } from '../model/args.js';
import type { ScriptingDialect, SemanticsProfile } from '../model/profile.js';
import { RedisReplyError, type Reply } from '../model/types.js';
import { FunctionLibraries, parseNumKeys } from './functions.js';
import { functionHelp, scriptHelp } from './help.js';
import { sha1hex, type ScriptCall } from './redis-lib.js';
import { LuaSandbox, type CompiledChunk } from './sandbox.js';

/** Commands this module answers (lower case). */
const COMMANDS = new Set(['eval', 'evalsha', 'eval_ro', 'evalsha_ro', 'script', 'function', 'fcall', 'fcall_ro']);

/** Redis 7.0 arities (name included; negative: at least). */
const ARITY: Readonly<Record<string, number>> = {
  eval: -3, evalsha: -3, eval_ro: -3, evalsha_ro: -3, script: -2, function: -2, fcall: -3, fcall_ro: -3,
};

const SCRIPT_SUBCOMMANDS: Readonly<Record<string, number>> = { LOAD: 3, EXISTS: -3, FLUSH: -2, KILL: 2, HELP: 2 };
const FUNCTION_SUBCOMMANDS: Readonly<Record<string, number>> = {
  LOAD: -3, DELETE: 3, FLUSH: -2, LIST: -2, STATS: 2, KILL: 2, HELP: 2, DUMP: 2, RESTORE: -3,
};

/** The scripts and function libraries of one simulated server, sharing one Lua state. */
export class Scripting {
  private readonly sandbox: LuaSandbox;
  /** Cached scripts by SHA1, and their bodies (SCRIPT SHOW). */
  private readonly scripts = new Map<string, { readonly chunk: CompiledChunk; readonly body: string }>();
  private readonly functions: FunctionLibraries;
  private readonly dialect: ScriptingDialect;
  private readonly scriptSubcommands: Readonly<Record<string, number>>;

  /** `profile`: the server version's rules; scripting follows its dialect and HELP footer. */
  constructor(private readonly profile: SemanticsProfile) {
    this.dialect = profile.scripting;
    this.sandbox = new LuaSandbox(this.dialect);
    this.functions = new FunctionLibraries(this.sandbox, this.dialect.apiGlobals[0]);
    this.scriptSubcommands = this.dialect.scriptShow ? { ...SCRIPT_SUBCOMMANDS, SHOW: 3 } : SCRIPT_SUBCOMMANDS;
  }

  /** True when `command` (lower case) is a scripting command. */
  static handles(command: string): boolean {
    return COMMANDS.has(command);
  }

  /**
   * Executes a scripting command. `call` runs the commands a script sends with `redis.call`, each
   * synchronously, at the same virtual instant.
   * @throws RedisReplyError with Redis's text for error replies.
   */
  execute(argv: readonly string[], call: ScriptCall): Reply {
    const command = (argv[0] ?? '').toLowerCase();
    const arity = ARITY[command];
    if (arity === undefined) throw new RedisReplyError(`ERR unknown command '${argv[0] ?? ''}'`);
    if (arity >= 0 ? argv.length !== arity : argv.length < -arity) {
      throw new RedisReplyError(`ERR wrong number of arguments for '${command}' command`);
    }
    switch (command) {
      case 'eval':
      case 'eval_ro':
        return this.eval(argv, argv[1] as string, command === 'eval_ro', call);
      case 'evalsha':
      case 'evalsha_ro':
        return this.evalsha(argv, command === 'evalsha_ro', call);
      case 'script':
        return this.script(argv);
      case 'function':
        return this.function(argv);
      default:
        return this.functions.call(argv, command === 'fcall_ro', call);
    }
  }

  private eval(argv: readonly string[], body: string, readOnly: boolean, call: ScriptCall): Reply {
    const numkeys = parseNumKeys(argv[2] as string, argv.length - 3, 'ERR value is not an integer or out of range');
    const sha = sha1hex(body);
    const chunk = this.scripts.get(sha)?.chunk ?? this.load(sha, body);
    return this.run(chunk, sha, argv, numkeys, readOnly, call);
  }

  private evalsha(argv: readonly string[], readOnly: boolean, call: ScriptCall): Reply {
    const numkeys = parseNumKeys(argv[2] as string, argv.length - 3, 'ERR value is not an integer or out of range');
    const sha = (argv[1] as string).toLowerCase();
    const cached = this.scripts.get(sha);
    if (cached === undefined) throw new RedisReplyError(this.dialect.noScript);
    return this.run(cached.chunk, sha, argv, numkeys, readOnly, call);
  }

  private run(chunk: CompiledChunk, sha: string, argv: readonly string[], numkeys: number, readOnly: boolean, call: ScriptCall): Reply {
    const keys = argv.slice(3, 3 + numkeys);
    const args = argv.slice(3 + numkeys);
    return this.sandbox.runScript(chunk, sha, keys, args, { call, readOnly });
  }

  private load(sha: string, body: string): CompiledChunk {
    const chunk = this.sandbox.compile(body, 'user_script');
    if ('error' in chunk) throw new RedisReplyError(`ERR Error compiling script (new function): ${chunk.error}`);
    this.scripts.set(sha, { chunk, body });
    return chunk;
  }

  private script(argv: readonly string[]): Reply {
    const sub = subcommand(argv, 'SCRIPT', this.scriptSubcommands);
    switch (sub) {
      case 'LOAD': {
        const body = argv[2] as string;
        const sha = sha1hex(body);
        if (!this.scripts.has(sha)) this.load(sha, body);
        return sha;
      }
      case 'EXISTS':
        return argv.slice(2).map((sha) => (this.scripts.has(sha.toLowerCase()) ? 1 : 0));
      case 'FLUSH':
        flushMode(argv);
        for (const { chunk } of this.scripts.values()) this.sandbox.release(chunk);
        this.scripts.clear();
        return 'OK';
      case 'KILL':
        throw new RedisReplyError('NOTBUSY No scripts in execution right now.');
      case 'SHOW': {
        const sha = argv[2] as string;
        const cached = sha.length === 40 ? this.scripts.get(sha.toLowerCase()) : undefined;
        if (cached === undefined) throw new RedisReplyError(this.dialect.noScript);
        return cached.body;
      }
      default:
        return scriptHelp(this.profile);
    }
  }

  private function(argv: readonly string[]): Reply {
    const sub = subcommand(argv, 'FUNCTION', FUNCTION_SUBCOMMANDS);
    switch (sub) {
      case 'LOAD':
        return this.functions.load(argv);
      case 'DELETE':
        return this.functions.delete(argv[2] as string);
      case 'FLUSH':
        flushMode(argv);
        return this.functions.flush();
      case 'LIST':
        return this.functions.list(argv);
      case 'STATS':
        return this.functions.stats();
      case 'KILL':
        throw new RedisReplyError('NOTBUSY No scripts in execution right now.');
      case 'DUMP':
      case 'RESTORE':
        throw new RedisReplyError(`ERR unsupported in pelsim: FUNCTION ${sub}`);
      default:
        return functionHelp(this.profile);
    }
  }
}

/** Resolves a container's subcommand with Redis's unknown-subcommand and arity errors. */
function subcommand(argv: readonly string[], container: string, subs: Readonly<Record<string, number>>): string {
  const given = argv[1] as string;
  const sub = given.toUpperCase();
  const arity = Object.prototype.hasOwnProperty.call(subs, sub) ? subs[sub] : undefined;
  if (arity === undefined) {
    throw new RedisReplyError(`ERR unknown subcommand '${given.slice(0, 128)}'. Try ${container} HELP.`);
  }
  if (arity >= 0 ? argv.length !== arity : argv.length < -arity) {
    throw new RedisReplyError(`ERR wrong number of arguments for '${container.toLowerCase()}|${sub.toLowerCase()}' command`);
  }
  return sub;
}

/** Checks the optional ASYNC|SYNC of SCRIPT FLUSH and FUNCTION FLUSH. */
function flushMode(argv: readonly string[]): void {
  if (argv.length === 2) return;
  if (argv.length === 3 && (eqi(argv[2] as string, 'ASYNC') || eqi(argv[2] as string, 'SYNC'))) return;
  throw new RedisReplyError('ERR SCRIPT FLUSH only support SYNC|ASYNC option');
}
