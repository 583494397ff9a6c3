import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { REDIS_VERSIONS } from '../../src/redis/model/index.js';
import { capture } from '../support/cli.js';
import { nth } from '../support/items.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pelsim-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const SHIPPED = ['seed-story', 'rolling-update-static', 'pod-replacement', 'container-restart', 'statefulset', 'conductor-requeue', 'consumer-cleanup', 'stress-50-pods-30-days'];

interface ShippedVariant {
  readonly name: string;
  readonly redisVersion: string;
  readonly metrics: { readonly pendingDestroyed: number; readonly lostIssues: number; readonly consumersDeleted: number };
}

/** What a shipped scenario exists to show, checked on its own seed (beyond reconciling). */
const SHOWS: Readonly<Record<string, (variants: readonly ShippedVariant[]) => void>> = {
  'consumer-cleanup': (variants) => {
    const metricsOf = (i: number) => nth(variants, i).metrics;
    const [shared70, shared72, pods70, pods72] = [metricsOf(0), metricsOf(1), metricsOf(2), metricsOf(3)];
    expect(variants.map((v) => v.redisVersion)).toEqual(['7.0', '7.2', '7.0', '7.2']);
    // 7.0 deletes the shared name whenever no pod was served for 30 minutes, destroying in-flight
    // entries; crashes then lose issues. On 7.2 the idle pods' polls keep it fresh.
    expect(shared70.pendingDestroyed).toBeGreaterThan(2 * shared72.pendingDestroyed);
    expect(shared70.lostIssues).toBeGreaterThan(shared72.lostIssues);
    // Pod-name ids: 7.0 also deletes idle live pollers, which hold nothing: same entries destroyed.
    expect(pods70.consumersDeleted).toBeGreaterThan(pods72.consumersDeleted);
    expect(pods70.pendingDestroyed).toBe(pods72.pendingDestroyed);
    expect(pods70.lostIssues).toBe(pods72.lostIssues);
  },
};

describe('pelsim run on the shipped scenarios', () => {
  for (const name of SHIPPED) {
    it(`${name}: exits 0, writes results.json and events.jsonl that reconcile`, async () => {
      const io = capture();
      const out = join(dir, name);
      const code = await main(['run', `scenarios/${name}.yaml`, '--out', out], io);
      expect(io.stderr).toBe('');
      expect(code).toBe(0);
      const results = JSON.parse(await readFile(join(out, 'results.json'), 'utf8'));
      expect(results.scenario).toBe(name);
      for (const v of results.variants) {
        expect(v.reconciles).toBe(true);
        expect(REDIS_VERSIONS).toContain(v.redisVersion);
        const m = v.metrics;
        expect(m.issuesDispatched).toBe(m.issuesCompleted + m.inFlightIssues + m.strandedIssues + m.lostIssues);
      }
      SHOWS[name]?.(results.variants);
      const lines = (await readFile(join(out, 'events.jsonl'), 'utf8')).trim().split('\n');
      expect(lines.length).toBeGreaterThan(10);
      for (const line of lines.slice(0, 50)) expect(JSON.parse(line)).toHaveProperty('kind');
    }, 120_000);
  }

  it('same file and seed give byte-identical results.json and events.jsonl', async () => {
    const outputs: string[] = [];
    for (const n of [1, 2]) {
      const out = join(dir, `det-${n}`);
      expect(await main(['run', 'scenarios/seed-story.yaml', '--seed', '99', '--out', out], capture())).toBe(0);
      outputs.push((await readFile(join(out, 'results.json'), 'utf8')) + (await readFile(join(out, 'events.jsonl'), 'utf8')));
    }
    expect(outputs[0]).toBe(outputs[1]);
  }, 120_000);

  it('--no-charts writes results.json and events.jsonl, identical to a full run, and no report', async () => {
    const io = capture();
    const out = join(dir, 'no-charts');
    expect(await main(['run', 'scenarios/seed-story.yaml', '--seed', '99', '--no-charts', '--out', out], io)).toBe(0);
    expect((await readdir(out)).filter((f) => !f.startsWith('.')).sort()).toEqual(['events.jsonl', 'results.json']);
    expect(io.stdout).toMatch(/no charts: run pelsim report .*no-charts to draw them/);
    const full = join(dir, 'det-1');
    for (const name of ['results.json', 'events.jsonl']) {
      expect(await readFile(join(out, name), 'utf8')).toBe(await readFile(join(full, name), 'utf8'));
    }
  }, 60_000);

  it('--variant runs one variant; an unknown one is a precise error', async () => {
    const io = capture();
    const out = join(dir, 'one');
    expect(await main(['run', 'scenarios/seed-story.yaml', '--variant', '2 replicas, pod-name id', '--out', out], io)).toBe(0);
    const results = JSON.parse(await readFile(join(out, 'results.json'), 'utf8'));
    expect(results.variants.map((v: { name: string }) => v.name)).toEqual(['2 replicas, pod-name id']);
    const bad = capture();
    expect(await main(['run', 'scenarios/seed-story.yaml', '--variant', 'nope', '--out', join(dir, 'nope')], bad)).toBe(2);
    expect(bad.stderr).toMatch(/^Error: .*nope/);
  });
});

describe('bad input', () => {
  const cases: [string, string, RegExp][] = [
    ['malformed YAML', 'name: x\nconductor: [unclosed\n', /bad\.yaml:\d+:\d+: malformed YAML/],
    ['an unknown key', 'name: x\ndeployment:\n  replicaz: 2\n', /bad\.yaml: deployment.*replicaz/],
    ['a negative rate', 'name: x\nfaults:\n  reconnect: { perDay: -1 }\n', /bad\.yaml: faults\.reconnect\.perDay: expected .*found -1/],
    ['a missing consumer module', 'name: x\nconsumer: { module: ./nope.ts }\n', /bad\.yaml: consumer\.module: .*nope\.ts/],
  ];
  for (const [what, content, message] of cases) {
    it(`${what}: a precise error, exit 2, nothing written`, async () => {
      const { writeFile } = await import('node:fs/promises');
      const folder = await mkdtemp(join(dir, 'bad-'));
      const file = join(folder, 'bad.yaml');
      await writeFile(file, content);
      const out = join(folder, 'out');
      const io = capture();
      expect(await main(['run', file, '--out', out], io)).toBe(2);
      expect(io.stderr).toMatch(message);
      expect(io.stderr).not.toMatch(/\n\s+at /); // no stack trace
      await expect(readdir(out)).rejects.toThrow();
    });
  }

  it('an --out that is a file is exit 2 before simulating', async () => {
    const io = capture();
    expect(await main(['run', 'scenarios/seed-story.yaml', '--out', 'README.md'], io)).toBe(2);
    expect(io.stderr).toBe('Error: --out README.md: expected a folder, found a file\n');
    expect(io.stdout).toBe('');
  });

  it('a bad flag value is exit 2', async () => {
    const io = capture();
    expect(await main(['run', 'scenarios/seed-story.yaml', '--seed', 'abc'], io)).toBe(2);
    expect(io.stderr).toContain('--seed expects an integer, found "abc"');
  });

  it('schema prints a JSON Schema', async () => {
    const io = capture();
    expect(await main(['schema'], io)).toBe(0);
    const schema = JSON.parse(io.stdout);
    expect(JSON.stringify(schema)).toContain('deployment');
  });
});
