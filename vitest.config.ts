import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import { findRedisServers, missingServerLine, type ServerSearch } from './test/support/redis-server.js';

/**
 * Differential suites (`*.diff.test.ts`) run once per real server found, each in its own project
 * (`redis-7.0`, `redis-7.2`, `redis-7.4`, `redis-valkey-8.0`) whose model uses the matching version
 * profile; files of all projects share the worker pool, so versions run in parallel. Every other test
 * runs once, in the `unit` project.
 */
const DIFFERENTIAL = 'test/**/*.diff.test.ts';

// Vitest evaluates this file once per project that extends it: search and speak only the first time.
const SEARCH = 'PELSIM_REDIS_SERVER_SEARCH';
const cached = process.env[SEARCH];
const servers: ServerSearch = cached === undefined ? findRedisServers() : (JSON.parse(cached) as ServerSearch);
if (cached === undefined) {
  process.env[SEARCH] = JSON.stringify(servers);
  for (const version of servers.missing) console.warn(missingServerLine(version));
}
if (process.env.CI === 'true' && servers.missing.length > 0) {
  throw new Error(
    `CI=true: differential suites must run against every version; missing ${servers.missing.join(', ')}`,
  );
}

// Differential files mostly wait (on sleeps and sockets), so more of them than cores run at once;
// vitest runs projects with their own worker count as a group of their own, after the unit tests.
const perServer: TestProjectInlineConfiguration[] = servers.found.map((server) => ({
  extends: true,
  test: {
    name: `redis-${server.version}`,
    include: [DIFFERENTIAL],
    provide: { redisServer: server },
    maxWorkers: 3,
    sequence: { groupOrder: 1 },
  },
}));

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: [DIFFERENTIAL] } },
      ...perServer,
    ],
  },
});
