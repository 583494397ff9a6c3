import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from '../../src/scenario/index.js';

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
      ['name', 'description', 'seed', 'duration', 'until', 'maxDuration', 'stream', 'group', 'redis', 'conductor', 'deployment', 'consumer', 'work', 'faults', 'variants', 'sweep'].sort(),
    );
  });

  it('shares one definition for durations and distributions, with the parser\'s pattern', () => {
    const defs = schema.$defs as Record<string, { anyOf?: { pattern?: string }[] }>;
    expect(Object.keys(defs)).toEqual(expect.arrayContaining(['duration', 'positiveDuration', 'distribution']));
    const pattern = defs.duration.anyOf?.find((s) => s.pattern !== undefined)?.pattern;
    expect(pattern).toBeDefined();
    const re = new RegExp(pattern as string);
    expect(['7d', '1h30m', '09:00'].every((t) => re.test(t))).toBe(true);
    expect(re.test('soon')).toBe(false);
  });

  it('documents fields for hover help', () => {
    const props = schema.properties as Record<string, { description?: string }>;
    expect(props.duration.description).toMatch(/Default "7d"/);
    expect(props.variants.description).toMatch(/deep-merged/);
  });

  it('returns a fresh object each call', () => {
    const a = scenarioJsonSchema();
    (a as { title?: string }).title = 'changed';
    expect(scenarioJsonSchema().title).toBe('pelsim scenario');
  });
});
