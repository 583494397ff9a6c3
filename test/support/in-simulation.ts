/** Real clients inside a simulation: one process, a fresh server, the server disposed afterwards. */
import { Simulation } from '../../src/engine/index.js';
import { createSimRedis, type SimRedisOptions, type SimRedisServer } from '../../src/redis/index.js';

/** Runs `body` as one process of a fresh simulation with a server; returns what it returned. */
export async function inSimulation<T>(
  body: (server: SimRedisServer, sim: Simulation) => Promise<T>,
  seed = 1,
  options: Omit<SimRedisOptions, 'simulation'> = {},
): Promise<T> {
  const sim = new Simulation({ seed });
  const server = createSimRedis({ log: () => undefined, ...options, simulation: sim });
  let result: T | undefined;
  sim.spawn('client', async () => {
    result = await body(server, sim);
  });
  try {
    await sim.run();
  } finally {
    server.dispose();
  }
  return result as T;
}
