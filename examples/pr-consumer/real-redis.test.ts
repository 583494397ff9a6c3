/**
 * The same module, unchanged, against a real redis-server through ioredis: three consumers share
 * the group and every issue is worked exactly once, and the work of a dead consumer is claimed.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipWithoutRedisServer, startRedisServer, type RedisServerHandle } from '../../test/support/redis-server.js';
import type { Agent, IssueMessage } from 'pelsim';
import { MIN_IDLE_MS, startConsumer } from './consumer.js';

const STREAM = 'issues';
const GROUP = 'dev-e-dotnet';
const skip = skipWithoutRedisServer('examples/pr-consumer against redis-server');

/** An agent that "works" for a few real milliseconds and records what it worked. */
function recordingAgent(worked: IssueMessage[]): Agent {
  return {
    async work(message) {
      worked.push(message);
      await new Promise((resolve) => setTimeout(resolve, 15));
      return 'merged';
    },
    prExists: async () => false,
    isMerged: async () => false,
  };
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.skipIf(skip)('pr-consumer on a real redis-server', () => {
  let server: RedisServerHandle;
  let admin: Redis;
  beforeAll(async () => {
    server = await startRedisServer();
    admin = new Redis({ port: server.port, lazyConnect: true });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.quit();
    await server?.stop();
  });

  async function runPods(count: number, worked: IssueMessage[], done: () => Promise<boolean>): Promise<void> {
    const controller = new AbortController();
    const connections = Array.from({ length: count }, () => new Redis({ port: server.port }));
    const loops = connections.map((redis, i) =>
      startConsumer(redis, { stream: STREAM, group: GROUP, consumerId: `pod-${i}`, agent: recordingAgent(worked), blockMs: 100, signal: controller.signal }),
    );
    try {
      await until(done, 'the consumers to finish');
    } finally {
      controller.abort();
      await Promise.all(loops);
      await Promise.all(connections.map((c) => c.quit()));
    }
  }

  const issueFields = (issue: number) => ['type', 'ISSUE_ASSIGNED', 'issue', String(issue), 'title', `issue ${issue}`, 'complexity', 'low'];
  const pendingCount = async () => ((await admin.xpending(STREAM, GROUP)) as [number])[0];

  it('three consumers work every issue exactly once and leave nothing pending', async () => {
    await admin.flushall();
    await admin.xgroup('CREATE', STREAM, GROUP, '$', 'MKSTREAM');
    const issues = Array.from({ length: 12 }, (_, i) => 201 + i);
    for (const issue of issues) await admin.xadd(STREAM, '*', ...issueFields(issue));
    const worked: IssueMessage[] = [];
    await runPods(3, worked, async () => worked.length >= issues.length && (await pendingCount()) === 0);
    expect(worked.map((m) => m.issue).sort((a, b) => a - b)).toEqual(issues);
  });

  it("claims a dead consumer's entry once it has been idle for the min-idle time", async () => {
    await admin.flushall();
    await admin.xgroup('CREATE', STREAM, GROUP, '$', 'MKSTREAM');
    await admin.xadd(STREAM, '*', ...issueFields(301));
    // A pod that took the issue and died: its entry stays pending under its name.
    await admin.xreadgroup('GROUP', GROUP, 'pod-dead', 'COUNT', 1, 'STREAMS', STREAM, '>');
    // Age it past the min-idle time without waiting ten real minutes.
    const [[id]] = (await admin.xpending(STREAM, GROUP, '-', '+', 10)) as [[string]];
    await admin.xclaim(STREAM, GROUP, 'pod-dead', 0, id, 'IDLE', MIN_IDLE_MS + 1_000, 'JUSTID');
    const worked: IssueMessage[] = [];
    await runPods(2, worked, async () => worked.length >= 1 && (await pendingCount()) === 0);
    expect(worked.map((m) => m.issue)).toEqual([301]);
  });
});
