import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../src/scenario/load.js';
import { canonicalSetting, withVersionNames } from '../../src/scenario/versions.js';
import { planSweep } from '../../src/sweep/plan.js';

describe('redis.version by name, never as YAML reads an unquoted 7.0 (the number 7)', () => {
  it('names the release a number at redis.version stands for, and leaves every other value alone', () => {
    expect(canonicalSetting(['redis', 'version'], 7)).toBe('7.0');
    expect(canonicalSetting(['redis', 'version'], 7.2)).toBe('7.2');
    expect(canonicalSetting(['redis', 'version'], 7.4)).toBe('7.4');
    expect(canonicalSetting(['redis', 'version'], '7.0')).toBe('7.0');
    expect(canonicalSetting(['redis', 'version'], 'valkey-8.0')).toBe('valkey-8.0');
    // Not a release: left for the schema to refuse with its own message.
    expect(canonicalSetting(['redis', 'version'], 6)).toBe(6);
    expect(canonicalSetting(['deployment', 'replicas'], 7)).toBe(7);
    expect(canonicalSetting(['redis', 'latencyMs'], 7)).toBe(7);
  });

  it('rewrites numeric versions of a raw scenario, top level and per variant, without changing the input', () => {
    const raw = { name: 'x', redis: { version: 7, latencyMs: 1 }, variants: [{ name: 'a', redis: { version: 7.2 } }, { name: 'b', redis: { version: '7.0' } }, { name: 'c' }] };
    const before = structuredClone(raw);
    expect(withVersionNames(raw)).toEqual({
      name: 'x', redis: { version: '7.0', latencyMs: 1 }, variants: [{ name: 'a', redis: { version: '7.2' } }, { name: 'b', redis: { version: '7.0' } }, { name: 'c' }],
    });
    expect(raw).toEqual(before);
  });

  const dir = mkdtempSync(join(tmpdir(), 'pelsim-versions-'));
  const file = join(dir, 'versions.yaml');
  writeFileSync(
    file,
    [
      'name: versions', 'duration: 1h', 'redis: { version: 7.2 }', 'variants:', '  - name: unquoted', '    redis: { version: 7.0 }',
      "  - name: quoted", "    redis: { version: '7.0' }", '  - name: inherits', '',
    ].join('\n'),
  );

  it('runs 7.0 for an unquoted 7.0 and a quoted "7.0" alike', async () => {
    const scenario = await loadScenarioFile(file);
    expect(scenario.variants.map((v) => [v.name, v.redis.version])).toEqual([['unquoted', '7.0'], ['quoted', '7.0'], ['inherits', '7.2']]);
  });

  it('labels a sweep axis redis.version=7.0 "7.0" in the grid, cells, row labels and warnings', async () => {
    const plan = await planSweep({ scenario: file, grid: ['redis.version=7.0,7.2'] });
    expect(plan.header.grid).toEqual([{ path: 'redis.version', values: ['7.0', '7.2'] }]);
    expect(plan.header.cells.map((c) => c.values)).toEqual([{ 'redis.version': '7.0' }, { 'redis.version': '7.2' }]);
    expect(plan.header.rowLabels).toEqual([
      ['unquoted', 'quoted', 'inherits [redis.version: 7.0, not 7.2]'],
      ['unquoted [redis.version: 7.2, not 7.0]', 'quoted [redis.version: 7.2, not 7.0]', 'inherits'],
    ]);
    expect(plan.header.warnings).toEqual(['grid key redis.version replaces the value set by variant "unquoted" (7.0), "quoted" (7.0); rows say so in their label']);
    expect(plan.cells.map((c) => c.scenario.variants.map((v) => v.redis.version))).toEqual([['7.0', '7.0', '7.0'], ['7.2', '7.2', '7.2']]);
    // The same axis written in the file's sweep section, unquoted.
    const inFile = join(dir, 'in-file.yaml');
    writeFileSync(inFile, 'name: in-file\nduration: 1h\nsweep:\n  grid:\n    redis.version: [7.0, 7.4]\n');
    expect((await planSweep({ scenario: inFile })).header.grid).toEqual([{ path: 'redis.version', values: ['7.0', '7.4'] }]);
  });
});
