#!/usr/bin/env node
// In a checkout, run the TypeScript sources through tsx (no build step); installed, run dist/.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const source = new URL('../src/cli/bin.ts', import.meta.url);
if (existsSync(fileURLToPath(source))) {
  const { tsImport } = await import('tsx/esm/api');
  await tsImport(source.href, import.meta.url);
} else {
  await import(new URL('../dist/cli/bin.js', import.meta.url).href);
}
