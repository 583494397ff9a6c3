/**
 * The layers of src/ depend one way. Each folder (or top-level file) has a rank; a module may import
 * only from a lower rank, so no folder imports a higher layer and no two folders import each other.
 * Reports and the other readers of results never import the simulation itself.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = resolve('src');

/** Lowest first. A new folder must be placed here before anything compiles against it. */
const RANKS: Readonly<Record<string, number>> = {
  errors: 0, // the one error type; imports nothing
  protocol: 0, // what the world and consumers both speak (issue message, consumer contract)
  engine: 1, // time, queue, processes, RNG
  redis: 2, // the Redis model, server and clients; knows nothing of pods
  watchdog: 2, // stops a process that never yields (real time, in a helper thread)
  scenario: 3, // scenario files, validated and qualified (`redis.version` names a model profile)
  consumers: 4, // consumer loops; talk to Redis through the client only
  output: 4, // output folders: checked, written atomically, owned through a manifest
  world: 5, // conductor, pods, forge, the trace
  metrics: 6, // analyze(run)
  run: 7, // the run pipeline: simulate + analyze
  report: 7, // reads results.json and events.jsonl
  check: 8,
  sweep: 8,
  hunt: 9,
  library: 10,
  vitest: 10,
  cli: 11,
  index: 11,
};

/** Folders that read results and must not reach into the simulation, even though it ranks lower. */
const READS_RESULTS_ONLY: Readonly<Record<string, readonly string[]>> = {
  report: ['engine', 'redis', 'consumers', 'world', 'run'],
  check: ['engine', 'redis', 'consumers', 'world'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.(ts|mts|mjs)$/.test(e.name) ? [path] : [];
  });
}

/** `src/world/cluster.ts` → `world`; `src/errors.ts` → `errors`. */
function layerOf(path: string): string {
  const [first = ''] = relative(SRC, path).split(sep);
  return first.replace(/\.(ts|mts|mjs|js)$/, '');
}

/** Every relative import (static, type-only, re-export or dynamic) of every module under src/. */
function imports(): { from: string; to: string }[] {
  return sourceFiles(SRC).flatMap((file) => {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    return info.importedFiles
      .map((f) => f.fileName)
      .filter((name) => name.startsWith('.'))
      .map((name) => ({ from: file, to: resolve(dirname(file), name) }));
  });
}

describe('layers of src/', () => {
  const edges = imports();

  it('finds the imports it checks', () => {
    expect(edges.length).toBeGreaterThan(300);
  });

  it('places every folder in a layer', () => {
    const unranked = [...new Set(sourceFiles(SRC).map(layerOf))].filter((layer) => RANKS[layer] === undefined);
    expect(unranked, 'add the new folder to RANKS in test/architecture/layers.test.ts').toEqual([]);
  });

  it('imports only from lower layers: no upward import, no folder cycle', () => {
    const wrong = edges.flatMap(({ from, to }) => {
      const [a, b] = [layerOf(from), layerOf(to)];
      if (a === b) return [];
      const [ra, rb] = [RANKS[a] ?? -1, RANKS[b] ?? -1];
      if (rb < ra) return [];
      return [`${relative('.', from)} imports ${relative('.', to)}: ${a} (layer ${ra}) may not import ${b} (layer ${rb})`];
    });
    expect(wrong).toEqual([]);
  });

  it('keeps the readers of results out of the simulation', () => {
    const wrong = edges.flatMap(({ from, to }) => {
      const [a, b] = [layerOf(from), layerOf(to)];
      return READS_RESULTS_ONLY[a]?.includes(b) ? [`${relative('.', from)} imports ${relative('.', to)}: ${a} reads results, not ${b}`] : [];
    });
    expect(wrong).toEqual([]);
  });
});
