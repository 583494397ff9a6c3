/**
 * Argument helpers shared by the command families: case-insensitive keyword matching, Redis's
 * integer parsing, and the error texts that several commands share.
 */
import type { SemanticsProfile } from './profile.js';
import { RedisReplyError } from './types.js';

/** `ERR syntax error`. */
export const ERR_SYNTAX = 'ERR syntax error';
/** Redis's default message when an integer argument does not parse. */
export const ERR_NOT_INTEGER = 'ERR value is not an integer or out of range';

/**
 * True when `arg` equals `upper` ignoring ASCII case. `upper` must be upper-case ASCII. Compares
 * char codes so keyword checks on the hot path allocate nothing.
 */
export function eqi(arg: string, upper: string): boolean {
  const n = upper.length;
  if (arg.length !== n) return false;
  for (let i = 0; i < n; i++) {
    let c = arg.charCodeAt(i);
    if (c >= 97 && c <= 122) c -= 32;
    if (c !== upper.charCodeAt(i)) return false;
  }
  return true;
}

const STRICT_INT = /^(?:0|-?[1-9][0-9]*)$/;
const I64_MIN = -9223372036854775808n;
const I64_MAX = 9223372036854775807n;

/**
 * Parses a signed 64-bit integer like Redis's `string2ll` (no blanks, no `+`, no leading zeros).
 * Returns null when it does not parse. Values beyond 2^53 come back rounded: they are only ever
 * used as limits, where the rounding cannot change an outcome.
 */
export function parseInteger(text: string): number | null {
  const n = text.length;
  if (n > 0 && n <= 15) {
    let i = text.charCodeAt(0) === 45 ? 1 : 0;
    if (i === n) return null;
    const first = text.charCodeAt(i);
    if (first === 48) return n === 1 ? 0 : null;
    let v = 0;
    for (; i < n; i++) {
      const c = text.charCodeAt(i) - 48;
      if (c < 0 || c > 9) return null;
      v = v * 10 + c;
    }
    return text.charCodeAt(0) === 45 ? -v : v;
  }
  if (n > 20 || !STRICT_INT.test(text)) return null;
  const big = BigInt(text);
  if (big < I64_MIN || big > I64_MAX) return null;
  return Number(big);
}

/** Parses an integer argument or throws `message` (Redis's `getLongLongFromObjectOrReply`). */
export function integerArg(text: string, message: string = ERR_NOT_INTEGER): number {
  const v = parseInteger(text);
  if (v === null) throw new RedisReplyError(message);
  return v;
}

/**
 * The BLOCK argument of XREAD / XREADGROUP in ms (0: forever), as `getTimeoutFromObjectOrReply`
 * parses it, refusing a deadline past the 64-bit clock where the profile says so.
 */
export function blockTimeoutArg(text: string, now: number, profile: SemanticsProfile): number {
  const ms = integerArg(text, 'ERR timeout is not an integer or out of range');
  if (ms < 0) throw new RedisReplyError('ERR timeout is negative');
  // Below 16 digits plus any realistic clock stays far under 2^63: skip the BigInt on the hot path.
  if (profile.blockDeadlineChecked && text.length >= 16 && BigInt(text) + BigInt(now) > I64_MAX) {
    throw new RedisReplyError('ERR timeout is out of range');
  }
  return ms;
}

/** Throws `ERR syntax error`. */
export function syntaxError(): never {
  throw new RedisReplyError(ERR_SYNTAX);
}

/** `NOGROUP` text used by XPENDING, XCLAIM and XAUTOCLAIM. */
export function noKeyOrGroup(key: string, group: string): RedisReplyError {
  return new RedisReplyError(`NOGROUP No such key '${key}' or consumer group '${group}'`);
}

/** `NOGROUP` text used by the XGROUP subcommands and XINFO CONSUMERS. */
export function noGroupForKey(key: string, group: string): RedisReplyError {
  return new RedisReplyError(`NOGROUP No such consumer group '${group}' for key name '${key}'`);
}

/** Redis's reply for a subcommand called with a bad shape, e.g. `XGROUP CREATE k g $ FOO`. */
export function subcommandSyntaxError(argv: readonly string[]): RedisReplyError {
  const sub = (argv[1] ?? '').slice(0, 128);
  return new RedisReplyError(
    `ERR unknown subcommand or wrong number of arguments for '${sub}'. Try ${(argv[0] ?? '').toUpperCase()} HELP.`,
  );
}
