/**
 * Findings 5–8 of issue 16: consumer code that ends the process, freezes virtual time, exhausts
 * the heap or never settles fails the run with one line naming the module and the pod: exit 2, no
 * stack trace of pelsim's internals (`--debug` adds it), nothing written.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEAP_LIMIT_ENV } from '../../src/world/consumer-watch.js';
import { runCli } from '../support/cli.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pelsim-isolation-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const FIXTURES = resolve('test/fixtures/hostile');

async function runWith(module: string, extra: string[] = []) {
  const file = join(dir, `${module}.yaml`);
  await writeFile(file, `name: ${module}\nduration: 2h\nconsumer: { module: ${JSON.stringify(join(FIXTURES, `${module}.mjs`))} }\n`);
  const out = join(dir, `out-${module}`);
  const run = await runCli(['run', file, '--out', out, ...extra]);
  return { ...run, out };
}

function expectConsumerError(run: { code: number; stdout: string; stderr: string; out: string }, module: string, message: RegExp): void {
  expect(run.stderr).toMatch(new RegExp(`^Error: test/fixtures/hostile/${module}\\.mjs: pod dev-e-dotnet-[a-z0-9]+-[a-z0-9]+ `));
  expect(run.stderr).toMatch(message);
  expect(run.stderr.split('\n')).toHaveLength(2); // one line and its newline: no stack trace
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  expect(existsSync(run.out)).toBe(false);
}

describe('consumer isolation', () => {
  it('finding 5: process.exit in consumer code is an error naming the module and the pod, not an exit of the run', async () => {
    const run = await runWith('exits');
    expectConsumerError(run, 'exits', /called process\.exit\(0\) at 00:01:00/);
  }, 60_000);

  it('finding 6: a loop of zero-time commands fails naming the process and its last command', async () => {
    const run = await runWith('livelock');
    expectConsumerError(run, 'livelock', /kept running commands that take no virtual time without waiting \(1000000 events at 00:00:00; last command: xlen issues\)/);
  }, 60_000);

  it('finding 8: a consumer that never settles gets one clear line, and --debug adds the stack', async () => {
    const run = await runWith('never-settles');
    expectConsumerError(run, 'never-settles', /awaits a promise that never settles/);
    const debug = await runWith('never-settles', ['--debug']);
    expect(debug.code).toBe(2);
    expect(debug.stderr).toMatch(/^Error: .*never settles.*\n.*ConsumerModuleError/);
    expect(debug.stderr).toMatch(/\n\s+at /);
  }, 60_000);

  it('finding 7: a consumer that hoards memory fails at the heap ceiling with one line naming the module', async () => {
    const previous = process.env[HEAP_LIMIT_ENV];
    // A ceiling 100 MB above what this test process holds now: reached in under an hour of virtual time.
    process.env[HEAP_LIMIT_ENV] = String(Math.round(getHeapStatistics().used_heap_size / 2 ** 20) + 100);
    try {
      const run = await runWith('hoards');
      expectConsumerError(run, 'hoards', /was running it when the heap grew to \d+ MB, past the run's ceiling of \d+ MB.*PELSIM_HEAP_LIMIT_MB sets the ceiling/);
    } finally {
      if (previous === undefined) delete process.env[HEAP_LIMIT_ENV];
      else process.env[HEAP_LIMIT_ENV] = previous;
    }
  }, 60_000);
});
