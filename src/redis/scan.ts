/**
 * SCAN over both keyspaces (streams and other values).
 *
 * Redis walks its hash table in reverse-binary bucket order; pelsim walks keys in the order of a
 * fixed 32-bit hash of their name (FNV-1a), ties by name. The cursor is that hash plus one, so it
 * keeps Redis's guarantee: a key present for the whole iteration is returned, whatever is added or
 * removed meanwhile, and the order is deterministic. COUNT is work per call, not a number of
 * results: MATCH and TYPE filter what a call looked at, as in Redis. The option parser follows the
 * version's rules (`profile.ts`): an unknown TYPE and HSCAN/ZSCAN-only options.
 */
import { globToRegExp } from './glob.js';
import { eqi, integerArg } from './model/args.js';
import type { SemanticsProfile } from './model/profile.js';
import { RedisReplyError, type Reply } from './model/types.js';

/** A key and its TYPE name. */
export interface ScanKey {
  readonly key: string;
  readonly type: string;
}

/** FNV-1a over the bytes of `key` (a byte string, see bytes.ts). */
export function keyHash(key: string): number {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(key, 'latin1')) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The TYPE names SCAN knows (`obj_type_name` in db.c; pelsim loads no module types). */
const TYPE_NAMES = new Set(['string', 'list', 'set', 'zset', 'hash', 'stream']);

/** The rules of SCAN's option parser that differ between versions. */
export type ScanRules = Pick<SemanticsProfile, 'scanRefusesUnknownType' | 'scanKeysOnlyOptions'>;

/** The command a keys-only option belongs to, for its error. */
const KEYS_ONLY_HOME: Readonly<Record<'NOVALUES' | 'NOSCORES', string>> = { NOVALUES: 'HSCAN', NOSCORES: 'ZSCAN' };

/** `SCAN cursor [MATCH pattern] [COUNT count] [TYPE type]` over `keys`, parsed by `rules`. */
export function scan(args: readonly string[], keys: readonly ScanKey[], rules: ScanRules): Reply {
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
      const name = args[++i] as string;
      type = name.toLowerCase();
      if (rules.scanRefusesUnknownType && !TYPE_NAMES.has(type)) throw new RedisReplyError(`ERR unknown type name '${name}'`);
    } else if (rules.scanKeysOnlyOptions.some((o) => eqi(option, o))) {
      const home = KEYS_ONLY_HOME[option.toUpperCase() as 'NOVALUES' | 'NOSCORES'];
      throw new RedisReplyError(`ERR ${option.toUpperCase()} option can only be used in ${home}`);
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
