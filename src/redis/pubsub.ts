/**
 * Pub/sub channels and patterns: who listens to what, and the delivery of a PUBLISH to them, as
 * Redis's `pubsub.c` does it (channel subscribers first, then every matching pattern's).
 *
 * Where Redis walks a hash table (the subscribers of a channel, the patterns matching a channel,
 * a connection's channels on a bare UNSUBSCRIBE), pelsim walks in subscription order: the set of
 * frames is the same, their order across patterns may differ from a real server's.
 */
import type { Session, Subscriptions } from './commands/types.js';
import { globToRegExp } from './glob.js';
import { PushReply } from './resp/values.js';

interface PatternSubscribers {
  readonly matcher: RegExp;
  readonly sessions: Set<Session>;
}

/** The server's pub/sub registry. */
export class PubSubHub {
  private readonly channels = new Map<string, Set<Session>>();
  private readonly patterns = new Map<string, PatternSubscribers>();

  /** Subscriptions (channels + patterns) of `session`: the count SUBSCRIBE replies carry. */
  static count(session: Session): number {
    const subs = session.subscriptions;
    return subs === null ? 0 : subs.channels.size + subs.patterns.size;
  }

  /** Subscribes `session` to `channel` (again is a no-op); returns its subscription count. */
  subscribe(session: Session, channel: string): number {
    const subs = subscriptionsOf(session);
    if (!subs.channels.has(channel)) {
      subs.channels.add(channel);
      let sessions = this.channels.get(channel);
      if (sessions === undefined) this.channels.set(channel, (sessions = new Set()));
      sessions.add(session);
    }
    return PubSubHub.count(session);
  }

  /** Unsubscribes `session` from `channel` if it was subscribed; returns its subscription count. */
  unsubscribe(session: Session, channel: string): number {
    const subs = session.subscriptions;
    if (subs?.channels.delete(channel)) {
      const sessions = this.channels.get(channel);
      sessions?.delete(session);
      if (sessions?.size === 0) this.channels.delete(channel);
    }
    return PubSubHub.count(session);
  }

  /** Subscribes `session` to `pattern`; returns its subscription count. */
  psubscribe(session: Session, pattern: string): number {
    const subs = subscriptionsOf(session);
    if (!subs.patterns.has(pattern)) {
      subs.patterns.add(pattern);
      let entry = this.patterns.get(pattern);
      if (entry === undefined) this.patterns.set(pattern, (entry = { matcher: globToRegExp(pattern), sessions: new Set() }));
      entry.sessions.add(session);
    }
    return PubSubHub.count(session);
  }

  /** Unsubscribes `session` from `pattern` if it was subscribed; returns its subscription count. */
  punsubscribe(session: Session, pattern: string): number {
    const subs = session.subscriptions;
    if (subs?.patterns.delete(pattern)) {
      const entry = this.patterns.get(pattern);
      entry?.sessions.delete(session);
      if (entry?.sessions.size === 0) this.patterns.delete(pattern);
    }
    return PubSubHub.count(session);
  }

  /** Drops every subscription of `session` without telling it (RESET, a closed connection). */
  forget(session: Session): void {
    const subs = session.subscriptions;
    if (subs === null) return;
    for (const channel of [...subs.channels]) this.unsubscribe(session, channel);
    for (const pattern of [...subs.patterns]) this.punsubscribe(session, pattern);
    session.subscriptions = null;
  }

  /**
   * Sends `message` to the subscribers of `channel` and of every pattern matching it; returns how
   * many deliveries were made (a connection matching twice counts twice), PUBLISH's reply.
   */
  publish(channel: string, message: string): number {
    let receivers = 0;
    const direct = this.channels.get(channel);
    if (direct !== undefined) {
      for (const session of direct) {
        session.push?.(new PushReply(['message', channel, message]));
        receivers++;
      }
    }
    for (const [pattern, entry] of this.patterns) {
      if (!entry.matcher.test(channel)) continue;
      for (const session of entry.sessions) {
        session.push?.(new PushReply(['pmessage', pattern, channel, message]));
        receivers++;
      }
    }
    return receivers;
  }

  /** Channels with at least one subscriber, matching `pattern` when given (PUBSUB CHANNELS). */
  activeChannels(pattern?: string): string[] {
    const names = [...this.channels.keys()];
    if (pattern === undefined) return names;
    const matcher = globToRegExp(pattern);
    return names.filter((name) => matcher.test(name));
  }

  /** Subscribers of `channel`, patterns not counted (PUBSUB NUMSUB). */
  subscribers(channel: string): number {
    return this.channels.get(channel)?.size ?? 0;
  }

  /** Patterns with at least one subscriber (PUBSUB NUMPAT). */
  get patternCount(): number {
    return this.patterns.size;
  }
}

function subscriptionsOf(session: Session): Subscriptions {
  return (session.subscriptions ??= { channels: new Set(), patterns: new Set() });
}
