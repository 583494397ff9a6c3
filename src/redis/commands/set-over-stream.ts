/**
 * `SET` on a key that holds a stream. The key-value store never sees streams, so the decisions
 * Redis takes about the key's current value are taken here, in `setGenericCommand`'s order
 * (t_string.c): option syntax, then the expire value, then `GET` (a stream is not a string:
 * WRONGTYPE), then `NX`/`XX` (a stream counts as an existing key); only then is the stream replaced.
 */
import { RedisReplyError } from '../model/types.js';

const SYNTAX = 'ERR syntax error';
const NOT_INTEGER = 'ERR value is not an integer or out of range';
const BAD_EXPIRE = "ERR invalid expire time in 'set' command";
const INT64_MAX = (1n << 63n) - 1n;

/** What `SET key value [options…]` asks for, once its options parse. */
export interface SetOptions {
  readonly nx: boolean;
  readonly xx: boolean;
  readonly get: boolean;
}

type ExpireFlag = 'EX' | 'PX' | 'EXAT' | 'PXAT' | 'KEEPTTL';

/** Parses SET's options as Redis does: any repeat-incompatible or unknown token is a syntax error. */
export function parseSetOptions(options: readonly string[], nowMs: number): SetOptions {
  let nx = false;
  let xx = false;
  let get = false;
  let expire: ExpireFlag | undefined;
  let expireValue: string | undefined;
  for (let i = 0; i < options.length; i++) {
    const opt = (options[i] as string).toUpperCase();
    const hasNext = i + 1 < options.length;
    if (opt === 'NX' && !xx) nx = true;
    else if (opt === 'XX' && !nx) xx = true;
    else if (opt === 'GET') get = true;
    else if (opt === 'KEEPTTL' && (expire === undefined || expire === 'KEEPTTL')) expire = 'KEEPTTL';
    else if ((opt === 'EX' || opt === 'PX' || opt === 'EXAT' || opt === 'PXAT') && (expire === undefined || expire === opt) && hasNext) {
      expire = opt;
      expireValue = options[++i];
    } else throw new RedisReplyError(SYNTAX);
  }
  if (expire !== undefined && expire !== 'KEEPTTL' && expireValue !== undefined) checkExpire(expire, expireValue, nowMs);
  return { nx, xx, get };
}

/** `getExpireMillisecondsOrReply`: an int64, positive, whose absolute time in ms fits an int64. */
function checkExpire(flag: Exclude<ExpireFlag, 'KEEPTTL'>, text: string, nowMs: number): void {
  if (!/^(0|-?[1-9][0-9]*)$/.test(text)) throw new RedisReplyError(NOT_INTEGER);
  const value = BigInt(text);
  if (value > INT64_MAX || value < -INT64_MAX - 1n) throw new RedisReplyError(NOT_INTEGER);
  const seconds = flag === 'EX' || flag === 'EXAT';
  if (value <= 0n || (seconds && value > INT64_MAX / 1000n)) throw new RedisReplyError(BAD_EXPIRE);
  const ms = seconds ? value * 1000n : value;
  if ((flag === 'EX' || flag === 'PX') && ms > INT64_MAX - BigInt(nowMs)) throw new RedisReplyError(BAD_EXPIRE);
}

/**
 * What to do with `SET key value options…` when `key` holds a stream: `abort` answers nil (NX met
 * an existing key), `replace` deletes the stream and hands the key-value store `args` (XX already
 * satisfied, so dropped: the store no longer sees the key). Errors are thrown as Redis replies.
 */
export function setOverStream(args: readonly string[], nowMs: number): { readonly action: 'abort' } | { readonly action: 'replace'; readonly args: readonly string[] } {
  const options = parseSetOptions(args.slice(2), nowMs);
  if (options.get) throw new RedisReplyError('WRONGTYPE Operation against a key holding the wrong kind of value');
  if (options.nx) return { action: 'abort' };
  return { action: 'replace', args: args.filter((a, i) => i < 2 || a.toUpperCase() !== 'XX') };
}
