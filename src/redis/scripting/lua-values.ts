/**
 * Conversion between Redis replies and Lua values, with Redis 7.0's rules (RESP2):
 *
 * Redis → Lua: integer → number; bulk string → string; nil → `false`; array → table (nested);
 * status → `{ok = text}`; error → `{err = text}` (made by `redis.pcall`).
 *
 * Lua → Redis: number → integer, truncated toward zero (`3.7` → 3, `-2.7` → -2); string → bulk;
 * `true` → 1; `false` and nil → nil; a table with a string `err` → error; with a string `ok` →
 * status; any other table → array of its elements 1..n up to the first nil; anything else → nil.
 *
 * fengari's integers are 32-bit, where Redis 7.0's Lua (5.1) has only doubles: numbers outside the
 * 32-bit range go in as Lua floats, which print and compute like 5.1's doubles.
 */
import { lua, type LuaState, type LuaString } from './fengari.js';
import { RedisReplyError, type Reply } from '../model/types.js';

/** A model string (one char per byte, see src/redis/bytes.ts) as Lua bytes. */
export function toLuaString(s: string): LuaString {
  return Buffer.from(s, 'latin1');
}

/** Lua bytes as a model string (one char per byte). */
export function fromLuaString(bytes: LuaString): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/** Pushes a number, as an integer when fengari's 32-bit integers hold it exactly. */
export function pushNumber(L: LuaState, n: number): void {
  if (Number.isInteger(n) && n >= -2147483648 && n <= 2147483647) lua.lua_pushinteger(L, n);
  else lua.lua_pushnumber(L, n);
}

/** Pushes `{[field] = text}`, the shape of a status (`ok`) or error (`err`) reply in Lua. */
export function pushSingleFieldTable(L: LuaState, field: 'ok' | 'err', text: string): void {
  lua.lua_createtable(L, 0, 1);
  lua.lua_pushstring(L, toLuaString(text));
  lua.lua_setfield(L, -2, field);
}

/** Pushes a reply as Lua sees `redis.call`'s result. `status`: a string reply is a status. */
export function pushReply(L: LuaState, reply: Reply, status: boolean): void {
  if (reply === null) {
    lua.lua_pushboolean(L, false);
  } else if (typeof reply === 'number') {
    pushNumber(L, reply);
  } else if (typeof reply === 'bigint') {
    // Redis 7.0's Lua numbers are doubles: a 64-bit integer reply arrives rounded, as here.
    pushNumber(L, Number(reply));
  } else if (typeof reply === 'bigint') {
    // A 64-bit counter beyond 2^53: Redis hands Lua the nearest double, as (lua_Number) does.
    lua.lua_pushnumber(L, Number(reply));
  } else if (typeof reply === 'string') {
    if (status) pushSingleFieldTable(L, 'ok', reply);
    else lua.lua_pushstring(L, toLuaString(reply));
  } else {
    lua.lua_createtable(L, reply.length, 0);
    for (let i = 0; i < reply.length; i++) {
      pushReply(L, reply[i] as Reply, false);
      lua.lua_rawseti(L, -2, i + 1);
    }
  }
}

/** The string field `name` of the table at `idx`, or undefined. */
function stringField(L: LuaState, idx: number, name: string): string | undefined {
  lua.lua_getfield(L, idx, name);
  const value = lua.lua_type(L, -1) === lua.LUA_TSTRING ? fromLuaString(lua.lua_tostring(L, -1) as LuaString) : undefined;
  lua.lua_pop(L, 1);
  return value;
}

/** Redis drops one leading `-` from an error text (it is the RESP type marker, not part of the text). */
export function errorText(text: string): string {
  return text.startsWith('-') ? text.slice(1) : text;
}

/**
 * Converts the Lua value at `idx` into a reply. A top-level error table throws
 * {@link RedisReplyError}; an error nested in an array becomes its text, because pelsim's reply
 * type has no error element (Redis would send an error inside the array).
 */
export function toReply(L: LuaState, idx: number): Reply {
  const at = lua.lua_absindex(L, idx);
  const err = readReply(L, at);
  if (err instanceof RedisReplyError) throw err;
  return err;
}

function readReply(L: LuaState, at: number): Reply | RedisReplyError {
  switch (lua.lua_type(L, at)) {
    case lua.LUA_TNUMBER:
      return lua.lua_isinteger(L, at) ? lua.lua_tointeger(L, at) : Math.trunc(lua.lua_tonumber(L, at));
    case lua.LUA_TSTRING:
      return fromLuaString(lua.lua_tostring(L, at) as LuaString);
    case lua.LUA_TBOOLEAN:
      return lua.lua_toboolean(L, at) ? 1 : null;
    case lua.LUA_TTABLE: {
      const err = stringField(L, at, 'err');
      if (err !== undefined) return new RedisReplyError(errorText(err));
      const ok = stringField(L, at, 'ok');
      if (ok !== undefined) return ok;
      const out: Reply[] = [];
      for (let i = 1; ; i++) {
        lua.lua_rawgeti(L, at, i);
        if (lua.lua_type(L, -1) === lua.LUA_TNIL) {
          lua.lua_pop(L, 1);
          break;
        }
        const element = readReply(L, lua.lua_gettop(L));
        lua.lua_pop(L, 1);
        out.push(element instanceof RedisReplyError ? element.message : element);
      }
      return out;
    }
    default:
      return null;
  }
}
