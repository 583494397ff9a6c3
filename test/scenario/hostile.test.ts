/**
 * Finding 9 of issue 16 (and the hard limits of finding 4): hostile and absurd scenario files get a
 * precise input error, never a library's stack trace, and a variant is checked as strictly as the
 * top level.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ScenarioError, loadScenarioFile, qualifyScenario, scenarioJsonSchema } from '../../src/scenario/index.js';
import { runCli } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'pelsim-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function loadError(path: string): Promise<string> {
  try {
    await loadScenarioFile(path);
  } catch (error) {
    if (error instanceof ScenarioError) return error.message;
    throw error;
  }
  throw new Error(`${path} loaded`);
}

function qualifyError(input: unknown): string {
  try {
    qualifyScenario(input, 'x.yaml');
  } catch (error) {
    if (error instanceof ScenarioError) return error.message;
    throw error;
  }
  throw new Error('qualified');
}

const BOMB = ['name: bomb', 'a: &a [x, x, x, x, x, x, x, x, x, x]']
  .concat(['b', 'c', 'd', 'e', 'f', 'g'].map((k, i) => `${k}: &${k} [${Array(10).fill(`*${'abcdef'[i]}`).join(', ')}]`))
  .join('\n');

describe('YAML aliases', () => {
  it('an alias bomb is an input error at the alias that multiplies, not the library stack trace', async () => {
    const path = file('bomb.yaml', `${BOMB}\n`);
    expect(await loadError(path)).toBe(`${path}:4:8: malformed YAML: Excessive alias count (more than 100 expansions of one anchor)`);
  });

  it('through the CLI: exit 2, one line, nothing written', async () => {
    const path = file('bomb2.yaml', `${BOMB}\n`);
    const out = join(dir, 'bomb-out');
    const run = await runCli(['run', path, '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^Error: .*bomb2\.yaml:4:8: malformed YAML: Excessive alias count.*\n$/);
    expect(run.stdout).toBe('');
  });

  it('merge keys sharing a block between variants stay allowed', async () => {
    const path = file('merge.yaml', 'name: m\nduration: 1h\nvariants:\n  - name: a\n    deployment: &d { replicas: 2 }\n  - name: b\n    deployment: { <<: *d, consumerId: pod-name }\n');
    const scenario = await loadScenarioFile(path);
    expect(scenario.variants.map((v) => v.deployment.replicas)).toEqual([2, 2]);
  });
});

describe('control characters', () => {
  it('a raw NUL byte anywhere in the file is refused with line:column', async () => {
    const path = file('nul.yaml', 'name: ok\ndescription: a\u0000b\n');
    expect(await loadError(path)).toBe(`${path}:2:15: malformed YAML: a control character (U+0000)`);
    const json = file('nul.json', '{"name": "a\u0001"}');
    expect(await loadError(json)).toBe(`${json}:1:12: malformed JSON: a control character (U+0001)`);
  });

  it('an escaped NUL or ESC in a name or other text is refused', () => {
    expect(qualifyError({ name: 'a\u0000b' })).toBe('x.yaml: name: expected a non-empty string without control characters, found a control character (U+0000) at character 2');
    expect(qualifyError({ name: 'x', stream: '\u001b[31mred' })).toMatch(/^x\.yaml: stream: expected a non-empty string without control characters, found a control character \(U\+001B\)/);
    expect(qualifyError({ name: 'x', variants: [{ name: 'v\nw' }] })).toMatch(/variants\[0\]\.name: expected .*without control characters/);
    expect(qualifyError({ name: 'x', consumer: { module: './a\u0000.ts' } })).toMatch(/consumer\.module: expected a path to a consumer module without control characters/);
    expect(qualifyError({ name: 'x', description: 'ok\nand a bell \u0007' })).toMatch(/description: expected a string without control characters, found a control character \(U\+0007\)/);
  });

  it('a description may span lines', () => {
    expect(qualifyScenario({ name: 'x', description: 'line one\n\tline two' }).description).toBe('line one\n\tline two');
  });
});

describe('every number has a range, stated in the error', () => {
  it.each([
    ['a p95 of 1e21 minutes', { work: { minutes: { low: { lognormal: { median: 30, p95: 1e21 } } } } }, 'work.minutes.low.lognormal.p95: expected a number > 0 and <= 525600, found 1e+21'],
    ['100,000 replicas', { deployment: { replicas: 100_000 } }, 'deployment.replicas: expected an integer from 0 to 10000, found 100000'],
    ['a run of 36500 days', { duration: '36500d' }, 'duration: expected a duration like "45s", "90m", "1h30m", "36h", "7d", a time of day like "09:00", or a number of minutes, at most 365d, found "36500d"'],
    ['a run of 1e308 minutes', { duration: 1e308 }, 'duration: expected a duration like "45s", "90m", "1h30m", "36h", "7d", a time of day like "09:00", or a number of minutes, at most 365d, found 1e+308'],
    ['a backlog of 10^7', { conductor: { backlog: 1e7 } }, 'conductor.backlog: expected an integer from 0 to 100000, found 10000000'],
    ['arrivals of 10^6 an hour', { conductor: { arrivals: { poisson: { perHour: 1e6 } } } }, 'conductor.arrivals.poisson.perHour: expected a number from 0 to 10000, found 1000000'],
    ['a seed beyond 2^53', { seed: 1e21 }, 'seed: expected an integer from -(2^53 - 1) to 2^53 - 1, found 1e+21'],
  ])('%s', (_, body, expected) => {
    expect(qualifyError({ name: 'x', ...body })).toBe(`x.yaml: ${expected}`);
  });
});

describe('a variant is validated as strictly as the top level', () => {
  const base = { name: 'x', deployment: { consumerId: 'static' }, consumer: { strategy: 'autoclaim', minIdle: '1h', interval: '1m' } };
  it.each([
    ['consumerId: {}', { deployment: { consumerId: {} } }],
    ['minIdle: null', { consumer: { strategy: 'autoclaim', minIdle: null } }],
    ['interval: null', { consumer: { strategy: 'autoclaim', interval: null } }],
    ['consumerId.name: null', { deployment: { consumerId: { strategy: 'static', name: null } } }],
  ])('%s is refused in a variant with the message it gets at the top level', (_, override) => {
    const top = qualifyError({ ...base, ...override });
    const inVariant = qualifyError({ ...base, variants: [{ name: 'v', ...override }] });
    expect(top).toMatch(/^x\.yaml: (deployment|consumer)\./);
    expect(inVariant).toBe(top.replace(/^x\.yaml: /, 'x.yaml: variants[0].'));
  });
});

describe('the JSON Schema', () => {
  it('describes sweep.seeds and sweep.grid instead of calling sweep reserved', () => {
    const sweep = (scenarioJsonSchema().properties as Record<string, { description?: string; properties?: Record<string, unknown>; additionalProperties?: unknown }>)['sweep'];
    if (sweep === undefined) throw new Error('the schema has no sweep property');
    expect(sweep.description).not.toMatch(/reserved/);
    expect(Object.keys(sweep.properties ?? {})).toEqual(['seeds', 'grid']);
    expect(sweep.additionalProperties).toBe(false);
  });
});
