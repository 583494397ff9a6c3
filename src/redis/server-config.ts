/**
 * CONFIG GET/SET for the settings pelsim models: `stream-node-max-entries` and
 * `stream-node-max-bytes`, which decide where a stream's nodes end and so what `MAXLEN ~`/`MINID ~`
 * trims and what `XINFO STREAM` and MEMORY USAGE report. Other settings are not modelled: CONFIG
 * GET does not list them and CONFIG SET refuses them with Redis's unknown-option error.
 */
import { globToRegExp } from './glob.js';
import { eqi } from './model/args.js';
import type { StreamNodeLimits } from './model/stream.js';
import { RedisReplyError, type Reply } from './model/types.js';

interface Setting {
  readonly name: string;
  get(limits: StreamNodeLimits): string;
  /** Parses `text`; returns the value or the reason it is refused. */
  parse(text: string): number | string;
  set(limits: StreamNodeLimits, value: number): void;
}

const LLONG_MAX = 9223372036854775807n;
const LONG_MAX = LLONG_MAX;

const MEMORY_UNITS: Readonly<Record<string, number>> = {
  '': 1, b: 1, k: 1000, kb: 1024, m: 1000 ** 2, mb: 1024 ** 2, g: 1000 ** 3, gb: 1024 ** 3,
};

function parseWhole(text: string, max: bigint): number | string {
  if (!/^-?\d+$/.test(text)) return "argument couldn't be parsed into an integer";
  const n = BigInt(text);
  if (n < 0n || n > max) return `argument must be between 0 and ${max} inclusive`;
  return Number(n);
}

/** Redis's `memtoull`: a number with an optional unit (k, kb, m, mb, g, gb; any case). */
function parseMemory(text: string): number | string {
  const match = /^(\d+)([a-z]*)$/i.exec(text);
  const unit = match ? MEMORY_UNITS[(match[2] as string).toLowerCase()] : undefined;
  if (!match || unit === undefined) return 'argument must be a memory value';
  const n = BigInt(match[1] as string) * BigInt(unit);
  if (n > LONG_MAX) return `argument must be between 0 and ${LONG_MAX} inclusive`;
  return Number(n);
}

const SETTINGS: readonly Setting[] = [
  {
    name: 'stream-node-max-bytes',
    get: (l) => String(l.maxBytes),
    parse: parseMemory,
    set: (l, v) => {
      l.maxBytes = v;
    },
  },
  {
    name: 'stream-node-max-entries',
    get: (l) => String(l.maxEntries),
    parse: (t) => parseWhole(t, LLONG_MAX),
    set: (l, v) => {
      l.maxEntries = v;
    },
  },
];

/** `CONFIG GET pattern [pattern ...]`: matching settings as a flat name/value list. */
function configGet(args: readonly string[], limits: StreamNodeLimits): Reply {
  const out = new Map<string, string>();
  for (const pattern of args) {
    const exact = SETTINGS.find((s) => eqi(pattern, s.name.toUpperCase()));
    if (exact) {
      // An exact name comes back as it was written, as in Redis.
      out.set(pattern, exact.get(limits));
      continue;
    }
    const re = globToRegExp(pattern.toLowerCase());
    for (const s of SETTINGS) if (re.test(s.name)) out.set(s.name, s.get(limits));
  }
  return [...out].flat();
}

/** `CONFIG SET name value [name value ...]`: all or nothing, with Redis's messages. */
function configSet(args: readonly string[], limits: StreamNodeLimits): Reply {
  if (args.length === 0 || args.length % 2 !== 0) throw new RedisReplyError("ERR wrong number of arguments for 'config|set' command");
  const updates: [Setting, number][] = [];
  for (let i = 0; i < args.length; i += 2) {
    const name = args[i] as string;
    const setting = SETTINGS.find((s) => eqi(name, s.name.toUpperCase()));
    if (!setting) throw new RedisReplyError(`ERR Unknown option or number of arguments for CONFIG SET - '${name}'`);
    if (updates.some(([s]) => s === setting)) {
      throw new RedisReplyError(`ERR CONFIG SET failed (possibly related to argument '${name}') - duplicate parameter`);
    }
    const value = setting.parse(args[i + 1] as string);
    if (typeof value === 'string') {
      throw new RedisReplyError(`ERR CONFIG SET failed (possibly related to argument '${name}') - ${value}`);
    }
    updates.push([setting, value]);
  }
  for (const [setting, value] of updates) setting.set(limits, value);
  return 'OK';
}

/** `CONFIG GET|SET|RESETSTAT …` against the stream node limits. */
export function config(args: readonly string[], limits: StreamNodeLimits): Reply {
  const given = args[0];
  if (given === undefined) throw new RedisReplyError("ERR wrong number of arguments for 'config' command");
  const sub = given.toUpperCase();
  const rest = args.slice(1);
  switch (sub) {
    case 'GET':
      if (rest.length === 0) throw new RedisReplyError("ERR wrong number of arguments for 'config|get' command");
      return configGet(rest, limits);
    case 'SET':
      return configSet(rest, limits);
    case 'RESETSTAT':
      if (rest.length !== 0) throw new RedisReplyError("ERR wrong number of arguments for 'config|resetstat' command");
      // The simulated server keeps no statistics: nothing to reset.
      return 'OK';
    default:
      throw new RedisReplyError(`ERR unknown subcommand '${given.slice(0, 128)}'. Try CONFIG HELP.`);
  }
}
