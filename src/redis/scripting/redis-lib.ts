/**
 * The `redis` table scripts see: `redis.call`/`redis.pcall` into the server's command table, reply
 * helpers, `sha1hex`, logging and the replication no-ops, with Redis 7.0's error texts. Also Redis's
 * `math.random`/`math.randomseed` (its lrand48, so the numbers match a real server).
 */
import { createHash } from 'node:crypto';
import { lauxlib, lua, type LuaJsFunction, type LuaState } from './fengari.js';
import type { ScriptingDialect } from '../model/profile.js';
import { RedisReplyError, type Reply } from '../model/types.js';
import { UnsupportedCommandError } from '../unsupported.js';
import { Lrand48 } from './lrand48.js';
import { errorText, fromLuaString, pushReply, pushSingleFieldTable, toLuaString } from './lua-values.js';
import { repliesWithStatus } from './status-commands.js';
import { arityAccepts, isRedisCommand, isWriteCommand, notAllowedFromScripts } from './script-commands.js';

/** Runs one command for a script; returns its reply or throws {@link RedisReplyError}. */
export type ScriptCall = (argv: readonly string[]) => Reply;

/** What the `redis` functions need while a script runs. */
export interface RunContext {
  readonly call: ScriptCall;
  /** EVAL_RO, FCALL_RO or a `no-writes` function: write commands are refused. */
  readonly readOnly: boolean;
}

const LOG_LEVELS = { LOG_DEBUG: 0, LOG_VERBOSE: 1, LOG_NOTICE: 2, LOG_WARNING: 3 } as const;
const REPL_FLAGS = { REPL_NONE: 0, REPL_AOF: 1, REPL_SLAVE: 2, REPL_REPLICA: 2, REPL_ALL: 3 } as const;

/** The SHA1 of `body` (a model byte string, or Lua bytes) in lower-case hex, as Redis names scripts. */
export function sha1hex(body: string | Uint8Array): string {
  return (typeof body === 'string' ? createHash('sha1').update(body, 'latin1') : createHash('sha1').update(body)).digest('hex');
}

function raiseString(L: LuaState, message: string): number {
  lua.lua_pushstring(L, toLuaString(message));
  return lua.lua_error(L);
}

/** Collects `redis.call`'s arguments; returns an error text when one is not a string or number. */
function commandArgs(L: LuaState, dialect: ScriptingDialect): string[] | string {
  const argc = lua.lua_gettop(L);
  if (argc === 0) return dialect.noArguments;
  const argv: string[] = [];
  for (let i = 1; i <= argc; i++) {
    const type = lua.lua_type(L, i);
    if (type === lua.LUA_TSTRING) {
      argv.push(fromLuaString(lua.lua_tostring(L, i) as Uint8Array));
    } else if (type === lua.LUA_TNUMBER) {
      // Redis 7.0 prints numbers with fpconv_dtoa: integers plainly, others in shortest form.
      argv.push(lua.lua_isinteger(L, i) ? String(lua.lua_tointeger(L, i)) : String(lua.lua_tonumber(L, i)));
    } else {
      return dialect.badArgumentType;
    }
  }
  return argv;
}

/** Runs `argv` for a script; returns the reply or Redis's error text for scripts. */
function runCommand(context: RunContext, argv: readonly string[], dialect: ScriptingDialect): { reply: Reply } | { error: string } {
  const name = (argv[0] as string).toLowerCase();
  if (!isRedisCommand(name)) return { error: dialect.unknownCommand };
  if (!arityAccepts(name, argv.length)) return { error: dialect.wrongArity };
  if (notAllowedFromScripts(name)) return { error: 'ERR This Redis command is not allowed from script' };
  if (context.readOnly && isWriteCommand(argv)) {
    return { error: 'ERR Write commands are not allowed from read-only scripts.' };
  }
  try {
    return { reply: context.call(argv) };
  } catch (error) {
    if (error instanceof UnsupportedCommandError) return { error: `ERR ${error.message}` };
    if (error instanceof RedisReplyError) return { error: error.message };
    throw error;
  }
}

function callFunction(current: () => RunContext | undefined, raise: boolean, dialect: ScriptingDialect): LuaJsFunction {
  return (L) => {
    const context = current();
    if (context === undefined) return raiseString(L, `ERR ${dialect.apiGlobals[0]}.call is only available while a script runs`);
    const argv = commandArgs(L, dialect);
    const outcome = typeof argv === 'string' ? { error: argv } : runCommand(context, argv, dialect);
    lua.lua_settop(L, 0);
    if ('error' in outcome) {
      pushSingleFieldTable(L, 'err', outcome.error);
      return raise ? lua.lua_error(L) : 1;
    }
    pushReply(L, outcome.reply, typeof argv !== 'string' && repliesWithStatus(argv));
    return 1;
  };
}

function setFunction(L: LuaState, name: string, fn: LuaJsFunction): void {
  lua.lua_pushjsfunction(L, fn);
  lua.lua_setfield(L, -2, name);
}

function setInteger(L: LuaState, name: string, value: number): void {
  lua.lua_pushinteger(L, value);
  lua.lua_setfield(L, -2, name);
}

/**
 * Builds the API table and publishes it under the dialect's globals (`redis`; Valkey: `server` and
 * `redis`); `current` gives the running script's context.
 */
export function openRedisLib(L: LuaState, current: () => RunContext | undefined, dialect: ScriptingDialect): void {
  const api = dialect.apiGlobals[0];
  lua.lua_createtable(L, 0, 32);
  setFunction(L, 'call', callFunction(current, true, dialect));
  setFunction(L, 'pcall', callFunction(current, false, dialect));
  setFunction(L, 'error_reply', (L2) => {
    pushSingleFieldTable(L2, 'err', errorText(fromLuaString(lauxlib.luaL_checklstring(L2, 1))));
    return 1;
  });
  setFunction(L, 'status_reply', (L2) => {
    pushSingleFieldTable(L2, 'ok', fromLuaString(lauxlib.luaL_checklstring(L2, 1)));
    return 1;
  });
  setFunction(L, 'sha1hex', (L2) => {
    if (lua.lua_gettop(L2) !== 1) return raiseString(L2, 'wrong number of arguments');
    lua.lua_pushstring(L2, toLuaString(sha1hex(lauxlib.luaL_tolstring(L2, 1))));
    return 1;
  });
  // The server has no log file: log lines are accepted and dropped, as below the configured level.
  setFunction(L, 'log', (L2) => {
    if (lua.lua_gettop(L2) < 2) return raiseString(L2, `${api}.log() requires two arguments or more.`);
    return 0;
  });
  setFunction(L, 'setresp', (L2) => {
    const resp = lauxlib.luaL_checkinteger(L2, 1);
    if (resp === 2) return 0;
    if (resp === 3) return raiseString(L2, 'ERR unsupported in pelsim: redis.setresp(3)');
    return raiseString(L2, 'RESP version must be 2 or 3.');
  });
  setFunction(L, 'set_repl', () => 0);
  setFunction(L, 'replicate_commands', (L2) => {
    lua.lua_pushboolean(L2, true);
    return 1;
  });
  setFunction(L, 'breakpoint', (L2) => {
    lua.lua_pushboolean(L2, false);
    return 1;
  });
  setFunction(L, 'debug', () => 0);
  setFunction(L, 'acl_check_cmd', (L2) => {
    lua.lua_pushboolean(L2, true);
    return 1;
  });
  for (const [name, value] of Object.entries(LOG_LEVELS)) setInteger(L, name, value);
  for (const [name, value] of Object.entries(REPL_FLAGS)) setInteger(L, name, value);
  for (const [name, value] of dialect.versionFields) {
    if (typeof value === 'number') setInteger(L, name, value);
    else {
      lua.lua_pushstring(L, toLuaString(value));
      lua.lua_setfield(L, -2, name);
    }
  }
  for (const name of dialect.apiGlobals) {
    lua.lua_pushvalue(L, -1);
    lua.lua_setglobal(L, name);
  }
  lua.lua_pop(L, 1);
}

/** Replaces `math.random`/`math.randomseed` with Redis's (lrand48-based) versions. */
export function openRedisMath(L: LuaState, rng: Lrand48): void {
  lua.lua_getglobal(L, 'math');
  setFunction(L, 'random', (L2) => {
    const r = rng.fraction();
    switch (lua.lua_gettop(L2)) {
      case 0:
        lua.lua_pushnumber(L2, r);
        return 1;
      case 1: {
        const u = lauxlib.luaL_checkinteger(L2, 1);
        if (u < 1) return raiseString(L2, "bad argument #1 to 'random' (interval is empty)");
        lua.lua_pushinteger(L2, Math.floor(r * u) + 1);
        return 1;
      }
      case 2: {
        const l = lauxlib.luaL_checkinteger(L2, 1);
        const u = lauxlib.luaL_checkinteger(L2, 2);
        if (l > u) return raiseString(L2, "bad argument #2 to 'random' (interval is empty)");
        lua.lua_pushinteger(L2, Math.floor(r * (u - l + 1)) + l);
        return 1;
      }
      default:
        return raiseString(L2, 'wrong number of arguments');
    }
  });
  setFunction(L, 'randomseed', (L2) => {
    rng.seed(lauxlib.luaL_checkinteger(L2, 1));
    return 0;
  });
  lua.lua_pop(L, 1);
}
