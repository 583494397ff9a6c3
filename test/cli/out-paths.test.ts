/**
 * Findings 1–3 of issue 16: every file pelsim writes stays inside its output folder, pelsim
 * overwrites or removes only files it wrote itself (and says when it replaces an earlier run), and
 * every --out problem is an input error: exit 2, one line, nothing written.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANIFEST_FILE, folderSlug } from '../../src/output/index.js';
import { runCli } from '../support/cli.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'pelsim-out-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const SMALL = (name: string) =>
  [`name: ${JSON.stringify(name)}`, 'duration: 2h', 'conductor: { backlog: 2 }', 'variants:', '  - name: one', '  - name: two', '    deployment: { replicas: 2 }', ''].join('\n');

async function scenarioFile(name: string, file = 'small.yaml'): Promise<string> {
  const folder = await mkdtemp(join(root, 'scn-'));
  const path = join(folder, file);
  await writeFile(path, SMALL(name));
  return path;
}

/** A one-line input error: `Error: …` and nothing else, exit 2. */
function expectOneLineInputError(run: { code: number; stdout: string; stderr: string }, message: RegExp): void {
  expect(run.stderr).toMatch(/^Error: [^\n]*\n$/);
  expect(run.stderr).toMatch(message);
  expect(run.code).toBe(2);
}

describe('finding 1: the default output folder is a slug of the scenario name', () => {
  it('folderSlug keeps one safe path segment', () => {
    expect(folderSlug('../../../x')).toBe('x');
    expect(folderSlug('seed-story')).toBe('seed-story');
    expect(folderSlug('2 replicas / static id')).toBe('2-replicas-static-id');
    expect(folderSlug('..')).toBe('scenario');
    expect(folderSlug('C:\\Windows\\x')).toBe('c-windows-x');
  });

  it('a scenario named ../../../x writes into reports/x below the working directory, nothing above it', async () => {
    const work = join(root, 'a', 'b', 'c', 'work');
    await mkdir(work, { recursive: true });
    const file = await scenarioFile('../../../escaped');
    const previous = process.cwd();
    process.chdir(work);
    try {
      const run = await runCli(['run', file, '--variant', 'one']);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
    } finally {
      process.chdir(previous);
    }
    expect(existsSync(join(root, 'escaped'))).toBe(false);
    expect(existsSync(join(work, '..', '..', '..', 'escaped'))).toBe(false);
    expect((await readdir(join(work, 'reports', 'escaped'))).sort()).toEqual(
      [MANIFEST_FILE, 'charts', 'events.jsonl', 'report.html', 'results.json', 'summary.md'].sort(),
    );
  });
});

describe('finding 2: pelsim overwrites and removes only its own files', () => {
  it('keeps files of the user in the folder and in charts/, removes its own stale charts, and says it replaced a run', async () => {
    const file = await scenarioFile('mine');
    const out = join(root, 'mine-out');
    const first = await runCli(['run', file, '--out', out]);
    expect(first.code).toBe(0);
    expect(first.stdout).not.toMatch(/replaced the earlier run/);
    const charts = await readdir(join(out, 'charts'));
    expect(charts).toContain('swimlane-two.svg');
    await writeFile(join(out, 'charts', 'mine.svg'), '<svg/>');
    await writeFile(join(out, 'notes.txt'), 'my notes');
    await writeFile(join(root, 'outside.txt'), 'keep me');
    // A hand-edited manifest may not make pelsim remove anything outside its folder.
    const manifest = JSON.parse(await readFile(join(out, MANIFEST_FILE), 'utf8'));
    manifest.files['../outside.txt'] = 'report';
    await writeFile(join(out, MANIFEST_FILE), JSON.stringify(manifest));

    const second = await runCli(['run', file, '--out', out, '--variant', 'one']);
    expect(second.stderr).toBe('');
    expect(second.code).toBe(0);
    expect(second.stdout.match(/replaced the earlier run[^\n]*/g)).toEqual([`replaced the earlier run in ${out} (only files pelsim wrote there; see .pelsim-manifest.json)`]);
    expect(await readFile(join(out, 'charts', 'mine.svg'), 'utf8')).toBe('<svg/>');
    expect(await readFile(join(out, 'notes.txt'), 'utf8')).toBe('my notes');
    expect(await readFile(join(root, 'outside.txt'), 'utf8')).toBe('keep me');
    const after = await readdir(join(out, 'charts'));
    expect(after).toContain('swimlane-one.svg');
    expect(after).not.toContain('swimlane-two.svg'); // pelsim's own chart of a variant not run any more
  }, 60_000);

  it('refuses to overwrite a results.json it did not write: exit 2, one line, the file untouched', async () => {
    const file = await scenarioFile('foreign');
    const out = join(root, 'foreign-out');
    await mkdir(out);
    await writeFile(join(out, 'results.json'), 'mine');
    const run = await runCli(['run', file, '--out', out]);
    expectOneLineInputError(run, /--out .*foreign-out: results\.json is already there and pelsim did not write it/);
    expect(run.stdout).toBe('');
    expect(await readFile(join(out, 'results.json'), 'utf8')).toBe('mine');
    expect((await readdir(out)).sort()).toEqual(['results.json']);
  });

  it('sweep: keeps a user file in charts/ that the old sweep deleted, and says it replaced a sweep', async () => {
    const file = await scenarioFile('sweepy');
    const out = join(root, 'sweep-out');
    const args = ['sweep', file, '--seeds', '1', '--workers', '1', '--variant', 'one', '--grid', 'deployment.replicas=1,2', '--out', out];
    expect((await runCli(args)).code).toBe(0);
    await writeFile(join(out, 'charts', 'mine.png'), 'png');
    const again = await runCli(args);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^replaced the earlier sweep in /m);
    expect(await readFile(join(out, 'charts', 'mine.png'), 'utf8')).toBe('png');
  }, 60_000);
});

describe('finding 3: every --out problem is an input error, one line, exit 2', () => {
  const readme = resolve('README.md');
  const commands = (file: string, out: string): [string, string[]][] => [
    ['run', ['run', file, '--out', out]],
    ['sweep', ['sweep', file, '--seeds', '1', '--workers', '1', '--out', out]],
    ['compare', ['compare', 'reports/seed-story', 'reports/seed-story', '--out', out]],
    ['merge', ['merge', 'reports/seed-story', '--out', out]],
  ];

  it.each(['a file', 'a path inside a file', 'a folder that cannot be created'])('--out naming %s', async (what) => {
    const file = await scenarioFile('outs');
    const out = what === 'a file' ? readme : what === 'a path inside a file' ? join(readme, 'x') : '/proc/pelsim-cannot-create';
    const message =
      what === 'a file' ? /expected a folder, found a file/ : what === 'a path inside a file' ? /README\.md is a file, not a folder/ : /cannot create the folder/;
    for (const [name, argv] of commands(file, out)) {
      const run = await runCli(argv);
      expect(run.stderr, name).toMatch(/^Error: --out [^\n]*\n$/);
      expect(run.stderr, name).toMatch(message);
      expect(run.code, name).toBe(2);
      expect(existsSync('/proc/pelsim-cannot-create')).toBe(false);
    }
  }, 60_000);

  it('hunt --out inside a file, and report of a file', async () => {
    const hunt = await runCli(['hunt', 'scenarios/seed-story.yaml', '--invariant', 'no-duplicate-prs', '--out', join(readme, 'x.yaml')]);
    expectOneLineInputError(hunt, /README\.md is a file, not a folder/);
    const report = await runCli(['report', readme]);
    expectOneLineInputError(report, /README\.md: expected a folder holding results\.json/);
  });

  it('a control character in --out is refused', async () => {
    const run = await runCli(['run', 'scenarios/seed-story.yaml', '--out', join(root, 'a\u001bb')]);
    expectOneLineInputError(run, /expected a folder name without control characters/);
  });
});
