/**
 * RESP2/RESP3 reply encoding. Strings are written as latin1 (one char, one byte): the server keeps
 * arguments that way, so payload bytes come back exactly as they were sent.
 */
import { RedisReplyError } from '../model/types.js';
import { MapReply, PushReply, ReplyFrames, StatusReply, type RespValue } from './values.js';

/** The protocol a connection speaks, chosen with HELLO. */
export type Protocol = 2 | 3;

/** Appends the encoding of `value` to `out` (a string of latin1 chars, joined once per flush). */
export function encodeReply(value: RespValue, protocol: Protocol): string {
  let out = '';
  const write = (v: RespValue): void => {
    if (v === null) {
      out += protocol === 3 ? '_\r\n' : '$-1\r\n';
    } else if (typeof v === 'string') {
      out += `$${v.length}\r\n${v}\r\n`;
    } else if (typeof v === 'bigint') {
      out += `:${v}\r\n`;
    } else if (typeof v === 'number') {
      out += Number.isInteger(v) ? `:${v}\r\n` : `,${v}\r\n`;
    } else if (Array.isArray(v)) {
      const items = v as readonly RespValue[];
      out += `*${items.length}\r\n`;
      for (const item of items) write(item);
    } else if (v instanceof StatusReply) {
      out += `+${oneLine(v.text)}\r\n`;
    } else if (v instanceof MapReply) {
      if (protocol === 3) {
        out += `%${v.entries.length}\r\n`;
      } else {
        out += `*${v.entries.length * 2}\r\n`;
      }
      for (const [key, item] of v.entries) {
        write(key);
        write(item);
      }
    } else if (v instanceof PushReply) {
      out += `${protocol === 3 ? '>' : '*'}${v.items.length}\r\n`;
      for (const item of v.items) write(item);
    } else if (v instanceof ReplyFrames) {
      for (const frame of v.frames) write(frame);
    } else if (v instanceof RedisReplyError) {
      out += `-${oneLine(v.message)}\r\n`;
    } else {
      throw new TypeError(`cannot encode reply value ${String(v)}`);
    }
  };
  write(value);
  return out;
}

/** The error reply line for `error` (Redis keeps error texts on one line). */
export function encodeError(error: Error): string {
  return `-${oneLine(error.message)}\r\n`;
}

function oneLine(text: string): string {
  return text.includes('\r') || text.includes('\n') ? text.replace(/[\r\n]/g, ' ') : text;
}
