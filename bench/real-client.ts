/**
 * Real clients over the in-memory connection: XADD + XREADGROUP + XACK cycles through ioredis on a
 * simulated server's URL inside a simulation, against the direct client and against ioredis on a
 * real redis-server (ratios in one run); and the seed story's wall time with the built-in rig on
 * the direct client against the same rig written with its own ioredis client.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Redis } from 'ioredis';
import { parse } from 'yaml';
import { Simulation } from '../src/engine/index.js';
import { analyze } from '../src/metrics/index.js';
import { createSimRedis } from '../src/redis/index.js';
import { qualifyScenario } from '../src/scenario/index.js';
import { runVariant } from '../src/world/run-variant.js';
import { redisServerAvailable, startRedisServer } from '../test/support/redis-server.js';
import { COMMANDS_PER_CYCLE, cycleRate, type CycleClient } from './cycles.js';

/** Commands per second over `count` cycles of three commands. */
async function cycles(client: CycleClient, count: number): Promise<number> {
  return COMMANDS_PER_CYCLE * (await cycleRate(client, count));
}

/** The same cycles as one process of a simulation. */
async function inSimulation(count: number, connect: (server: ReturnType<typeof createSimRedis>) => CycleClient): Promise<number> {
  const sim = new Simulation({ seed: 1 });
  const server = createSimRedis({ simulation: sim });
  let rate = 0;
  sim.spawn('bench', async () => {
    const client = connect(server);
    rate = await cycles(client, count);
    if (client instanceof Redis) await client.quit();
  });
  await sim.run();
  server.dispose();
  return rate;
}

async function seedStoryWall(consumer: unknown): Promise<number> {
  const input = parse(readFileSync('scenarios/seed-story.yaml', 'utf8')) as Record<string, unknown>;
  const scenario = qualifyScenario({ ...input, consumer }, '<seed-story>', resolve('test/fixtures'));
  const start = process.hrtime.bigint();
  for (const variant of scenario.variants) analyze(await runVariant(variant));
  return Number(process.hrtime.bigint() - start) / 1e9;
}

export async function benchRealClients(options: { cycles?: number } = {}): Promise<string[]> {
  const count = options.cycles ?? 5_000;
  const direct = await inSimulation(count * 10, (server) => server.connect() as unknown as CycleClient);
  const memory = await inSimulation(count, (server) => new Redis(server.url) as unknown as CycleClient);
  const f = (n: number): string => Math.round(n).toLocaleString('en');
  const lines = [
    'real clients: XADD+XREADGROUP+XACK commands/s, one process in a simulation',
    `  direct client                      ${f(direct)} commands/s`,
    `  ioredis over the in-memory socket  ${f(memory)} commands/s`,
    `  ratio direct / in-memory ioredis   ${(direct / memory).toFixed(1)}x`,
  ];
  if (redisServerAvailable()) {
    const server = await startRedisServer();
    const redis = new Redis({ port: server.port, lazyConnect: false });
    try {
      const real = await cycles(redis as unknown as CycleClient, count);
      lines.push(`  ioredis + redis-server (loopback)  ${f(real)} commands/s`);
      lines.push(`  ratio in-memory / redis-server     ${(memory / real).toFixed(1)}x`);
    } finally {
      redis.disconnect();
      await server.stop();
    }
  } else {
    lines.push('  ioredis + redis-server             skipped: redis-server is not on PATH');
  }
  // Load the module once before timing (tsx compiles it on first import).
  await seedStoryWall({ module: './rig-ioredis.ts' });
  const rig = await seedStoryWall('rig');
  const real = await seedStoryWall({ module: './rig-ioredis.ts' });
  lines.push('seed story (3 variants x 24 h), wall time');
  lines.push(`  built-in rig, direct client        ${rig.toFixed(2)} s`);
  lines.push(`  rig on its own ioredis client      ${real.toFixed(2)} s (${(real / rig).toFixed(1)}x)`);
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await benchRealClients()) console.log(line);
}
