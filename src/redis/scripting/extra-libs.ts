/**
 * The libraries Redis adds to its Lua: `cjson` (JSON) and `bit` (LuaBitOp, 32-bit operations).
 * Written against fengari's API; behaviour follows the C libraries Redis bundles where scripts can
 * tell the difference (arrays vs objects, `cjson.null`, escaped `/`, 32-bit wrap-around).
 * Not provided: `cmsgpack` and `struct` (a script using them gets Redis's nonexistent-global error).
 */
import { lauxlib, lua, type LuaJsFunction, type LuaState } from './fengari.js';
import { fromLuaString, pushNumber, toLuaString } from './lua-values.js';

/** `cjson.null`: a light userdata that stands for JSON null. */
const JSON_NULL = Object.freeze({ cjson: 'null' });

/** lua-cjson's defaults: arrays sparser than this are refused (encode_sparse_ratio / safe). */
const SPARSE_RATIO = 2;
const SPARSE_SAFE = 10;

function raise(L: LuaState, message: string): number {
  lua.lua_pushstring(L, toLuaString(message));
  return lua.lua_error(L);
}

/** %.14g, as lua-cjson formats numbers. */
function formatNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e14) return String(n);
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'nan' : n > 0 ? 'inf' : '-inf';
  return String(Number(n.toPrecision(14)));
}

function encodeString(s: string): string {
  return JSON.stringify(s).replace(/\//g, '\\/');
}

/** Encodes the Lua value at `idx` (absolute) as lua-cjson does; throws a message for unsupported values. */
function encodeValue(L: LuaState, idx: number, depth: number): string {
  if (depth > 1000) throw new Error('Cannot serialise, excessive nesting (1001)');
  switch (lua.lua_type(L, idx)) {
    case lua.LUA_TNIL:
      return 'null';
    case lua.LUA_TBOOLEAN:
      return lua.lua_toboolean(L, idx) ? 'true' : 'false';
    case lua.LUA_TNUMBER:
      return formatNumber(lua.lua_tonumber(L, idx));
    case lua.LUA_TSTRING:
      return encodeString(fromLuaString(lua.lua_tostring(L, idx) as Uint8Array));
    case lua.LUA_TLIGHTUSERDATA:
      if (lua.lua_touserdata(L, idx) === JSON_NULL) return 'null';
      throw new Error('Cannot serialise userdata: type not supported');
    case lua.LUA_TTABLE:
      return encodeTable(L, idx, depth);
    default:
      throw new Error(`Cannot serialise ${typeName(L, idx)}: type not supported`);
  }
}

function typeName(L: LuaState, idx: number): string {
  const t = lua.lua_type(L, idx);
  if (t === lua.LUA_TFUNCTION) return 'function';
  return 'value';
}

function encodeTable(L: LuaState, idx: number, depth: number): string {
  // An array when every key is a positive integer and the array is not too sparse.
  let max = 0;
  let count = 0;
  let isArray = true;
  lua.lua_pushnil(L);
  while (lua.lua_next(L, idx)) {
    lua.lua_pop(L, 1);
    count++;
    if (isArray && lua.lua_type(L, -1) === lua.LUA_TNUMBER) {
      const k = lua.lua_tonumber(L, -1);
      if (Number.isInteger(k) && k >= 1) max = Math.max(max, k);
      else isArray = false;
    } else {
      isArray = false;
    }
  }
  if (count === 0) return '{}';
  if (isArray) {
    if (max > SPARSE_SAFE && max > count * SPARSE_RATIO) {
      throw new Error('Cannot serialise table: excessively sparse array');
    }
    const parts: string[] = [];
    for (let i = 1; i <= max; i++) {
      lua.lua_rawgeti(L, idx, i);
      parts.push(encodeValue(L, lua.lua_gettop(L), depth + 1));
      lua.lua_pop(L, 1);
    }
    return `[${parts.join(',')}]`;
  }
  const parts: string[] = [];
  lua.lua_pushnil(L);
  while (lua.lua_next(L, idx)) {
    const keyType = lua.lua_type(L, -2);
    let key: string;
    if (keyType === lua.LUA_TSTRING) key = fromLuaString(lua.lua_tostring(L, -2) as Uint8Array);
    else if (keyType === lua.LUA_TNUMBER) key = formatNumber(lua.lua_tonumber(L, -2));
    else throw new Error('Cannot serialise table: table key must be a number or string');
    parts.push(`${encodeString(key)}:${encodeValue(L, lua.lua_gettop(L), depth + 1)}`);
    lua.lua_pop(L, 1);
  }
  return `{${parts.join(',')}}`;
}

/** Pushes a parsed JSON value. */
function pushJson(L: LuaState, value: unknown): void {
  if (value === null) {
    lua.lua_pushlightuserdata(L, JSON_NULL);
  } else if (typeof value === 'boolean') {
    lua.lua_pushboolean(L, value);
  } else if (typeof value === 'number') {
    pushNumber(L, value);
  } else if (typeof value === 'string') {
    lua.lua_pushstring(L, toLuaString(value));
  } else if (Array.isArray(value)) {
    lua.lua_createtable(L, value.length, 0);
    value.forEach((v, i) => {
      pushJson(L, v);
      lua.lua_rawseti(L, -2, i + 1);
    });
  } else {
    const entries = Object.entries(value as Record<string, unknown>);
    lua.lua_createtable(L, 0, entries.length);
    for (const [k, v] of entries) {
      pushJson(L, v);
      lua.lua_setfield(L, -2, toLuaString(k));
    }
  }
}

const cjsonEncode: LuaJsFunction = (L) => {
  if (lua.lua_gettop(L) !== 1) return raise(L, 'bad argument #1 to \'encode\' (expected 1 argument)');
  let text: string;
  try {
    text = encodeValue(L, 1, 0);
  } catch (error) {
    return raise(L, (error as Error).message);
  }
  lua.lua_pushstring(L, toLuaString(text));
  return 1;
};

const cjsonDecode: LuaJsFunction = (L) => {
  const text = fromLuaString(lauxlib.luaL_checklstring(L, 1));
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return raise(L, 'Expected value but found invalid token at character 1');
  }
  pushJson(L, value);
  return 1;
};

function setFunction(L: LuaState, name: string, fn: LuaJsFunction): void {
  lua.lua_pushjsfunction(L, fn);
  lua.lua_setfield(L, -2, name);
}

/** Sets the global `cjson` table. */
export function openCjson(L: LuaState): void {
  lua.lua_createtable(L, 0, 4);
  setFunction(L, 'encode', cjsonEncode);
  setFunction(L, 'decode', cjsonDecode);
  lua.lua_pushlightuserdata(L, JSON_NULL);
  lua.lua_setfield(L, -2, 'null');
  lua.lua_setglobal(L, 'cjson');
}

/** LuaBitOp's normalization: the number's low 32 bits as a signed integer. */
function bitArg(L: LuaState, i: number): number {
  const n = lauxlib.luaL_checknumber(L, i);
  return Number(BigInt.asIntN(32, BigInt(Math.trunc(n))));
}

function bitFold(op: (a: number, b: number) => number): LuaJsFunction {
  return (L) => {
    let acc = bitArg(L, 1);
    for (let i = 2; i <= lua.lua_gettop(L); i++) acc = op(acc, bitArg(L, i));
    lua.lua_pushinteger(L, acc | 0);
    return 1;
  };
}

function bitShift(op: (a: number, n: number) => number): LuaJsFunction {
  return (L) => {
    lua.lua_pushinteger(L, op(bitArg(L, 1), bitArg(L, 2) & 31) | 0);
    return 1;
  };
}

/** Sets the global `bit` table (LuaBitOp). */
export function openBit(L: LuaState): void {
  lua.lua_createtable(L, 0, 12);
  setFunction(L, 'tobit', bitFold((a) => a));
  setFunction(L, 'bnot', (L2) => {
    lua.lua_pushinteger(L2, ~bitArg(L2, 1));
    return 1;
  });
  setFunction(L, 'band', bitFold((a, b) => a & b));
  setFunction(L, 'bor', bitFold((a, b) => a | b));
  setFunction(L, 'bxor', bitFold((a, b) => a ^ b));
  setFunction(L, 'lshift', bitShift((a, n) => a << n));
  setFunction(L, 'rshift', bitShift((a, n) => a >>> n));
  setFunction(L, 'arshift', bitShift((a, n) => a >> n));
  setFunction(L, 'rol', bitShift((a, n) => (a << n) | (a >>> (32 - n))));
  setFunction(L, 'ror', bitShift((a, n) => (a >>> n) | (a << (32 - n))));
  setFunction(L, 'bswap', (L2) => {
    const a = bitArg(L2, 1);
    lua.lua_pushinteger(L2, ((a << 24) | ((a & 0xff00) << 8) | ((a >>> 8) & 0xff00) | (a >>> 24)) | 0);
    return 1;
  });
  setFunction(L, 'tohex', (L2) => {
    const a = bitArg(L2, 1);
    const top = lua.lua_gettop(L2);
    let n = top >= 2 ? bitArg(L2, 2) : 8;
    const upper = n < 0;
    if (upper) n = -n;
    n = Math.min(n, 8);
    let hex = (a >>> 0).toString(16).padStart(8, '0').slice(8 - n);
    if (upper) hex = hex.toUpperCase();
    lua.lua_pushstring(L2, toLuaString(hex));
    return 1;
  });
  lua.lua_setglobal(L, 'bit');
}
