import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const out = mkdtempSync(join(tmpdir(), 'pelsim-build-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the build', () => {
  it('compiles src/ to JavaScript with declarations, and the library entry works from the output', async () => {
    execFileSync(process.execPath, [resolve('node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', out], { stdio: 'pipe' });
    expect(existsSync(join(out, 'index.d.ts'))).toBe(true);
    expect(existsSync(join(out, 'vitest/index.js'))).toBe(true);
    expect(existsSync(join(out, 'cli/bin.js'))).toBe(true);
    // The compiled files resolve their dependencies from the project's node_modules.
    symlinkSync(resolve('node_modules'), join(out, 'node_modules'), 'dir');
    const lib = (await import(pathToFileURL(join(out, 'index.js')).href)) as typeof import('../../src/index.js');
    const server = lib.createSimRedis();
    const redis = server.connect();
    await redis.xgroup('CREATE', 'issues', 'g', '$', 'MKSTREAM');
    expect(await redis.xadd('issues', '*', 'issue', '201')).toBe('0-1');
    expect(typeof lib.simulate).toBe('function');
  }, 120_000);
});
