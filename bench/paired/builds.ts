/**
 * Compiled builds of pelsim for paired benchmarks: one from a git commit, one from the working
 * tree. Both are compiled with the same `tsc` settings into plain JS, so neither side pays for a
 * TypeScript loader and profiles show real line numbers.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** A build ready to run: `dist` holds the compiled `src/`. */
export interface Build {
  /** What was built: a short commit hash, or `working tree`. */
  readonly label: string;
  /** The folder compiled from `src/` (holds `cli/main.js`, `run/simulate.js`, …). */
  readonly dist: string;
}

/** Where builds are kept between runs (a commit's build is reused: it cannot change). */
export const BUILD_ROOT = '/tmp/pelsim-bench';

function run(command: string, args: readonly string[], cwd: string): string {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 2 ** 20 });
}

function compile(checkout: string, outDir: string, tsc: string): void {
  rmSync(outDir, { recursive: true, force: true });
  // No declarations or maps: only the JS is run. Errors in an old commit would already have failed its CI.
  run(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', outDir, '--declaration', 'false', '--declarationMap', 'false'], checkout);
}

/** node_modules for `dir`: the checkout's own when both lock files agree, else a fresh `npm ci`. */
function linkOrInstall(dir: string, repo: string): void {
  if (existsSync(join(dir, 'node_modules'))) return;
  const same = readFileSync(join(dir, 'package-lock.json'), 'utf8') === readFileSync(join(repo, 'package-lock.json'), 'utf8');
  if (same) symlinkSync(join(repo, 'node_modules'), join(dir, 'node_modules'), 'dir');
  else run('npm', ['ci', '--no-audit', '--no-fund', '--ignore-scripts'], dir);
}

/**
 * Builds `commit` of the repository at `repo` (exported with `git archive`, so the repository's
 * worktree list is left alone) into {@link BUILD_ROOT}/<hash>. Reused when already built.
 */
export function buildCommit(repo: string, commit: string): Build {
  const hash = run('git', ['rev-parse', '--short=10', `${commit}^{commit}`], repo).trim();
  const dir = join(BUILD_ROOT, hash);
  const dist = join(dir, 'bench-dist');
  if (!existsSync(join(dist, 'cli', 'main.js'))) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    execFileSync('sh', ['-c', `git -C "${repo}" archive ${hash} | tar -x -C "${dir}"`], { stdio: 'inherit' });
    linkOrInstall(dir, repo);
    compile(dir, dist, join(dir, 'node_modules', 'typescript', 'bin', 'tsc'));
  }
  return { label: hash, dist };
}

/** Builds the working tree at `repo` as it is now (uncommitted changes included). */
export function buildWorkingTree(repo: string): Build {
  const root = resolve(repo);
  const dir = join(BUILD_ROOT, `tree-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  // The compiled files import packages; a node_modules beside them resolves to the checkout's.
  if (!existsSync(join(dir, 'node_modules'))) symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  // The CLI reads its version from the package.json above dist/ (cli mode runs `pelsim run`).
  copyFileSync(join(root, 'package.json'), join(dir, 'package.json'));
  const dist = join(dir, 'bench-dist');
  compile(root, dist, join(root, 'node_modules', 'typescript', 'bin', 'tsc'));
  return { label: 'working tree', dist };
}
