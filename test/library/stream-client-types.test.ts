import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import type { ConsumerLoop } from '../../src/consumers/context.js';
import type { SimRedisClient } from '../../src/redis/index.js';
import type { StreamClient, StreamConsumer } from '../../src/library/index.js';

// Compile-time checks (tsc -p tsconfig.json covers test/): both clients are StreamClients, and a
// StreamConsumer is a ConsumerLoop, so a module typed with pelsim's StreamClient loads in the simulator.
type Assignable<A, B> = [A] extends [B] ? true : false;
const realRedisFits: Assignable<Redis, StreamClient> = true;
const simClientFits: Assignable<SimRedisClient, StreamClient> = true;
const consumerIsLoop: Assignable<StreamConsumer, ConsumerLoop> = true;

describe('StreamClient', () => {
  it('is satisfied by a real ioredis Redis and by the simulated client (checked by tsc)', () => {
    const lazy = new Redis({ lazyConnect: true });
    const client: StreamClient = lazy;
    expect(client.status).toBe('wait');
    lazy.disconnect();
    expect([realRedisFits, simClientFits, consumerIsLoop]).toEqual([true, true, true]);
  });
});
