/**
 * Key expiry and random picks for the key-value store, on the virtual clock and a seeded random
 * stream: the commands ioredis-mock would otherwise answer from the wall clock or Math.random.
 * Error texts are Redis 7.0's (src/expire.c, src/t_string.c, src/t_set.c).
 */
import type { ValueSpace } from './kv-store.js';
import { RedisReplyError, type Reply } from './model/types.js';

/** Commands the store answers itself rather than through ioredis-mock. */
export const OWN_COMMANDS: ReadonlySet<string> = new Set([
  'expire', 'pexpire', 'expireat', 'pexpireat', 'ttl', 'pttl', 'persist', 'spop', 'srandmember',
]);

const NOT_INTEGER = 'ERR value is not an integer or out of range';
const SYNTAX = 'ERR syntax error';
const WRONGTYPE = 'WRONGTYPE Operation against a key holding the wrong kind of value';

const arity = (command: string) => new RedisReplyError(`ERR wrong number of arguments for '${command}' command`);

function integer(text: string | undefined, message = NOT_INTEGER): number {
  if (text === undefined || !/^[+-]?\d+$/.test(text)) throw new RedisReplyError(message);
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RedisReplyError(message);
  return value;
}

/** Answers one of {@link OWN_COMMANDS} at virtual time `now`. */
export function runOwnCommand(command: string, args: readonly string[], space: ValueSpace, now: number): Reply {
  switch (command) {
    case 'expire':
    case 'pexpire':
    case 'expireat':
    case 'pexpireat':
      return expire(command, args, space, now);
    case 'ttl':
    case 'pttl': {
      const [key] = args;
      if (args.length !== 1 || key === undefined) throw arity(command);
      if (!space.has(key)) return -2;
      const deadline = space.deadlines.get(key);
      if (deadline === undefined) return -1;
      const left = Math.max(0, deadline - now);
      return command === 'pttl' ? left : Math.floor((left + 500) / 1000);
    }
    case 'persist': {
      const [key] = args;
      if (args.length !== 1 || key === undefined) throw arity(command);
      if (!space.has(key) || !space.deadlines.has(key)) return 0;
      space.deadlines.delete(key);
      return 1;
    }
    case 'spop':
      return spop(args, space);
    case 'srandmember':
      return srandmember(args, space);
    default:
      throw new RedisReplyError(`ERR unknown command '${command}'`);
  }
}

/** EXPIRE/PEXPIRE/EXPIREAT/PEXPIREAT key time [NX|XX|GT|LT], as Redis 7.0's expireGenericCommand. */
function expire(command: string, args: readonly string[], space: ValueSpace, now: number): Reply {
  const [key, time, ...options] = args;
  if (key === undefined || time === undefined) throw arity(command);
  const flags = new Set<string>();
  for (const option of options) {
    const flag = option.toUpperCase();
    if (!['NX', 'XX', 'GT', 'LT'].includes(flag)) throw new RedisReplyError(`ERR Unsupported option ${option}`);
    flags.add(flag);
  }
  if (flags.has('NX') && flags.size > 1) throw new RedisReplyError('ERR NX and XX, GT or LT options at the same time are not compatible');
  if (flags.has('GT') && flags.has('LT')) throw new RedisReplyError('ERR GT and LT options at the same time are not compatible');
  const amount = integer(time);
  const unit = command === 'expire' || command === 'expireat' ? 1000 : 1;
  const base = command === 'expire' || command === 'pexpire' ? now : 0;
  const when = base + amount * unit;
  if (!Number.isSafeInteger(when)) throw new RedisReplyError(`ERR invalid expire time in '${command}' command`);
  if (!space.has(key)) return 0;
  const current = space.deadlines.get(key);
  if (flags.has('NX') && current !== undefined) return 0;
  if (flags.has('XX') && current === undefined) return 0;
  if (flags.has('GT') && (current === undefined || when <= current)) return 0;
  if (flags.has('LT') && current !== undefined && when >= current) return 0;
  if (when <= now) space.delete(key);
  else space.deadlines.set(key, when);
  return 1;
}

/** The members of the set at `key`, or undefined when there is no such key. */
function members(space: ValueSpace, key: string): unknown[] | undefined {
  if (!space.has(key)) return undefined;
  const value = space.get(key);
  if (!(value instanceof Set)) throw new RedisReplyError(WRONGTYPE);
  return [...(value as Set<unknown>)];
}

/** `count` distinct members in a seeded random order (a partial Fisher–Yates shuffle). */
function pick(values: unknown[], count: number, random: () => number): unknown[] {
  const pool = [...values];
  const n = Math.min(count, pool.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, n);
}

function spop(args: readonly string[], space: ValueSpace): Reply {
  const [key, countText] = args;
  if (key === undefined || args.length > 2) throw args.length > 2 ? new RedisReplyError(SYNTAX) : arity('spop');
  const count = countText === undefined ? undefined : integer(countText, 'ERR value is out of range, must be positive');
  if (count !== undefined && count < 0) throw new RedisReplyError('ERR value is out of range, must be positive');
  const all = members(space, key);
  if (all === undefined) return count === undefined ? null : [];
  const popped = pick(all, count ?? 1, space.random);
  const rest = new Set(all);
  for (const member of popped) rest.delete(member);
  if (rest.size === 0) space.delete(key);
  else space.set(key, rest);
  return count === undefined ? (popped[0] as Reply) : (popped as Reply[]);
}

function srandmember(args: readonly string[], space: ValueSpace): Reply {
  const [key, countText] = args;
  if (key === undefined || args.length > 2) throw args.length > 2 ? new RedisReplyError(SYNTAX) : arity('srandmember');
  const count = countText === undefined ? undefined : integer(countText);
  const all = members(space, key);
  if (all === undefined) return count === undefined ? null : [];
  if (count === undefined) return pick(all, 1, space.random)[0] as Reply;
  if (count >= 0) return pick(all, count, space.random) as Reply[];
  // A negative count may repeat members: each pick is independent.
  return Array.from({ length: -count }, () => all[Math.floor(space.random() * all.length)]) as Reply[];
}

/** How a delegated command changes expiries: the arguments ioredis-mock gets, and each key's new expiry. */
export interface ExpiryEffect {
  /** The command as ioredis-mock runs it (SETEX and PSETEX become SET). */
  readonly command: string;
  /** Its arguments, without any expiry part. */
  readonly args: readonly string[];
  /** New expiry per key in virtual ms; null removes a key's expiry. */
  readonly deadlines: ReadonlyMap<string, number | null>;
  readonly now: number;
}

/**
 * What SET, SETEX, PSETEX, GETSET and MSET do to expiries (Redis: a write that replaces a value
 * clears its expiry unless SET KEEPTTL); every other command leaves them alone.
 */
export function setExpiryEffect(command: string, args: readonly string[], exists: (key: string) => boolean, now: number): ExpiryEffect {
  const none: ExpiryEffect = { command, args, deadlines: new Map(), now };
  switch (command) {
    case 'set':
      return setCommand(args, exists, now);
    case 'setex':
    case 'psetex': {
      const [key, time, value] = args;
      if (args.length !== 3 || key === undefined || time === undefined || value === undefined) throw arity(command);
      const amount = integer(time);
      if (amount <= 0) throw new RedisReplyError(`ERR invalid expire time in '${command}' command`);
      return { command: 'set', args: [key, value], deadlines: new Map([[key, now + amount * (command === 'setex' ? 1000 : 1)]]), now };
    }
    case 'getset':
      return args[0] === undefined ? none : { command, args, deadlines: new Map([[args[0], null]]), now };
    case 'mset':
      return { command, args, deadlines: new Map(args.filter((_, i) => i % 2 === 0).map((key) => [key, null])), now };
    default:
      return none;
  }
}

/** SET key value [NX|XX] [GET] [EX s|PX ms|EXAT ts|PXAT ms-ts|KEEPTTL], as Redis 7.0's parseExtendedStringArgumentsOrReply. */
function setCommand(args: readonly string[], exists: (key: string) => boolean, now: number): ExpiryEffect {
  const [key, value, ...rest] = args;
  if (key === undefined || value === undefined) throw arity('set');
  const flags = new Set<string>();
  let expiry: { readonly unit: string; readonly amount: string } | undefined;
  for (let i = 0; i < rest.length; i++) {
    const option = (rest[i] ?? '').toUpperCase();
    const next = rest[i + 1];
    if (option === 'NX' || option === 'XX' || option === 'GET' || option === 'KEEPTTL') {
      flags.add(option);
    } else if ((option === 'EX' || option === 'PX' || option === 'EXAT' || option === 'PXAT') && next !== undefined && expiry === undefined) {
      expiry = { unit: option, amount: next };
      i++;
    } else {
      throw new RedisReplyError(SYNTAX);
    }
  }
  if ((flags.has('NX') && flags.has('XX')) || (flags.has('KEEPTTL') && expiry !== undefined)) throw new RedisReplyError(SYNTAX);
  let deadline: number | null = null;
  if (expiry !== undefined) {
    const amount = integer(expiry.amount);
    if (amount <= 0) throw new RedisReplyError("ERR invalid expire time in 'set' command");
    const ms = expiry.unit === 'EX' || expiry.unit === 'EXAT' ? amount * 1000 : amount;
    deadline = expiry.unit === 'EX' || expiry.unit === 'PX' ? now + ms : ms;
  }
  const present = exists(key);
  const happens = flags.has('NX') ? !present : flags.has('XX') ? present : true;
  const forwarded = [key, value, ...['NX', 'XX', 'GET'].filter((f) => flags.has(f))];
  const deadlines = new Map<string, number | null>();
  if (happens && !flags.has('KEEPTTL')) deadlines.set(key, deadline);
  return { command: 'set', args: forwarded, deadlines, now };
}
