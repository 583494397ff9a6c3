import type { EventHandle, Wait } from '../engine/index.js';
import type { Blocking, Session } from './commands/index.js';
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
  /** The connection's state when it blocked (a reconnected connection has a new one). */
  readonly session: Session | undefined;
  /** Called once, when the command is served, fails or times out (not when it is withdrawn). */
  readonly settle: (result: BlockResult) => void;
  /** The direct client's pending reply, handed back on a dropped connection. */
  readonly wait?: Wait<Reply>;
  timeout: EventHandle | undefined;
  /** Withdraws this reader (a cancel hook), made once for a reader that is sent again and again. */
  withdraw: (() => void) | undefined;
}

/**
 * The clients blocked on each key, in the order they blocked. Redis 7.0 serves the clients
 * blocked on a key first-come first-served, so each key keeps a FIFO list.
 */
export class BlockedReaders {
  private readonly byKey = new Map<string, BlockedReader[]>();
  private count = 0;

  /** Appends `reader` behind every reader already blocked on each of its keys. */
  add(reader: BlockedReader): void {
    this.count++;
    const keys = reader.blocking.keys;
    // A reader joins once per key even when its command names a key twice (one reader per key
    // is then already there); with one key it cannot be (a queued reader is never added again).
    const once = keys.length > 1;
    for (const key of keys) {
      const list = this.byKey.get(key);
      if (list) {
        if (!once || !list.includes(reader)) list.push(reader);
      } else this.byKey.set(key, [reader]);
    }
  }

  /** Removes `reader` from every key it waits on. */
  remove(reader: BlockedReader): void {
    let found = false;
    for (const key of reader.blocking.keys) {
      const list = this.byKey.get(key);
      if (!list) continue;
      const index = list.indexOf(reader);
      if (index >= 0) {
        list.splice(index, 1);
        found = true;
      }
      if (list.length === 0) this.byKey.delete(key);
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
    return this.byKey.get(key)?.slice() ?? [];
  }

  /** Readers of one connection, for dropping them when it closes. */
  ofConnection(connectionId: number): BlockedReader[] {
    const found = new Set<BlockedReader>();
    for (const list of this.byKey.values()) for (const r of list) if (r.connectionId === connectionId) found.add(r);
    return [...found];
  }

  /** Number of distinct blocked readers. */
  get size(): number {
    return this.count;
  }
}
