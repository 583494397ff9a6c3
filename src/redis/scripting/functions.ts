/**
 * Redis functions (7.0+): FUNCTION LOAD/DELETE/FLUSH/LIST/STATS/KILL and FCALL/FCALL_RO, with
 * Redis's error texts. A library is Lua code headed `#!lua name=<lib>` that calls
 * `redis.register_function(name, fn)` or `redis.register_function{function_name=…, callback=…,
 * flags={…}}` when loaded.
 */
import { lauxlib, lua, type LuaState } from './fengari.js';
import { globToRegExp } from '../glob.js';
import { eqi } from '../model/args.js';
import { RedisReplyError, type Reply } from '../model/types.js';
import { fromLuaString, toLuaString } from './lua-values.js';
import type { ScriptCall } from './redis-lib.js';
import { LuaSandbox } from './sandbox.js';

const NAME = /^[A-Za-z0-9_]+$/;
const KNOWN_FLAGS = new Set(['no-writes', 'allow-oom', 'allow-stale', 'no-cluster', 'allow-cross-slot-keys']);

interface RegisteredFunction {
  readonly name: string;
  readonly description: string | null;
  readonly ref: number;
  readonly flags: readonly string[];
  readonly library: Library;
}

interface Library {
  readonly name: string;
  readonly code: string;
  readonly functions: RegisteredFunction[];
}

/** Raised inside `redis.register_function`; becomes `ERR Error registering functions: …`. */
class RegistrationError extends Error {}

/** The function libraries of one server. */
export class FunctionLibraries {
  private readonly libraries = new Map<string, Library>();
  private readonly functions = new Map<string, RegisteredFunction>();

  /** `api`: the name scripts call the API table by in error texts (`redis`; Valkey: `server`). */
  constructor(
    private readonly sandbox: LuaSandbox,
    private readonly api: string,
  ) {}

  /** `FUNCTION LOAD [REPLACE] code`: returns the library name. */
  load(argv: readonly string[]): Reply {
    let replace = false;
    let i = 2;
    for (; i < argv.length - 1; i++) {
      if (eqi(argv[i] as string, 'REPLACE')) replace = true;
      else throw new RedisReplyError(`ERR Unknown option given: ${argv[i] as string}`);
    }
    if (i !== argv.length - 1) throw new RedisReplyError("ERR wrong number of arguments for 'function|load' command");
    const code = argv[i] as string;
    const libraryName = parseHeader(code);
    const existing = this.libraries.get(libraryName);
    if (existing && !replace) throw new RedisReplyError(`ERR Library '${libraryName}' already exists`);

    // The `#!lua` header is not Lua: compile it as a comment, which keeps the line numbers.
    const chunk = this.sandbox.compile(`--${code}`, 'user_function');
    if ('error' in chunk) throw new RedisReplyError(`ERR Error compiling function: ${chunk.error}`);
    const library: Library = { name: libraryName, code, functions: [] };
    let registrationError: string | undefined;
    const failure = this.sandbox.runLibrary(chunk, (L) => {
      try {
        library.functions.push(this.register(L, library));
        return 0;
      } catch (error) {
        if (!(error instanceof RegistrationError)) throw error;
        registrationError = error.message;
        lua.lua_pushstring(L, toLuaString(error.message));
        return lua.lua_error(L);
      }
    });
    this.sandbox.release(chunk);
    const drop = (): void => library.functions.forEach((f) => this.sandbox.unkeep(f.ref));
    if (failure !== undefined) {
      drop();
      throw new RedisReplyError(`ERR Error registering functions: ${registrationError ?? `ERR ${failure}`}`);
    }
    if (library.functions.length === 0) {
      throw new RedisReplyError('ERR No functions registered');
    }
    for (const f of library.functions) {
      const clash = this.functions.get(f.name);
      if (clash && clash.library !== existing) {
        drop();
        throw new RedisReplyError(`ERR Function ${f.name} already exists`);
      }
    }
    if (existing) this.remove(existing);
    this.libraries.set(libraryName, library);
    for (const f of library.functions) this.functions.set(f.name, f);
    return libraryName;
  }

  /** `FUNCTION DELETE lib`. */
  delete(name: string): Reply {
    const library = this.libraries.get(name);
    if (!library) throw new RedisReplyError('ERR Library not found');
    this.remove(library);
    return 'OK';
  }

  /** `FUNCTION FLUSH [ASYNC|SYNC]`. */
  flush(): Reply {
    for (const library of [...this.libraries.values()]) this.remove(library);
    return 'OK';
  }

  /** `FUNCTION LIST [LIBRARYNAME pattern] [WITHCODE]`, libraries in load order. */
  list(argv: readonly string[]): Reply {
    let pattern: RegExp | undefined;
    let withCode = false;
    for (let i = 2; i < argv.length; i++) {
      const a = argv[i] as string;
      if (eqi(a, 'WITHCODE')) withCode = true;
      else if (eqi(a, 'LIBRARYNAME') && i + 1 < argv.length) pattern = globToRegExp(argv[++i] as string);
      else throw new RedisReplyError(`ERR Unknown argument ${a}`);
    }
    const out: Reply[] = [];
    for (const library of this.libraries.values()) {
      if (pattern !== undefined && !pattern.test(library.name)) continue;
      // Redis lists a library's functions in hash order (varies between runs); pelsim sorts them by name.
      const sorted = [...library.functions].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      const functions = sorted.map((f) => ['name', f.name, 'description', f.description, 'flags', [...f.flags]]);
      const row: Reply[] = ['library_name', library.name, 'engine', 'LUA', 'functions', functions];
      if (withCode) row.push('library_code', library.code);
      out.push(row);
    }
    return out;
  }

  /** `FUNCTION STATS`: nothing ever runs concurrently in the simulation. */
  stats(): Reply {
    return ['running_script', null, 'engines', ['LUA', ['libraries_count', this.libraries.size, 'functions_count', this.functions.size]]];
  }

  /** `FCALL`/`FCALL_RO name numkeys key… arg…`. */
  call(argv: readonly string[], readOnlyCommand: boolean, call: ScriptCall): Reply {
    const name = argv[1] as string;
    const f = this.functions.get(name);
    const numkeys = parseNumKeys(argv[2] as string, argv.length - 3, 'ERR Bad number of keys provided');
    if (!f) throw new RedisReplyError('ERR Function not found');
    const noWrites = f.flags.includes('no-writes');
    if (readOnlyCommand && !noWrites) {
      throw new RedisReplyError('ERR Can not execute a script with write flag using *_ro command.');
    }
    const keys = argv.slice(3, 3 + numkeys);
    const args = argv.slice(3 + numkeys);
    return this.sandbox.runFunction(f.ref, name, keys, args, { call, readOnly: readOnlyCommand || noWrites });
  }

  private remove(library: Library): void {
    this.libraries.delete(library.name);
    for (const f of library.functions) {
      this.functions.delete(f.name);
      this.sandbox.unkeep(f.ref);
    }
  }

  /**
   * `redis.register_function(...)` during a load: reads its arguments as `function_lua.c` does
   * (one table of named arguments, or a name and a callback), keeps the callback.
   */
  private register(L: LuaState, library: Library): RegisteredFunction {
    const argc = lua.lua_gettop(L);
    if (argc < 1 || argc > 2) throw new RegistrationError(`ERR wrong number of arguments to ${this.api}.register_function`);
    const { name, description, flags, ref } = argc === 1 ? this.namedArgs(L) : this.positionalArgs(L);
    let problem: string | undefined;
    if (!NAME.test(name)) {
      // Redis words a bad function name as a bad library name (functionLibCreateFunction).
      problem = 'ERR Library names can only contain letters, numbers, or underscores(_) and must be at least one character long';
    } else if (library.functions.some((f) => f.name === name)) {
      problem = 'ERR Function already exists in the library';
    }
    if (problem !== undefined) {
      this.sandbox.unkeep(ref);
      throw new RegistrationError(problem);
    }
    return { name, description, ref, flags, library };
  }

  /** `register_function(name, callback)`: the callback kept in the registry. */
  private positionalArgs(L: LuaState): RegistrationArgs {
    const name = stringAt(L, 1);
    if (name === undefined) throw new RegistrationError(`ERR first argument to ${this.api}.register_function must be a string`);
    if (lua.lua_type(L, 2) !== lua.LUA_TFUNCTION) {
      throw new RegistrationError(`ERR second argument to ${this.api}.register_function must be a function`);
    }
    lua.lua_pushvalue(L, 2);
    return { name, description: null, flags: [], ref: LuaSandbox.keep(L) };
  }

  /**
   * `register_function{function_name=…, callback=…, description=…, flags={…}}`: keys in the
   * table's own order, names without case; the callback kept in the registry.
   */
  private namedArgs(L: LuaState): RegistrationArgs {
    let ref: number | undefined;
    try {
      const args = this.readNamedArgs(L, (r) => (ref = r));
      if (ref === undefined) throw new RegistrationError(`ERR ${this.api}.register_function must get a callback argument`);
      return { ...args, ref };
    } catch (error) {
      if (ref !== undefined) this.sandbox.unkeep(ref);
      throw error;
    }
  }

  /** Reads the named arguments; hands the callback's registry reference to `keepCallback`. */
  private readNamedArgs(L: LuaState, keepCallback: (ref: number) => void): Omit<RegistrationArgs, 'ref'> {
    const api = this.api;
    if (lua.lua_type(L, 1) !== lua.LUA_TTABLE) {
      throw new RegistrationError(
        `ERR calling ${api}.register_function with a single argument is only applicable to Lua table (representing named arguments).`,
      );
    }
    let name: string | undefined;
    let description: string | null = null;
    let flags: string[] = [];
    lua.lua_pushnil(L);
    while (lua.lua_next(L, 1)) {
      // Stack: table, key, value. A number key is a string to Lua, but never a known name.
      const keyType = lua.lua_type(L, -2);
      if (keyType !== lua.LUA_TSTRING && keyType !== lua.LUA_TNUMBER) {
        throw new RegistrationError(`ERR named argument key given to ${api}.register_function is not a string`);
      }
      const key = keyType === lua.LUA_TSTRING ? fromLuaString(lua.lua_tostring(L, -2) as Uint8Array).toLowerCase() : '';
      if (key === 'function_name') {
        name = stringAt(L, -1);
        if (name === undefined) throw new RegistrationError(`ERR function_name argument given to ${api}.register_function must be a string`);
      } else if (key === 'description') {
        const text = stringAt(L, -1);
        if (text === undefined) throw new RegistrationError(`ERR description argument given to ${api}.register_function must be a string`);
        description = text;
      } else if (key === 'callback') {
        if (lua.lua_type(L, -1) !== lua.LUA_TFUNCTION) {
          throw new RegistrationError(`ERR callback argument given to ${api}.register_function must be a function`);
        }
        lua.lua_pushvalue(L, -1);
        keepCallback(LuaSandbox.keep(L));
      } else if (key === 'flags') {
        if (lua.lua_type(L, -1) !== lua.LUA_TTABLE) {
          throw new RegistrationError(`ERR flags argument to ${api}.register_function must be a table representing function flags`);
        }
        flags = readFlags(L, lua.lua_gettop(L));
      } else {
        throw new RegistrationError(`ERR unknown argument given to ${api}.register_function`);
      }
      lua.lua_pop(L, 1);
    }
    if (name === undefined) throw new RegistrationError(`ERR ${api}.register_function must get a function name argument`);
    return { name, description, flags };
  }
}

/** What register_function was given, besides the callback. */
interface RegistrationArgs {
  readonly name: string;
  readonly description: string | null;
  readonly flags: string[];
  /** The callback, kept in the registry. */
  readonly ref: number;
}

/** The string (or number, as Lua converts it) at `idx`, without converting the value in place. */
function stringAt(L: LuaState, idx: number): string | undefined {
  const type = lua.lua_type(L, idx);
  if (type === lua.LUA_TSTRING) return fromLuaString(lua.lua_tostring(L, idx) as Uint8Array);
  if (type !== lua.LUA_TNUMBER) return undefined;
  lua.lua_pushvalue(L, idx);
  const text = fromLuaString(lauxlib.luaL_tolstring(L, -1));
  lua.lua_pop(L, 2);
  return text;
}

function readFlags(L: LuaState, idx: number): string[] {
  const flags: string[] = [];
  for (let i = 1; ; i++) {
    lua.lua_rawgeti(L, idx, i);
    if (lua.lua_type(L, -1) === lua.LUA_TNIL) {
      lua.lua_pop(L, 1);
      return flags;
    }
    // Flags are matched without case; a value that is not a string is no flag.
    const flag = stringAt(L, -1)?.toLowerCase();
    lua.lua_pop(L, 1);
    if (flag === undefined || !KNOWN_FLAGS.has(flag)) throw new RegistrationError('ERR unknown flag given');
    flags.push(flag);
  }
}

/** Reads `#!lua name=<lib>` from the first line; Redis's errors for anything else. */
function parseHeader(code: string): string {
  if (!code.startsWith('#!')) throw new RedisReplyError('ERR Missing library metadata');
  const end = code.indexOf('\n');
  const parts = code.slice(2, end < 0 ? code.length : end).split(' ').filter((p) => p !== '');
  const engine = parts[0] ?? '';
  if (engine.toLowerCase() !== 'lua') throw new RedisReplyError(`ERR Engine '${engine}' not found`);
  let name: string | undefined;
  for (const part of parts.slice(1)) {
    if (part.startsWith('name=')) name = part.slice(5);
    else throw new RedisReplyError(`ERR Invalid metadata value given: ${part}`);
  }
  if (name === undefined) throw new RedisReplyError('ERR Library name was not given');
  if (!NAME.test(name)) {
    throw new RedisReplyError(
      'ERR Library names can only contain letters, numbers, or underscores(_) and must be at least one character long',
    );
  }
  return name;
}

/** Parses a numkeys argument with Redis's errors; `available` is how many arguments follow it. */
export function parseNumKeys(text: string, available: number, notInteger: string): number {
  const n = /^-?\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n)) throw new RedisReplyError(notInteger);
  if (n < 0) throw new RedisReplyError("ERR Number of keys can't be negative");
  if (n > available) throw new RedisReplyError("ERR Number of keys can't be greater than number of args");
  return n;
}
