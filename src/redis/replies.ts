/**
 * Typed readings of replies: each checks the shape the client method promises and names the
 * command and what came back when it is not so (a model bug, never a user error), instead of a cast
 * that would let a wrong shape travel on silently.
 */
import { PelsimError } from '../errors.js';
import type { Reply } from './model/types.js';

/** One stream entry as ioredis returns it; fields are null for a deleted entry still pending. */
export type StreamEntry = [id: string, fields: string[] | null];

/** The reply of XREADGROUP: one `[key, entries]` per stream, or null when nothing was read. */
export type ReadGroupReply = [key: string, entries: StreamEntry[]][] | null;

/** The reply of XAUTOCLAIM: `[cursor, claimed, deletedIds]`; claimed are IDs with JUSTID. */
export type AutoClaimReply = [cursor: string, claimed: StreamEntry[] | string[], deleted: string[]];

/** Reads a reply as `T`, or throws naming what it expected. */
export type ReplyReader<T> = (reply: Reply) => T;

function wrong(expected: string, reply: Reply): never {
  throw new PelsimError('internal', `pelsim bug: expected ${expected} as the reply, found ${JSON.stringify(reply)}`);
}

/** An integer reply. */
export const integer: ReplyReader<number> = (r) => (typeof r === 'number' ? r : wrong('an integer', r));

/** A simple or bulk string. */
export const text: ReplyReader<string> = (r) => (typeof r === 'string' ? r : wrong('a string', r));

/** A bulk string or nil. */
export const textOrNull: ReplyReader<string | null> = (r) => (r === null || typeof r === 'string' ? r : wrong('a string or nil', r));

/** A string or an integer (XGROUP answers OK for CREATE, a count for DELCONSUMER). */
export const textOrInteger: ReplyReader<string | number> = (r) => (typeof r === 'string' || typeof r === 'number' ? r : wrong('a string or an integer', r));

/** An array of anything. */
export const array: ReplyReader<Reply[]> = (r) => (Array.isArray(r) ? r : wrong('an array', r));

/** An array of strings. */
export const strings: ReplyReader<string[]> = (r) => {
  const list = array(r);
  for (const item of list) if (typeof item !== 'string') wrong('an array of strings', r);
  return list as string[];
};

/** `OK`. */
export const ok: ReplyReader<'OK'> = (r) => (r === 'OK' ? r : wrong('OK', r));

/** One `[id, fields]` entry. */
function entry(r: Reply): StreamEntry {
  if (!Array.isArray(r) || r.length !== 2 || typeof r[0] !== 'string') return wrong('a stream entry [id, fields]', r);
  const fields = r[1] === null ? null : strings(r[1] ?? null);
  return [r[0], fields];
}

/** Stream entries (XRANGE, XCLAIM). */
export const entries: ReplyReader<StreamEntry[]> = (r) => array(r).map(entry);

/** XRANGE/XREVRANGE: entries that exist, so fields are never null. */
export const rangeEntries: ReplyReader<[string, string[]][]> = (r) =>
  entries(r).map(([id, fields]) => [id, fields ?? wrong('an entry with fields', r)]);

/** XCLAIM: entries, or IDs with JUSTID. */
export const claimed: ReplyReader<StreamEntry[] | string[]> = (r) => {
  const list = array(r);
  return list.every((item) => typeof item === 'string') ? (list as string[]) : list.map(entry);
};

/** XREADGROUP: `[key, entries]` per stream, or nil. */
export const readGroup: ReplyReader<ReadGroupReply> = (r) => {
  if (r === null) return null;
  return array(r).map((stream) => {
    if (!Array.isArray(stream) || typeof stream[0] !== 'string') return wrong('[key, entries] per stream', r);
    return [stream[0], entries(stream[1] ?? null)];
  });
};

/** XAUTOCLAIM: `[cursor, claimed, deleted]`. */
export const autoClaim: ReplyReader<AutoClaimReply> = (r) => {
  const [cursor, claim, deleted] = array(r);
  if (typeof cursor !== 'string' || claim === undefined || deleted === undefined) return wrong('[cursor, claimed, deleted]', r);
  return [cursor, claimed(claim), strings(deleted)];
};
