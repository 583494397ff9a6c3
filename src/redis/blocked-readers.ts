import type { EventHandle, Wait } from '../engine/index.js';
import type { BlockedRead, Reply } from './model/types.js';

/** A client blocked in `XREADGROUP ... BLOCK ms ... >`. */
export interface BlockedReader {
  /** The command as sent, so a client can resend it after a reconnect. */
  readonly argv: readonly string[];
  readonly read: BlockedRead;
  readonly wait: Wait<Reply>;
  readonly connectionId: number;
  timeout: EventHandle | undefined;
}

/**
 * The clients blocked on each stream key, in the order they blocked. Redis 7.0 serves the clients
 * blocked on a key first-come first-served, so each key keeps a FIFO list.
 */
export class BlockedReaders {
  private readonly byKey = new Map<string, BlockedReader[]>();

  /** Appends `reader` behind every reader already blocked on each of its keys. */
  add(reader: BlockedReader): void {
    for (const key of reader.read.keys) {
      const list = this.byKey.get(key);
      if (list) list.push(reader);
      else this.byKey.set(key, [reader]);
    }
  }

  /** Removes `reader` from every key it waits on. */
  remove(reader: BlockedReader): void {
    for (const key of reader.read.keys) {
      const list = this.byKey.get(key);
      if (!list) continue;
      const index = list.indexOf(reader);
      if (index >= 0) list.splice(index, 1);
      if (list.length === 0) this.byKey.delete(key);
    }
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
    const all = new Set<BlockedReader>();
    for (const list of this.byKey.values()) for (const r of list) all.add(r);
    return all.size;
  }
}
