/**
 * Replies as an ioredis client reads them. The model keeps Redis's exact 64-bit integers (bigints
 * beyond ±(2^53-1)); ioredis's protocol parser turns every integer reply into a JS number by
 * folding its decimal digits left to right in floating point, which can land a few units away from
 * the nearest double. Simulated clients must see exactly what ioredis would, so user code behaves
 * the same against pelsim and against a real server.
 */
import { bytesToText, isAscii } from './bytes.js';
import type { Reply } from './model/types.js';

/** The number ioredis returns for the integer reply `value` (decimal digits folded as doubles). */
export function ioredisInteger(value: bigint): number {
  const text = value < 0n ? (-value).toString() : value.toString();
  let n = 0;
  for (let i = 0; i < text.length; i++) n = n * 10 + (text.charCodeAt(i) - 48);
  return value < 0n ? -n : n;
}

/**
 * `reply` with every bigint replaced by {@link ioredisInteger} and every byte string decoded as
 * UTF-8 text (ioredis's default). Arrays are copied only when an item changes (replies share entry
 * storage with the model and are never mutated).
 */
export function toClientReply(reply: Reply): Reply {
  if (typeof reply === 'bigint') return ioredisInteger(reply);
  if (typeof reply === 'string') return bytesToText(reply);
  if (!Array.isArray(reply)) return reply;
  let out: Reply[] | null = null;
  for (let i = 0; i < reply.length; i++) {
    const item = reply[i] as Reply;
    // Most items (entry fields, XINFO rows) are ASCII strings and numbers: no call for those.
    if (typeof item === 'number' || item === null || (typeof item === 'string' && isAscii(item))) continue;
    const converted = toClientReply(item);
    if (converted !== item) {
      out ??= reply.slice();
      out[i] = converted;
    }
  }
  return out ?? reply;
}
