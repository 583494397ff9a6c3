/**
 * Files pelsim ships beside its code. This module sits at the same depth in `src/cli/` (a checkout)
 * and `dist/cli/` (an installed package), so the package root is two folders up in both.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = new URL('../../', import.meta.url);

/** The version in pelsim's own package.json (what `pelsim --version` prints). */
export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { version?: unknown };
  if (typeof pkg.version !== 'string') throw new Error('pelsim package.json has no version');
  return pkg.version;
}

/** The seed story, as a path relative to the working directory when it has one (a checkout). */
const SEED_STORY = 'scenarios/seed-story.yaml';

/**
 * The scenario `run` and `sweep` use when none is given: `scenarios/seed-story.yaml` in the working
 * directory (a checkout of pelsim), else the copy shipped in the package (a project that installed
 * pelsim), so `npx pelsim run` works in both.
 */
export function defaultScenarioFile(): string {
  if (existsSync(SEED_STORY)) return SEED_STORY;
  return fileURLToPath(new URL(SEED_STORY, root));
}
