/**
 * The package as a user gets it: `npm pack` (prepack builds dist/), install the tarball into an
 * empty project (from the npm cache when it can), then `npx pelsim --help`, `--version`, `run`, and a
 * vitest spec that imports `pelsim` and `pelsim/vitest` and loads a TypeScript consumer module.
 * The transcript is written to .pelsim-tmp/packed-install-transcript.txt.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const repo = resolve('.');
const work = mkdtempSync(join(tmpdir(), 'pelsim-install-'));
const project = join(work, 'project');
const transcriptFile = join(repo, '.pelsim-tmp', 'packed-install-transcript.txt');
const transcript: string[] = [];
afterAll(() => {
  mkdirSync(join(repo, '.pelsim-tmp'), { recursive: true });
  writeFileSync(transcriptFile, `${transcript.join('\n')}\n`);
  rmSync(work, { recursive: true, force: true });
});

/** The environment without what an enclosing `npm test` sets (npm_config_*, lifecycle variables). */
const env: NodeJS.ProcessEnv = Object.fromEntries(
  Object.entries({ ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', CI: 'true' }).filter(([k]) => !k.toLowerCase().startsWith('npm_')),
);
delete env.VITEST;
delete env.VITEST_POOL_ID;
delete env.VITEST_WORKER_ID;
delete env.NODE_OPTIONS;

interface Ran {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command with a time limit, recording it and its output in the transcript. */
function sh(cwd: string, command: string, args: readonly string[], timeoutMs: number, summarize = (stdout: string) => stdout): Ran {
  const started = Date.now();
  const child = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  // eslint-disable-next-line no-control-regex
  const plain = (text: string | null) => (text ?? '').replace(/\u001b\[[0-9;]*m/g, '');
  const ran = { status: child.status, stdout: plain(child.stdout), stderr: plain(child.stderr) };
  transcript.push(`$ ${[command, ...args].join(' ')}    # in ${cwd === repo ? '<repo>' : '<project>'}, ${((Date.now() - started) / 1000).toFixed(1)} s, exit ${ran.status ?? `killed (${child.signal ?? child.error?.message})`}`);
  if (ran.stdout.trim() !== '') transcript.push(summarize(ran.stdout).trimEnd());
  if (ran.stderr.trim() !== '') transcript.push(ran.stderr.trimEnd().replace(/^/gm, '[stderr] '));
  return ran;
}

const SPEC = `import { fileURLToPath } from 'node:url';
import { simulate } from 'pelsim';
import 'pelsim/vitest';
import { expect, it } from 'vitest';

it('3 replicas of the TypeScript consumer open no duplicate PRs (2 seeds)', async () => {
  const result = await simulate(fileURLToPath(new URL('scale-to-3.yaml', import.meta.url)), { variant: '3 replicas', seeds: 2 });
  expect(result.runs).toHaveLength(2);
  expect(result).toHaveNoDuplicatePRs();
  expect(result).toHaveNoLostIssues();
});
`;

describe('the packed package, installed into an empty project', () => {
  it('packs with a build, installs, and runs pelsim --help, --version, run and a vitest spec', () => {
    type Packed = { filename: string; size: number; files: { path: string }[] };
    const packedOf = (stdout: string) => (JSON.parse(stdout.slice(stdout.indexOf('['))) as Packed[])[0]!;
    const pack = sh(repo, 'npm', ['pack', '--pack-destination', work, '--json'], 180_000, (stdout) => {
      const p = packedOf(stdout);
      return `${p.filename}: ${p.files.length} files, ${p.size} bytes, ${p.files.filter((f) => f.path.startsWith('dist/')).length} of them in dist/`;
    });
    expect(pack.status, pack.stderr).toBe(0);
    const packed = packedOf(pack.stdout);
    expect(packed.files.map((f) => f.path)).toEqual(expect.arrayContaining(['dist/cli/bin.js', 'dist/index.d.ts', 'dist/vitest/index.js', 'scenarios/seed-story.yaml']));

    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'uses-pelsim', private: true, type: 'module' }, null, 2)}\n`);
    copyFileSync(join(repo, 'examples/pr-consumer/consumer.ts'), join(project, 'consumer.ts'));
    copyFileSync(join(repo, 'examples/pr-consumer/scale-to-3.yaml'), join(project, 'scale-to-3.yaml'));
    writeFileSync(join(project, 'consumer.test.ts'), SPEC);
    const vitestVersion = (JSON.parse(readFileSync(join(repo, 'node_modules/vitest/package.json'), 'utf8')) as { version: string }).version;
    const install = sh(project, 'npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', join(work, packed.filename), `vitest@${vitestVersion}`], 240_000);
    expect(install.status, install.stderr).toBe(0);

    const help = sh(project, 'npx', ['--no-install', 'pelsim', '--help'], 60_000);
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/Usage: pelsim/);
    for (const command of ['run', 'sweep', 'check', 'compare']) expect(help.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));

    const version = sh(project, 'npx', ['--no-install', 'pelsim', '--version'], 60_000);
    expect(version.stdout.trim()).toBe((JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string }).version);

    const run = sh(project, 'npx', ['--no-install', 'pelsim', 'run'], 120_000);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/2 replicas, pod-name id/);
    expect(readFileSync(join(project, 'reports/seed-story/results.json'), 'utf8')).toMatch(/"variants"/);

    const spec = sh(project, 'npx', ['--no-install', 'vitest', 'run'], 120_000);
    expect(spec.status, `${spec.stdout}\n${spec.stderr}`).toBe(0);
    expect(spec.stdout).toMatch(/Tests\s+1 passed/);
  }, 600_000);
});
