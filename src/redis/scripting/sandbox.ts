/**
 * One Lua state per server, set up like Redis 7.0's: the base, table, string and math libraries,
 * `cjson`, `bit`, the `redis` table, Lua 5.1 names scripts rely on (`unpack`, `loadstring`,
 * `table.getn`, `math.pow`), no `os`/`io`/`package`/`debug`, and read-only globals (reading a missing
 * global and assigning any global are errors, with Redis's texts). Scripts are compiled once and
 * kept by reference; errors come back as Redis formats them
 * (`<error> script: <name>, on @user_script:<line>.`).
 */
import { lauxlib, lua, lualib, type LuaJsFunction, type LuaState } from './fengari.js';
import type { ScriptingDialect } from '../model/profile.js';
import { RedisReplyError, type Reply } from '../model/types.js';
import { openBit, openCjson } from './extra-libs.js';
import { Lrand48 } from './lrand48.js';
import { errorText, fromLuaString, toLuaString, toReply } from './lua-values.js';
import { openRedisLib, openRedisMath, type RunContext } from './redis-lib.js';

/**
 * Runs with full access once, then the globals are locked. `__pelsim_env` is the environment every
 * script chunk runs in; `__pelsim_error_handler` is Redis's message handler (it adds where the error
 * happened and the `ERR` code to plain-string errors).
 */
const PRELUDE = `
local G = _G
local dbg = debug
local rawget, error, tostring, type = rawget, error, tostring, type
unpack = table.unpack
loadstring = load
table.getn = function (t) return #t end
math.pow = function (x, y) return x ^ y end
math.mod = math.fmod
string.gfind = string.gmatch
__pelsim_error_handler = function (err)
  -- Report the script's line: skip functions written in JS (redis.call; fengari gives them the
  -- source '=[JS]') and this prelude's own functions (the read-only globals guard).
  local level = 2
  local i = dbg.getinfo(level, 'nSl')
  while i and (i.what == 'C' or i.source == '=[JS]' or i.source == '=prelude') do
    level = level + 1
    i = dbg.getinfo(level, 'nSl')
  end
  if type(err) ~= 'table' then err = { err = 'ERR ' .. tostring(err) } end
  if i then
    err.source = i.source
    err.line = i.currentline
  end
  return err
end
__pelsim_env = setmetatable({}, {
  __index = function (_, name)
    local v = rawget(G, name)
    if v == nil then
      error("Script attempted to access nonexistent global variable '" .. tostring(name) .. "'", 2)
    end
    return v
  end,
  __newindex = function () error('Attempt to modify a readonly table', 2) end,
  __metatable = false,
})
debug = nil
dofile = nil
loadfile = nil
print = nil
`;

/** A compiled chunk kept in the Lua registry. */
export interface CompiledChunk {
  readonly ref: number;
}

/** The Lua state a server's scripts and functions share. */
export class LuaSandbox {
  private readonly L: LuaState;
  private context: RunContext | undefined;
  /** Set while FUNCTION LOAD runs a library's code: where `redis.register_function` registers. */
  private registrar: ((L: LuaState) => number) | undefined;

  constructor(dialect: ScriptingDialect) {
    const L = lauxlib.luaL_newstate();
    this.L = L;
    const libs: [string, LuaJsFunction][] = [
      ['_G', lualib.luaopen_base],
      ['table', lualib.luaopen_table],
      ['string', lualib.luaopen_string],
      ['math', lualib.luaopen_math],
      ['debug', lualib.luaopen_debug],
    ];
    for (const [name, open] of libs) {
      lauxlib.luaL_requiref(L, name, open, 1);
      lua.lua_pop(L, 1);
    }
    openCjson(L);
    openBit(L);
    openRedisLib(L, () => this.context, dialect);
    openRedisMath(L, new Lrand48());
    const api = dialect.apiGlobals[0];
    lua.lua_getglobal(L, api);
    lua.lua_pushjsfunction(L, (L2) => {
      if (this.registrar === undefined) {
        lua.lua_pushstring(L2, toLuaString(`ERR ${api}.register_function can only be called on FUNCTION LOAD command`));
        return lua.lua_error(L2);
      }
      return this.registrar(L2);
    });
    lua.lua_setfield(L, -2, 'register_function');
    lua.lua_pop(L, 1);
    if (lauxlib.luaL_loadbuffer(L, toLuaString(PRELUDE), null, '=prelude') !== lua.LUA_OK) {
      throw new Error(`pelsim's Lua prelude does not compile: ${this.popMessage()}`);
    }
    lua.lua_call(L, 0, 0);
  }

  /**
   * Compiles `body` in the script environment. Returns the chunk, or Lua's message when it does
   * not compile (e.g. `user_script:1: unexpected symbol near <eof>`).
   */
  compile(body: string, chunkName: string): CompiledChunk | { readonly error: string } {
    const L = this.L;
    if (lauxlib.luaL_loadbuffer(L, toLuaString(body), null, `@${chunkName}`) !== lua.LUA_OK) {
      return { error: this.popMessage() };
    }
    lua.lua_getglobal(L, '__pelsim_env');
    lua.lua_setupvalue(L, -2, 1);
    return { ref: lauxlib.luaL_ref(L, lua.LUA_REGISTRYINDEX) };
  }

  /** Forgets a compiled chunk (SCRIPT FLUSH, FUNCTION DELETE). */
  release(chunk: CompiledChunk): void {
    lauxlib.luaL_unref(this.L, lua.LUA_REGISTRYINDEX, chunk.ref);
  }

  /**
   * Runs an EVAL script: `KEYS` and `ARGV` are set as globals, then the chunk runs. `name` appears
   * in error messages (the script's SHA1).
   */
  runScript(chunk: CompiledChunk, name: string, keys: readonly string[], args: readonly string[], context: RunContext): Reply {
    const L = this.L;
    pushStringArray(L, keys);
    lua.lua_setglobal(L, 'KEYS');
    pushStringArray(L, args);
    lua.lua_setglobal(L, 'ARGV');
    return this.protectedCall(name, context, () => {
      lua.lua_rawgeti(L, lua.LUA_REGISTRYINDEX, chunk.ref);
      return 0;
    });
  }

  /** Runs a registered function (kept by reference) as `fn(keys, args)`. */
  runFunction(fnRef: number, name: string, keys: readonly string[], args: readonly string[], context: RunContext): Reply {
    const L = this.L;
    return this.protectedCall(name, context, () => {
      lua.lua_rawgeti(L, lua.LUA_REGISTRYINDEX, fnRef);
      pushStringArray(L, keys);
      pushStringArray(L, args);
      return 2;
    });
  }

  /**
   * Runs a library's code for FUNCTION LOAD with `register` answering `redis.register_function`.
   * Returns Lua's error message when the code fails, else undefined.
   */
  runLibrary(chunk: CompiledChunk, register: (L: LuaState) => number): string | undefined {
    const L = this.L;
    this.registrar = register;
    try {
      lua.lua_rawgeti(L, lua.LUA_REGISTRYINDEX, chunk.ref);
      if (lua.lua_pcall(L, 0, 0, 0) !== lua.LUA_OK) return this.popMessage();
      return undefined;
    } finally {
      this.registrar = undefined;
      lua.lua_settop(L, 0);
    }
  }

  /** Keeps the value at the top of the stack in the registry; returns its reference. */
  static keep(L: LuaState): number {
    return lauxlib.luaL_ref(L, lua.LUA_REGISTRYINDEX);
  }

  /** Drops a value kept with {@link LuaSandbox.keep}. */
  unkeep(ref: number): void {
    lauxlib.luaL_unref(this.L, lua.LUA_REGISTRYINDEX, ref);
  }

  private protectedCall(name: string, context: RunContext, push: () => number): Reply {
    const L = this.L;
    lua.lua_settop(L, 0);
    lua.lua_getglobal(L, '__pelsim_error_handler');
    const nargs = push();
    this.context = context;
    try {
      if (lua.lua_pcall(L, nargs, 1, 1) !== lua.LUA_OK) throw scriptError(L, name);
      return toReply(L, -1);
    } finally {
      this.context = undefined;
      lua.lua_settop(L, 0);
    }
  }

  private popMessage(): string {
    const L = this.L;
    const message = lua.lua_type(L, -1) === lua.LUA_TSTRING ? fromLuaString(lua.lua_tostring(L, -1) as Uint8Array) : 'unknown error';
    lua.lua_pop(L, 1);
    return message;
  }
}

/** Pushes a Lua array of strings. */
function pushStringArray(L: LuaState, values: readonly string[]): void {
  lua.lua_createtable(L, values.length, 0);
  for (let i = 0; i < values.length; i++) {
    lua.lua_pushstring(L, toLuaString(values[i] as string));
    lua.lua_rawseti(L, -2, i + 1);
  }
}

/** Formats the error table the message handler left on the stack, as Redis 7.0 replies with it. */
function scriptError(L: LuaState, name: string): RedisReplyError {
  if (lua.lua_type(L, -1) !== lua.LUA_TTABLE) {
    return new RedisReplyError(`ERR Error running script ${name}: ${fromLuaString(lauxlib.luaL_tolstring(L, -1))}`);
  }
  const field = (key: string): string | undefined => {
    lua.lua_getfield(L, -1, key);
    if (lua.lua_type(L, -1) === lua.LUA_TNIL) {
      lua.lua_pop(L, 1);
      return undefined;
    }
    const value = fromLuaString(lauxlib.luaL_tolstring(L, -1));
    lua.lua_pop(L, 2);
    return value;
  };
  const err = errorText(field('err') ?? 'ERR unknown error');
  const source = field('source');
  const line = field('line');
  const where = source !== undefined && line !== undefined ? ` script: ${name}, on ${source}:${line}.` : '';
  return new RedisReplyError(`${err}${where}`);
}
