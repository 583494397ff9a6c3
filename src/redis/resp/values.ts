/**
 * Reply values beyond the model's {@link Reply}: what RESP can say that a plain JS value cannot
 * (a status line versus a bulk string, a RESP3 map, an error inside an EXEC reply).
 *
 * Strings are binary: each char is one byte (latin1), so every byte value survives the trip from a
 * client through the model and back.
 */
import { RedisReplyError, type Reply } from '../model/types.js';

/** A simple-string (`+OK`) reply. */
export class StatusReply {
  constructor(readonly text: string) {}
}

/** A RESP3 map (`%`); RESP2 clients get it as a flat array of keys and values. */
export class MapReply {
  constructor(readonly entries: readonly (readonly [RespValue, RespValue])[]) {}
}

/**
 * An out-of-band message (pub/sub): a RESP3 push (`>`); RESP2 connections get it as an array,
 * told apart by the client from its subscribed state.
 */
export class PushReply {
  constructor(readonly items: readonly RespValue[]) {}
}

/**
 * Several top-level replies written for one command, back to back: SUBSCRIBE with two channels
 * answers two pushes. Inside an EXEC reply they are written the same way, as Redis does.
 */
export class ReplyFrames {
  constructor(readonly frames: readonly RespValue[]) {}
}

/** Anything a command can reply. Errors appear only inside arrays (EXEC); top-level ones are thrown. */
export type RespValue = Reply | StatusReply | MapReply | PushReply | ReplyFrames | RedisReplyError | readonly RespValue[];

/** `+OK`, shared. */
export const OK = new StatusReply('OK');

/**
 * The value as the direct client returns it (ioredis's RESP2 shapes): statuses as strings, maps
 * flattened; an error inside an array stays an Error object, as ioredis puts it in EXEC results.
 */
export function toPlainReply(value: RespValue): Reply {
  if (value instanceof StatusReply) return value.text;
  if (value instanceof MapReply) {
    const flat: Reply[] = [];
    for (const [k, v] of value.entries) flat.push(toPlainReply(k), toPlainReply(v));
    return flat;
  }
  if (value instanceof PushReply) return value.items.map(toPlainReply);
  // Only pub/sub commands answer several frames, and only on a connection that can hear pushes.
  if (value instanceof ReplyFrames) return value.frames.map(toPlainReply);
  if (value instanceof RedisReplyError) return value as unknown as Reply;
  if (Array.isArray(value)) return plainArray(value as readonly RespValue[]);
  return value as Reply;
}

/**
 * An array reply as {@link toPlainReply} gives it, copied only when some item changes: replies share
 * entry storage with the model and are never mutated, and most (entries, XINFO fields) hold
 * nothing but strings and numbers.
 */
function plainArray(value: readonly RespValue[]): Reply {
  let out: Reply[] | null = null;
  for (let i = 0; i < value.length; i++) {
    const item = value[i] as RespValue;
    if (typeof item === 'string' || typeof item === 'number' || item === null) continue;
    const plain = toPlainReply(item);
    if (plain !== item) {
      out ??= value.slice() as Reply[];
      out[i] = plain;
    }
  }
  return out ?? (value as Reply);
}
