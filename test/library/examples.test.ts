/**
 * The examples are a separate vitest project (they import `pelsim` and `pelsim/vitest` by name, which
 * examples/vitest.config.ts and examples/tsconfig.json map to the sources): type-check and run it.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

function run(args: string[]): { status: number | null; output: string } {
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
  // eslint-disable-next-line no-control-regex
  const plain = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');
  return { status: child.status, output: plain(`${child.stdout}\n${child.stderr}`) };
}

describe('examples/', () => {
  it('type-checks: the consumer compiles against ioredis types and pelsim', () => {
    const tsc = run(['node_modules/typescript/bin/tsc', '-p', 'examples/tsconfig.json', '--noEmit']);
    expect(tsc.output.trim()).toBe('');
    expect(tsc.status).toBe(0);
  }, 60_000);

  it('passes its own tests: pelsim spec and the same module on a real redis-server', () => {
    const vitest = run(['node_modules/vitest/vitest.mjs', 'run', '--config', 'examples/vitest.config.ts']);
    expect(vitest.output).toMatch(/Tests\s+\d+ passed/);
    expect(vitest.status, vitest.output).toBe(0);
  }, 60_000);
});
