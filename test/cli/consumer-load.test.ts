/**
 * Issue 11, findings 1 and 3: a consumer module pelsim cannot use is one precise line, exit 2,
 * nothing written: a TypeScript syntax error names file:line:column and the compiler's message, a
 * loop that returns while its pod runs names the module, the pod and what was expected.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pelsim-load-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function runModule(name: string, module: string) {
  const file = join(dir, `${name}.yaml`);
  await writeFile(file, `name: ${name}\nduration: 2h\nconsumer: { module: ${JSON.stringify(module)} }\n`);
  const out = join(dir, `out-${name}`);
  return { ...(await runCli(['run', file, '--out', out])), out };
}

function expectOneLine(run: { code: number; stdout: string; stderr: string; out: string }): void {
  expect(run.code).toBe(2);
  expect(run.stderr.split('\n')).toHaveLength(2); // one line and its newline: no stack trace
  expect(run.stdout).toBe('');
  expect(existsSync(run.out)).toBe(false);
}

describe('consumer modules that cannot be used', () => {
  it('finding 3: a TypeScript syntax error shows file:line:column and the compiler message', async () => {
    const module = join(dir, 'syntax.ts');
    await writeFile(module, 'export default async function consumer(ctx: unknown): Promise<void> {\n  const late: number = ;\n}\n');
    const run = await runModule('syntax', module);
    expectOneLine(run);
    expect(run.stderr).toBe(`Error: ${module}:2:24: could not be compiled: Unexpected ";"\n`); // 1-based: the `;`
  }, 60_000);

  it('a JavaScript syntax error shows file:line:column too (Node gives none; node --check does)', async () => {
    const module = join(dir, 'syntax.mjs');
    await writeFile(module, 'export default async function consumer(ctx) {\n  const late = ;\n}\n');
    const run = await runModule('syntax-js', module);
    expectOneLine(run);
    expect(run.stderr).toBe(`Error: ${module}:2:16: syntax error: Unexpected token ';'\n`);
  }, 60_000);

  it('finding 3: several errors report the first and how many more', async () => {
    const module = join(dir, 'two-errors.ts');
    await writeFile(module, 'export default async function consumer(): Promise<void> {\n  let a = 1;\n  let a = 2;\n  let b = 1;\n  let b = 2;\n}\n');
    const run = await runModule('two-errors', module);
    expectOneLine(run);
    expect(run.stderr).toBe(`Error: ${module}:3:7: could not be compiled: The symbol "a" has already been declared (and 1 more error)\n`);
  }, 60_000);

  it('finding 1: a consumer function that returns while its pod runs is a load error naming the module and pod', async () => {
    const run = await runModule('returns', resolve('test/fixtures/broken/returns.mjs'));
    expectOneLine(run);
    expect(run.stderr).toMatch(
      /^Error: test\/fixtures\/broken\/returns\.mjs: pod dev-e-dotnet-[a-z0-9]+-[a-z0-9]+ returned from the consumer function at 00:00:00 while running; expected an async function that loops until ctx\.terminating is true/,
    );
  }, 60_000);

  it('finding 1: a module without the expected export names what it exports and what was expected', async () => {
    const run = await runModule('no-export', resolve('test/fixtures/not-a-consumer.mjs'));
    expectOneLine(run);
    expect(run.stderr).toMatch(/not-a-consumer\.mjs: expected a default export \(or an export named "consumer"\) that is an async function \(ctx\) => Promise<void>, found answer\n$/);
  }, 60_000);
});
