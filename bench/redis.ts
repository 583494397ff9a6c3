/**
 * Model throughput: XADD + XREADGROUP + XACK cycles through the simulated client, against the
 * same cycles through ioredis on a real redis-server started for the run. Reports the ratio.
 */
import { Redis } from 'ioredis';
import { createSimRedis } from '../src/redis/index.js';
import { startRedisServer, redisServerAvailable } from '../test/support/redis-server.js';

interface CycleClient {
  xadd(...args: (string | number)[]): Promise<unknown>;
  xreadgroup(...args: (string | number)[]): Promise<unknown>;
  xack(...args: (string | number)[]): Promise<unknown>;
  xgroup(...args: (string | number)[]): Promise<unknown>;
}

async function cycles(client: CycleClient, count: number): Promise<number> {
  await client.xgroup('CREATE', 'issues', 'g', '$', 'MKSTREAM');
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    await client.xadd('issues', '*', 'issue', String(i));
    const reply = (await client.xreadgroup('GROUP', 'g', `pod-${i % 4}`, 'COUNT', 1, 'STREAMS', 'issues', '>')) as [
      string,
      [string, string[]][],
    ][];
    await client.xack('issues', 'g', reply[0][1][0][0]);
  }
  return count / (Number(process.hrtime.bigint() - start) / 1e9);
}

export async function benchRedis(options: { cycles?: number } = {}): Promise<string[]> {
  const count = options.cycles ?? 20_000;
  const model = await cycles(createSimRedis().connect() as unknown as CycleClient, count * 10);
  const lines = [`redis model: XADD+XREADGROUP+XACK cycles`, `  simulated client       ${Math.round(model).toLocaleString('en')} cycles/s`];
  if (!(await redisServerAvailable())) {
    lines.push('  real redis-server      skipped: redis-server is not on PATH');
    return lines;
  }
  const server = await startRedisServer();
  const redis = new Redis({ port: server.port, lazyConnect: false });
  try {
    const real = await cycles(redis as unknown as CycleClient, count);
    lines.push(`  ioredis + redis-server ${Math.round(real).toLocaleString('en')} cycles/s (loopback)`);
    lines.push(`  ratio model/real       ${(model / real).toFixed(1)}x`);
  } finally {
    redis.disconnect();
    await server.stop();
  }
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await benchRedis()) console.log(line);
}
