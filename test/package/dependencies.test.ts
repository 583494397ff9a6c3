/**
 * What src/ imports at run time must be installed with pelsim: a package used by the compiled code
 * but listed only in devDependencies breaks `npx pelsim` in a user's project (ERR_MODULE_NOT_FOUND).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

interface PackageJson {
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : /\.(ts|mjs|js)$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** Package names a file loads at run time: static imports and re-exports that are not `type`-only, and dynamic imports. */
export function runtimeImports(source: string): string[] {
  const specifiers: string[] = [];
  const statement = /^\s*(import|export)\s+(?!type\s)[^;]*?\sfrom\s+'([^']+)'/gms;
  const bare = /^\s*import\s+'([^']+)'/gm;
  const dynamic = /import\(\s*'([^']+)'\s*\)/g;
  for (const m of source.matchAll(statement)) specifiers.push(m[2]!);
  for (const m of source.matchAll(bare)) specifiers.push(m[1]!);
  for (const m of source.matchAll(dynamic)) specifiers.push(m[1]!);
  return specifiers
    .filter((s) => !s.startsWith('.') && !s.startsWith('node:') && !builtinModules.includes(s))
    .map((s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]!));
}

describe('package.json', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as PackageJson;
  const installed = new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})]);

  it('lists every package src/ and bin/ import at run time as a dependency (or peer dependency)', () => {
    const missing: string[] = [];
    for (const file of [...sourceFiles('src'), ...sourceFiles('bin')]) {
      for (const name of runtimeImports(readFileSync(file, 'utf8'))) {
        if (!installed.has(name) && name !== 'pelsim') missing.push(`${file} imports ${name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('reads type-only imports as erased and dynamic imports as run-time', () => {
    expect(runtimeImports("import type { Redis } from 'ioredis';\nimport * as fc from 'fast-check';\nconst t = await import('tsx/esm/api');")).toEqual([
      'fast-check',
      'tsx',
    ]);
    expect(runtimeImports("import {\n  a,\n  b,\n} from '@scope/pkg/sub';")).toEqual(['@scope/pkg']);
  });
});
