/**
 * fengari (a Lua 5.3 VM in JavaScript), loaded with the types of the part of its C-like API that
 * pelsim's scripting uses. fengari ships no typings; these follow its `src/lua.js`, `src/lauxlib.js`
 * and `src/lualib.js`. Lua strings are byte arrays (`Uint8Array`); functions that take a name also
 * accept a JS string. Declared here rather than as an ambient module so that any compilation that
 * reaches this file (a user's type-check of pelsim's sources, the build) sees the types.
 */
import { createRequire } from 'node:module';

/** An opaque Lua state (a thread). */
export interface LuaState {
  readonly __luaState: unique symbol;
}
export type LuaString = Uint8Array;
export type LuaJsFunction = (L: LuaState) => number;

export interface LuaApi {
  readonly LUA_OK: number;
  readonly LUA_MULTRET: number;
  readonly LUA_REGISTRYINDEX: number;
  readonly LUA_RIDX_GLOBALS: number;
  readonly LUA_TNONE: number;
  readonly LUA_TNIL: number;
  readonly LUA_TBOOLEAN: number;
  readonly LUA_TLIGHTUSERDATA: number;
  readonly LUA_TNUMBER: number;
  readonly LUA_TSTRING: number;
  readonly LUA_TTABLE: number;
  readonly LUA_TFUNCTION: number;
  lua_absindex(L: LuaState, idx: number): number;
  lua_call(L: LuaState, nargs: number, nresults: number): void;
  lua_createtable(L: LuaState, narr: number, nrec: number): void;
  lua_error(L: LuaState): number;
  lua_getfield(L: LuaState, idx: number, k: LuaString | string): number;
  lua_getglobal(L: LuaState, name: LuaString | string): number;
  lua_gettop(L: LuaState): number;
  lua_isinteger(L: LuaState, idx: number): boolean;
  lua_next(L: LuaState, idx: number): boolean;
  lua_pcall(L: LuaState, nargs: number, nresults: number, msgh: number): number;
  lua_pop(L: LuaState, n: number): void;
  lua_pushboolean(L: LuaState, b: boolean): void;
  lua_pushinteger(L: LuaState, n: number): void;
  lua_pushjsclosure(L: LuaState, fn: LuaJsFunction, n: number): void;
  lua_pushjsfunction(L: LuaState, fn: LuaJsFunction): void;
  lua_pushlightuserdata(L: LuaState, p: object): void;
  lua_pushnil(L: LuaState): void;
  lua_pushnumber(L: LuaState, n: number): void;
  lua_pushstring(L: LuaState, s: LuaString): LuaString;
  lua_pushvalue(L: LuaState, idx: number): void;
  lua_rawequal(L: LuaState, a: number, b: number): boolean;
  lua_rawgeti(L: LuaState, idx: number, n: number): number;
  lua_rawlen(L: LuaState, idx: number): number;
  lua_rawseti(L: LuaState, idx: number, n: number): void;
  lua_setfield(L: LuaState, idx: number, k: LuaString | string): void;
  lua_setglobal(L: LuaState, name: LuaString | string): void;
  lua_settop(L: LuaState, idx: number): void;
  lua_setupvalue(L: LuaState, funcindex: number, n: number): LuaString | null;
  lua_toboolean(L: LuaState, idx: number): boolean;
  lua_tointeger(L: LuaState, idx: number): number;
  lua_tonumber(L: LuaState, idx: number): number;
  lua_tostring(L: LuaState, idx: number): LuaString | null;
  lua_touserdata(L: LuaState, idx: number): unknown;
  lua_type(L: LuaState, idx: number): number;
}

export interface LauxlibApi {
  luaL_newstate(): LuaState;
  luaL_loadbuffer(L: LuaState, buff: LuaString, sz: number | null, name: LuaString | string): number;
  luaL_requiref(L: LuaState, modname: LuaString | string, openf: LuaJsFunction, glb: number): void;
  luaL_ref(L: LuaState, t: number): number;
  luaL_unref(L: LuaState, t: number, ref: number): void;
  luaL_tolstring(L: LuaState, idx: number): LuaString;
  luaL_checkinteger(L: LuaState, arg: number): number;
  luaL_checknumber(L: LuaState, arg: number): number;
  luaL_checklstring(L: LuaState, arg: number): LuaString;
}

export interface LualibApi {
  luaopen_base: LuaJsFunction;
  luaopen_table: LuaJsFunction;
  luaopen_string: LuaJsFunction;
  luaopen_math: LuaJsFunction;
  luaopen_debug: LuaJsFunction;
}

interface FengariModule {
  readonly lua: LuaApi;
  readonly lauxlib: LauxlibApi;
  readonly lualib: LualibApi;
}

let fengari: FengariModule | undefined;

/**
 * One part of fengari, loaded on first use: loading the Lua VM is a fifth of a sweep worker's
 * start-up, and only runs whose consumers send EVAL or FCALL need it. fengari is CommonJS, so a
 * synchronous `require` loads it the moment a script first touches the API.
 */
function lazyPart<K extends keyof FengariModule>(part: K): FengariModule[K] {
  return new Proxy({} as FengariModule[K], {
    get: (_target, key) => {
      fengari ??= createRequire(import.meta.url)('fengari') as FengariModule;
      return (fengari[part] as unknown as Record<string | symbol, unknown>)[key];
    },
  });
}

/** The Lua API (`lua_*`). */
export const lua: LuaApi = lazyPart('lua');
/** The auxiliary library (`luaL_*`). */
export const lauxlib: LauxlibApi = lazyPart('lauxlib');
/** The standard libraries' openers. */
export const lualib: LualibApi = lazyPart('lualib');
