/**
 * The harness the raw-RESP differential suites share: a real redis-server of the version under test
 * for the whole suite, and for each script a flushed real server beside a fresh pelsim server of
 * the same version, both closed after the test.
 */
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { PelsimConversation, RealConversation, type Conversation } from './conversation.js';
import { serverUnderTest } from './differential.js';
import { startRedisServer, type RedisServerHandle } from './redis-server.js';
import type { RedisVersion } from '../../src/redis/model/index.js';

/** A script run on each side: what it read, to be compared. */
export type Script<T> = (c: Conversation) => Promise<T>;

/** The two sides of one suite; call inside `describe` (it registers the suite's hooks). */
export interface ConversationPair {
  /** The version of the real server, whose profile the pelsim server follows. */
  readonly version: RedisVersion;
  /** Runs `script` on a flushed real server and on a fresh pelsim server; returns both transcripts. */
  both<T>(script: Script<T>): Promise<{ real: T; pelsim: T }>;
  /** {@link both}, expecting pelsim's transcript to equal the real server's; returns it. */
  expectSame<T>(script: Script<T>): Promise<T>;
}

/** Starts the suite's real server before its tests and stops it after; closes each test's conversations. */
export function conversationPair(): ConversationPair {
  const binary = serverUnderTest();
  let real: RedisServerHandle | undefined;
  const open: Conversation[] = [];
  beforeAll(async () => {
    real = await startRedisServer(binary.path);
  });
  afterAll(async () => real?.stop());
  afterEach(async () => {
    for (const c of open.splice(0)) await c.close();
  });
  const both = async <T>(script: Script<T>): Promise<{ real: T; pelsim: T }> => {
    if (real === undefined) throw new Error('conversationPair: the real server has not started (call it inside describe)');
    const r = new RealConversation(real.port);
    const p = new PelsimConversation(binary.version);
    open.push(r, p);
    await r.send('admin', ['FLUSHALL']);
    await r.take('admin', 1);
    return { real: await script(r), pelsim: await script(p) };
  };
  return {
    version: binary.version,
    both,
    async expectSame(script) {
      const out = await both(script);
      expect(out.pelsim).toEqual(out.real);
      return out.real;
    },
  };
}
