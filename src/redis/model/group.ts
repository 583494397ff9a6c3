/**
 * Consumer groups and consumers (Redis `streamCG` / `streamConsumer`).
 */
import { incrI64, type Counter } from './counters.js';
import type { IdPart, StreamId } from './ids.js';
import type { SemanticsProfile } from './profile.js';
import { Nack, Pel } from './pel.js';
import { INVALID_ENTRIES_READ, estimateEntriesRead, hasTombstonesFrom } from './lag.js';
import type { Entry, Stream } from './stream.js';

/** A consumer: a name, when it was last seen and last active, and its own PEL. */
export class Consumer {
  readonly pel = new Pel();
  /**
   * Absolute ms of the last successful `>` delivery or claim, -1 when none; kept only where
   * {@link SemanticsProfile.activeTime} holds.
   */
  activeTime = -1;
  constructor(
    readonly name: string,
    /**
     * Absolute ms; refreshed by served reads and successful claims (7.0), or by every read or claim
     * naming the consumer (7.2+, {@link SemanticsProfile.consumerSeenOnAttempt}).
     */
    public seenTime: number,
  ) {}
}

/** A consumer group. */
export class Group {
  /** The group PEL: one record per delivered, unacknowledged entry. */
  readonly pel = new Pel();
  /** Add and delete consumers through the methods below: they keep {@link sortedConsumers}' cache right. */
  readonly consumers = new Map<string, Consumer>();
  /** Consumers by name, kept until one is added or deleted (XINFO CONSUMERS runs far more often). */
  private sorted: readonly Consumer[] | undefined;

  constructor(
    readonly name: string,
    /** `last-delivered-id`. */
    public lastId: StreamId,
    /** Logical read counter; {@link INVALID_ENTRIES_READ} when unknown. */
    public entriesRead: Counter,
  ) {}

  /**
   * Looks the consumer up and refreshes its seen-time, creating it when missing (what Redis does
   * whenever a read is served or a claim succeeds).
   */
  touchConsumer(name: string, now: number): Consumer {
    let c = this.consumers.get(name);
    if (c === undefined) {
      c = new Consumer(name, now);
      this.consumers.set(name, c);
      this.sorted = undefined;
    } else {
      c.seenTime = now;
    }
    return c;
  }

  /**
   * What a read or claim does with the consumer it names before serving anything: on 7.2+ creates
   * it and refreshes its seen-time (returned); on 7.0 nothing (null), see {@link consumerOnSuccess}.
   */
  consumerOnAttempt(name: string, now: number, profile: SemanticsProfile): Consumer | null {
    return profile.consumerSeenOnAttempt ? this.touchConsumer(name, now) : null;
  }

  /**
   * The consumer a served read or a successful claim goes to: the one {@link consumerOnAttempt}
   * returned, or (7.0) the consumer created or refreshed now.
   */
  consumerOnSuccess(name: string, now: number, attempted: Consumer | null): Consumer {
    return attempted ?? this.touchConsumer(name, now);
  }

  /** XGROUP CREATECONSUMER: creates without touching an existing consumer. Returns true if created. */
  createConsumer(name: string, now: number): boolean {
    if (this.consumers.has(name)) return false;
    this.consumers.set(name, new Consumer(name, now));
    this.sorted = undefined;
    return true;
  }

  /** XGROUP DELCONSUMER: drops the consumer and its records from the group PEL; returns how many. */
  deleteConsumer(name: string): number {
    const c = this.consumers.get(name);
    if (c === undefined) return 0;
    const owned = c.pel.items;
    for (const n of owned) this.pel.remove(n);
    this.consumers.delete(name);
    this.sorted = undefined;
    return owned.length;
  }

  /** Acknowledges one ID whoever owns it. Returns true if a record was removed. */
  ack(ms: IdPart, seq: IdPart): boolean {
    const i = this.pel.indexOf(ms, seq);
    if (i < 0) return false;
    const n = this.pel.items[i] as Nack;
    this.pel.removeAt(i);
    n.owner?.pel.remove(n);
    return true;
  }

  /** Removes a record from both PELs (claiming an entry that no longer exists). */
  drop(n: Nack): void {
    this.pel.remove(n);
    n.owner?.pel.remove(n);
  }

  /** Moves a record to `to` (a no-op on ownership when `to` already owns it). */
  assign(n: Nack, to: Consumer): void {
    if (n.owner === to) return;
    n.owner?.pel.remove(n);
    n.owner = to;
    to.pel.insert(n);
  }

  /**
   * Hands out one entry with an ID above `lastId` (a `>` delivery): advances `lastId` and
   * `entriesRead`, and unless `noack` creates (or, after a SETID rewind, reassigns and resets) the
   * PEL record.
   */
  deliver(stream: Stream, e: Entry, consumer: Consumer, now: number, noack: boolean): void {
    const last = this.lastId;
    if (e.ms > last.ms || (e.ms === last.ms && e.seq > last.seq)) {
      if (this.entriesRead !== INVALID_ENTRIES_READ && !hasTombstonesFrom(stream, e)) {
        this.entriesRead = incrI64(this.entriesRead);
      } else if (stream.entriesAdded !== 0) {
        this.entriesRead = estimateEntriesRead(stream, e);
      }
      this.lastId = e;
    }
    if (noack) return;
    const i = this.pel.indexOf(e.ms, e.seq);
    if (i < 0) {
      const n = new Nack(e, now, 1, consumer);
      this.pel.insert(n);
      consumer.pel.insert(n);
    } else {
      const n = this.pel.items[i] as Nack;
      this.assign(n, consumer);
      n.deliveryTime = now;
      n.deliveryCount = 1;
    }
  }

  /** Consumers in Redis's listing order (byte-wise by name). */
  sortedConsumers(): readonly Consumer[] {
    this.sorted ??= sortByName([...this.consumers.values()]);
    return this.sorted;
  }
}

/** Sorts named things byte-wise by UTF-8 name, the order of Redis's radix trees. */
export function sortByName<T extends { readonly name: string }>(items: T[]): T[] {
  return items.sort((a, b) => compareBytes(a.name, b.name));
}

/** Byte-wise comparison of two names (the model's strings are bytes, one char each: src/redis/bytes.ts). */
export function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
