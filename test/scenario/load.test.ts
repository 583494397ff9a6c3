import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ScenarioError, loadScenarioFile } from '../../src/scenario/index.js';
import { first } from '../support/items.js';

const dir = mkdtempSync(join(tmpdir(), 'pelsim-load-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
}

async function errorOf(path: string): Promise<ScenarioError> {
  try {
    await loadScenarioFile(path);
  } catch (error) {
    if (error instanceof ScenarioError) return error;
    throw error;
  }
  throw new Error('expected a ScenarioError');
}

const YAML = `# The story, shortened.
name: story
seed: 7
duration: 24h
conductor:
  backlog: 10
  arrivals: { timeline: [{ issue: 230, at: "09:00", title: late }] }
deployment: { replicas: 1, consumerId: static }
variants:
  - name: one
  - name: two
    deployment: { replicas: 2, consumerId: pod-name }
`;

describe('loadScenarioFile', () => {
  it('loads YAML (.yaml and .yml)', async () => {
    for (const name of ['story.yaml', 'story.yml']) {
      const scenario = await loadScenarioFile(file(name, YAML));
      expect(scenario.name).toBe('story');
      expect(scenario.source).toBe(join(dir, name));
      expect(scenario.variants.map((v) => v.deployment.replicas)).toEqual([1, 2]);
      expect(first(scenario.variants).conductor.arrivals).toEqual({ kind: 'timeline', events: [{ issue: 230, atMs: 9 * 3_600_000, title: 'late' }] });
    }
  });

  it('reads unquoted 09:00 as a time of day, not a YAML 1.1 sexagesimal number', async () => {
    const scenario = await loadScenarioFile(file('sexagesimal.yaml', 'name: x\nfaults:\n  rollingUpdate: { at: [09:00, 16:30] }\n'));
    expect(first(scenario.variants).faults.rollingUpdates).toEqual([9 * 3_600_000, 16.5 * 3_600_000]);
  });

  it('supports YAML anchors and merge keys', async () => {
    const text = 'name: x\nconsumer: &claim { strategy: autoclaim, minIdle: 2h }\nvariants:\n  - name: a\n    consumer: { <<: *claim, count: 3 }\n';
    const consumer = first((await loadScenarioFile(file('merge.yaml', text))).variants).consumer;
    expect(consumer).toMatchObject({ strategy: 'autoclaim', minIdleMs: 2 * 3_600_000, count: 3 });
  });

  it('loads JSON', async () => {
    const scenario = await loadScenarioFile(file('story.json', JSON.stringify({ name: 'j', deployment: { replicas: 3 }, consumer: 'new-only' })));
    expect(first(scenario.variants)).toMatchObject({ name: 'default', deployment: { replicas: 3 }, consumer: { strategy: 'new-only' } });
  });

  it('reports malformed YAML with line and column', async () => {
    const path = file('bad.yaml', 'name: x\nseed: @7\n');
    const error = await errorOf(path);
    expect(error.message).toBe(`${path}:2:7: malformed YAML: Plain value cannot start with reserved character @`);
    expect(first(error.problems)).toMatchObject({ kind: 'syntax', line: 2, column: 7 });
  });

  it('reports every YAML syntax error, each on its own line', async () => {
    const path = file('indent.yaml', 'name: x\ndeployment:\n  replicas: 2\n   consumerId: static\n');
    const lines = (await errorOf(path)).message.split('\n');
    expect(lines).toEqual([
      `${path}:3:13: malformed YAML: Nested mappings are not allowed in compact mappings`,
      `${path}:3:13: malformed YAML: Implicit keys need to be on a single line`,
    ]);
  });

  it('reports duplicate YAML keys as malformed', async () => {
    const path = file('dup.yaml', 'name: x\nseed: 1\nseed: 2\n');
    expect((await errorOf(path)).message).toBe(`${path}:3:1: malformed YAML: Map keys must be unique`);
  });

  it('reports malformed JSON with line and column', async () => {
    const path = file('bad.json', '{\n  "name": "x",\n  "seed": }\n');
    const error = await errorOf(path);
    expect(error.message).toBe(`${path}:3:11: malformed JSON: Unexpected token '}'`);
    expect(first(error.problems)).toMatchObject({ line: 3, column: 11 });
  });

  it('reports a trailing comma in JSON where it is', async () => {
    const path = file('comma.json', '{\n  "name": "x",\n}\n');
    expect((await errorOf(path)).message).toBe(`${path}:3:1: malformed JSON: Expected double-quoted property name`);
  });

  it('names the file as given and locates schema problems in it', async () => {
    const path = file('neg.yaml', 'name: x\nvariants:\n  - name: a\n    deployment:\n      replicas: -1\n');
    const error = await errorOf(path);
    expect(error.message).toBe(`${path}: variants[0].deployment.replicas: expected an integer from 0 to 10000, found -1`);
    expect(first(error.problems)).toMatchObject({ path: 'variants[0].deployment.replicas', line: 5, column: 7 });
  });

  it('locates schema problems in JSON files too', async () => {
    const path = file('neg.json', '{\n  "name": "x",\n  "deployment": { "replicas": -1 }\n}\n');
    const error = await errorOf(path);
    expect(error.message).toBe(`${path}: deployment.replicas: expected an integer from 0 to 10000, found -1`);
    expect(first(error.problems)).toMatchObject({ line: 3, column: 19 });
  });

  it('resolves a consumer module against the scenario file\'s folder', async () => {
    file('nested/consumers/mine.ts', 'export {};\n');
    const path = file('nested/s.yaml', 'name: x\nconsumer: { module: ./consumers/mine.ts, idempotent: pr-exists }\n');
    const scenario = await loadScenarioFile(path);
    expect(first(scenario.variants).consumer).toEqual({ strategy: 'module', module: join(dir, 'nested/consumers/mine.ts'), idempotent: 'pr-exists', blockMs: 5_000 });
  });

  it('reports a missing consumer module at consumer.module, with the path it looked for', async () => {
    const path = file('nested/missing.yaml', 'name: x\nconsumer:\n  module: ./nope.ts\n');
    const error = await errorOf(path);
    expect(error.message).toBe(`${path}: consumer.module: expected an existing file (looked for ${join(dir, 'nested/nope.ts')}), found "./nope.ts"`);
    expect(first(error.problems)).toMatchObject({ line: 3, column: 3 });
  });

  it('reports a file that cannot be read, an empty file, and an unknown extension', async () => {
    const missing = join(dir, 'absent.yaml');
    expect((await errorOf(missing)).message).toMatch(new RegExp(`^${missing.replace(/[.\\]/g, '\\$&')}: cannot read the file: ENOENT`));
    const empty = file('empty.yaml', '# nothing here\n');
    expect((await errorOf(empty)).message).toBe(`${empty}: expected an object with at least a name, found an empty file`);
    const txt = file('story.txt', YAML);
    expect((await errorOf(txt)).message).toBe(`${txt}: expected a .yaml, .yml or .json file, found ".txt"`);
  });
});
