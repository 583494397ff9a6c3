/**
 * The examples import `pelsim` and `pelsim/vitest` as a user's project would; inside this repo those
 * names point at the sources. Run with `npx vitest run --config examples/vitest.config.ts`.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string) => fileURLToPath(new URL(`../src/${path}`, import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  resolve: {
    alias: [
      { find: /^pelsim\/vitest$/, replacement: src('vitest/index.ts') },
      { find: /^pelsim$/, replacement: src('library/index.ts') },
    ],
  },
  test: {
    include: ['**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
