import type { EventHandle, Wait } from '../engine/index.js';
import type { Blocking } from './commands/index.js';
import type { Reply } from './model/types.js';
import type { RespValue } from './resp/values.js';

/** How a blocked command ended: a reply (served or timed out) or an error (key or group gone). */
export type BlockResult = { readonly value: RespValue } | { readonly error: Error };

/** A connection blocked in a command such as `XREADGROUP ... BLOCK ms ... >`. */
export interface BlockedReader {
  /** The command as sent, so a client can resend it after a reconnect. */
  readonly argv: readonly string[];
  readonly blocking: Blocking;
  readonly connectionId: number;
  /** Called once, when the command is served, fails or times out (not when it is withdrawn). */
  readonly settle: (result: BlockResult) => void;
  /** The direct client's pending reply, handed back on a dropped connection. */
  readonly wait?: Wait<Reply>;
  timeout: EventHandle | undefined;
}

/**
 * The clients blocked on each key, in the order they blocked. Redis 7.0 serves the clients
 * blocked on a key first-come first-served, so each key keeps a FIFO: a Set, whose insertion order
 * is blocking order and from which a timed-out reader leaves in O(1) (an idle fleet times out
 * millions of reads a month).
 */
export class BlockedReaders {
  private readonly byKey = new Map<string, Set<BlockedReader>>();
  private count = 0;

  /** Appends `reader` behind every reader already blocked on each of its keys. */
  add(reader: BlockedReader): void {
    this.count++;
    for (const key of reader.blocking.keys) {
      const set = this.byKey.get(key);
      if (set) set.add(reader);
      else this.byKey.set(key, new Set([reader]));
    }
  }

  /** Removes `reader` from every key it waits on. */
  remove(reader: BlockedReader): void {
    let found = false;
    for (const key of reader.blocking.keys) {
      const set = this.byKey.get(key);
      if (set === undefined) continue;
      if (set.delete(reader)) found = true;
      // An empty set stays: the same readers block on the same key again moments later.
    }
    if (found) this.count--;
  }

  /** Moves `reader` behind every reader blocked on each of its keys (a re-executed read that blocked again). */
  requeue(reader: BlockedReader): void {
    this.remove(reader);
    this.add(reader);
  }

  /** A snapshot of the readers blocked on `key`, oldest first. */
  on(key: string): readonly BlockedReader[] {
    const set = this.byKey.get(key);
    return set === undefined || set.size === 0 ? [] : [...set];
  }

  /** Readers of one connection, for dropping them when it closes. */
  ofConnection(connectionId: number): BlockedReader[] {
    const found = new Set<BlockedReader>();
    for (const set of this.byKey.values()) for (const r of set) if (r.connectionId === connectionId) found.add(r);
    return [...found];
  }

  /** Number of distinct blocked readers. */
  get size(): number {
    return this.count;
  }
}
