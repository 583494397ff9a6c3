import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile, scenarioJsonSchema } from '../../src/scenario/index.js';
import { valueAt } from '../support/items.js';

describe('scenarioJsonSchema', () => {
  const schema = scenarioJsonSchema();

  it('is plain JSON that round-trips', () => {
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });

  it('is a draft 2020-12 object schema naming every top-level key, requiring only name', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.type).toBe('object');
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['name']);
    const keys = Object.keys(schema.properties as object).sort();
    expect(keys).toEqual(
      ['$schema', 'name', 'description', 'seed', 'duration', 'until', 'maxDuration', 'stream', 'group', 'redis', 'conductor', 'deployment', 'consumer', 'work', 'faults', 'cleanup', 'variants', 'sweep'].sort(),
    );
  });

  it('shares one definition for durations and distributions, with the parser\'s pattern', () => {
    const defs = schema.$defs as Record<string, { anyOf?: { pattern?: string }[] }>;
    expect(Object.keys(defs)).toEqual(expect.arrayContaining(['duration', 'positiveDuration', 'distribution']));
    const pattern = valueAt(defs, 'duration').anyOf?.find((s) => s.pattern !== undefined)?.pattern;
    expect(pattern).toBeDefined();
    const re = new RegExp(pattern as string);
    expect(['7d', '1h30m', '09:00'].every((t) => re.test(t))).toBe(true);
    expect(re.test('soon')).toBe(false);
  });

  it('documents fields for hover help', () => {
    const props = schema.properties as Record<string, { description?: string }>;
    expect(valueAt(props, 'duration').description).toMatch(/Default "7d"/);
    expect(valueAt(props, 'variants').description).toMatch(/deep-merged/);
  });

  it('returns a fresh object each call', () => {
    const a = scenarioJsonSchema();
    (a as { title?: string }).title = 'changed';
    expect(scenarioJsonSchema().title).toBe('pelsim scenario');
  });
});

describe('scenario.schema.json (committed for editors)', () => {
  it('is what `pelsim schema` generates today (regenerate with npm run schema)', () => {
    const committed = JSON.parse(readFileSync('scenarios/scenario.schema.json', 'utf8')) as unknown;
    expect(committed, 'scenario.schema.json is stale: run npm run schema').toEqual(scenarioJsonSchema());
  });

  it('is shipped in the package (inside scenarios/)', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { files: string[] };
    expect(pkg.files).toContain('scenarios');
  });

  it('is named by the shipped YAML scenarios through the yaml-language-server comment', () => {
    for (const file of ['seed-story', 'pod-replacement', 'statefulset']) {
      expect(readFileSync(`scenarios/${file}.yaml`, 'utf8')).toMatch(/^# yaml-language-server: \$schema=\.\/scenario\.schema\.json$/m);
    }
  });

  it('lets a JSON scenario name it with "$schema", which pelsim then ignores', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pelsim-schema-'));
    try {
      const file = join(dir, 'with-schema.json');
      writeFileSync(file, JSON.stringify({ $schema: './node_modules/pelsim/scenarios/scenario.schema.json', name: 'with-schema', duration: '1h' }));
      const scenario = await loadScenarioFile(file);
      expect(scenario.name).toBe('with-schema');
      expect(scenario.variants).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
