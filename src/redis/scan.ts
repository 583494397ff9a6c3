/**
 * SCAN over both keyspaces (streams and other values).
 *
 * Redis walks its hash table in reverse-binary bucket order; pelsim walks keys in the order of a
 * fixed 32-bit hash of their name (FNV-1a), ties by name. The cursor is that hash plus one, so it
 * keeps Redis's guarantee: a key present for the whole iteration is returned, whatever is added or
 * removed meanwhile, and the order is deterministic. COUNT is work per call, not a number of
 * results: MATCH and TYPE filter what a call looked at, as in Redis.
 */
import { globToRegExp } from './glob.js';
import { eqi, integerArg } from './model/args.js';
import { RedisReplyError, type Reply } from './model/types.js';

/** A key and its TYPE name. */
export interface ScanKey {
  readonly key: string;
  readonly type: string;
}

/** FNV-1a over the UTF-8 bytes of `key`. */
export function keyHash(key: string): number {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(key, 'utf8')) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** `SCAN cursor [MATCH pattern] [COUNT count] [TYPE type]` over `keys`. */
export function scan(args: readonly string[], keys: readonly ScanKey[]): Reply {
  const cursorText = args[0] as string;
  if (!/^-?\d+$/.test(cursorText)) throw new RedisReplyError('ERR invalid cursor');
  const cursor = Math.max(0, Number(cursorText));
  let count = 10;
  let match: RegExp | undefined;
  let type: string | undefined;
  for (let i = 1; i < args.length; i++) {
    const option = args[i] as string;
    const more = i + 1 < args.length;
    if (more && eqi(option, 'COUNT')) {
      count = integerArg(args[++i] as string);
      if (count < 1) throw new RedisReplyError('ERR syntax error');
    } else if (more && eqi(option, 'MATCH')) {
      match = globToRegExp(args[++i] as string);
    } else if (more && eqi(option, 'TYPE')) {
      type = (args[++i] as string).toLowerCase();
    } else {
      throw new RedisReplyError('ERR syntax error');
    }
  }
  const from = cursor === 0 ? 0 : cursor - 1;
  const ordered = keys
    .map((k) => ({ ...k, hash: keyHash(k.key) }))
    .filter((k) => k.hash >= from)
    .sort((a, b) => a.hash - b.hash || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  let end = Math.min(count, ordered.length);
  // Keys sharing a hash are returned together, so resuming at that hash repeats none of them.
  while (end < ordered.length && (ordered[end] as { hash: number }).hash === (ordered[end - 1] as { hash: number }).hash) end++;
  const next = end < ordered.length ? (ordered[end] as { hash: number }).hash + 1 : 0;
  const found = ordered
    .slice(0, end)
    .filter((k) => (match === undefined || match.test(k.key)) && (type === undefined || k.type === type))
    .map((k) => k.key);
  return [String(next), found];
}
