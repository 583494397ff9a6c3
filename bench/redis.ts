/**
 * Model throughput: XADD + XREADGROUP + XACK cycles through the simulated client, against the
 * same cycles through ioredis on a real redis-server started for the run. Reports the ratio.
 */
import { Redis } from 'ioredis';
import { createSimRedis } from '../src/redis/index.js';
import { startRedisServer, redisServerAvailable } from '../test/support/redis-server.js';
import { cycleRate as cycles, type CycleClient } from './cycles.js';

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
