import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { capture } from '../support/cli.js';
import { main } from '../../src/cli/main.js';
import { createPoolExecutor, runSweep } from '../../src/sweep/index.js';
import { nth, valueAt } from '../support/items.js';

const SCENARIO = 'test/sweep/fixtures/small.yaml';
const root = mkdtempSync(join(tmpdir(), 'pelsim-sweep-workers-'));

function outputs(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of ['sweep.json', 'sweep.csv', 'runs.jsonl']) files[name] = readFileSync(join(dir, name), 'utf8');
  for (const name of readdirSync(join(dir, 'charts')).sort()) files[`charts/${name}`] = readFileSync(join(dir, 'charts', name), 'utf8');
  return files;
}

describe('pelsim sweep on worker processes', () => {
  it('1 worker and 2 workers write byte-identical files', async () => {
    const dirs: string[] = [];
    for (const workers of ['1', '2']) {
      const io = capture();
      const out = join(root, `w${workers}`);
      expect(await main(['sweep', SCENARIO, '--workers', workers, '--out', out], io), io.stderr).toBe(0);
      expect(io.stdout).toMatch(new RegExp(`small-sweep: 32 runs in .* runs/s, ${workers} worker\\(s\\)\\)`));
      expect(io.stdout).toMatch(/deployment\.replicas +faults\.containerRestart\.perDay +variant +runs +P\(dup PR\)/);
      expect(io.stderr).toMatch(/4 cell\(s\) × 2 variant\(s\) × 4 seeds, 32 runs/);
      expect(io.stderr).toMatch(/sweep: 32\/32 runs \(100%\)/);
      dirs.push(out);
    }
    const one = outputs(nth(dirs, 0));
    const two = outputs(nth(dirs, 1));
    expect(two).toEqual(one);
    const report = JSON.parse(valueAt(one, 'sweep.json'));
    // The story's bug, from real runs: two pods sharing a static name duplicate; pod names do not.
    const cell = report.results.find((c: { values: Record<string, number> }) => c.values['deployment.replicas'] === 2);
    expect(cell.variants[0].pDuplicatePR.count).toBeGreaterThan(0);
    expect(cell.variants[1].pDuplicatePR.count).toBe(0);
    expect(Object.keys(cell.variants[0].metrics)).toContain('issuesPerHour');
  }, 60_000);

  it('shards on workers merge into what the unsharded sweep wrote', async () => {
    const dirs = [0, 1].map((i) => join(root, `shard-${i}`));
    for (const [i, out] of dirs.entries()) {
      const io = capture();
      expect(await main(['sweep', SCENARIO, '--workers', '2', '--shard', `${i}/2`, '--out', out], io), io.stderr).toBe(0);
      expect(io.stderr).toMatch(new RegExp(`16 runs \\(shard ${i}/2\\)`));
    }
    const io = capture();
    const merged = join(root, 'merged');
    expect(await main(['merge', ...dirs.reverse(), '--out', merged], io), io.stderr).toBe(0);
    expect(io.stdout).toMatch(/merged 2 shards, 32 runs/);
    expect(outputs(merged)).toEqual(outputs(join(root, 'w2')));
  }, 60_000);
});

describe('executors', () => {
  it('worker threads write the same files as worker processes', async () => {
    const out = join(root, 'threads');
    await runSweep({ scenario: SCENARIO, workers: 2, out, executor: createPoolExecutor });
    expect(outputs(out)).toEqual(outputs(join(root, 'w2')));
  }, 60_000);

  it('a worker process that dies fails the sweep loudly, naming the run', async () => {
    const dir = mkdtempSync(join(root, 'dies-'));
    // process.exit in consumer code is caught as the consumer's error (issue 16); a kill is not.
    writeFileSync(join(dir, 'exits.mts'), "export default async function exits(): Promise<void> {\n  process.kill(process.pid, 'SIGKILL');\n}\n");
    writeFileSync(join(dir, 'm.yaml'), 'name: m\nduration: 1h\nconsumer: { module: ./exits.mts }\n');
    await expect(runSweep({ scenario: join(dir, 'm.yaml'), seeds: 3, workers: 2, out: join(dir, 'out') })).rejects.toThrow(
      /run failed: grid cell 0\b.*seed \d+: Error: sweep worker process \d+ exited \(SIGKILL\) with \d+ run\(s\) unfinished/,
    );
  }, 60_000);
});

describe("a consumer's own error in a worker process stays the user's error", () => {
  it('process.exit in a consumer: exit 2, one line naming the module, the pod and the run, no stack', async () => {
    const dir = mkdtempSync(join(root, 'user-error-'));
    writeFileSync(join(dir, 'quits.mts'), 'export default async function quits(): Promise<void> {\n  process.exit(0);\n}\n');
    writeFileSync(join(dir, 'm.yaml'), 'name: m\nduration: 1h\nconsumer: { module: ./quits.mts }\n');
    const io = capture();
    expect(await main(['sweep', join(dir, 'm.yaml'), '--seeds', '2', '--workers', '2', '--out', join(dir, 'out')], io)).toBe(2);
    expect(io.stderr).not.toMatch(/\n\s+at /);
    expect(io.stderr).toMatch(/\nError: run failed: grid cell 0, variant "default", seed \d+: \S*quits\.mts: pod \S+ called process\.exit\(0\) at 00:00:00; a consumer must return or throw, never end pelsim's process\n$/);
  }, 60_000);
});

describe('bad sweep input: exit 2 with a precise message, before any run', () => {
  const cases: [string, string[], RegExp][] = [
    ['an unknown grid key', ['--grid', 'deployment.replicaz=1,2'], /^Error: --grid deployment\.replicaz=1,2: unknown scenario key "replicaz" at deployment\.replicaz \(did you mean "replicas"\?\)\n$/],
    ['the illustrative restart key', ['--grid', 'faults.restart.perDay=0,1'], /unknown scenario key "restart" at faults\.restart \(known keys: containerRestart/],
    ['a value the scenario refuses', ['--grid', 'deployment.replicas=1,-2'], /^Error: grid cell 1 \(deployment\.replicas=-2\): .*small\.yaml: deployment\.replicas: expected an integer from 0 to 10000, found -2\n$/],
    ['a bad duration value', ['--grid', 'duration=6h,soon'], /grid cell 1 \(duration=soon\): .*duration: expected/],
    ['a malformed range', ['--grid', 'deployment.replicas=4..1'], /--grid deployment\.replicas=4\.\.1: a range goes upwards/],
    ['a bad shard', ['--shard', '2/2'], /--shard expects i\/n with 0 <= i < n/],
    ['zero seeds', ['--seeds', '0'], /--seeds expects an integer >= 1, found 0/],
    ['zero workers', ['--workers', '0'], /--workers expects an integer >= 1, found 0/],
    ['an unknown variant', ['--variant', 'nope'], /--variant "nope": no such variant/],
  ];
  for (const [what, flags, message] of cases) {
    it(what, async () => {
      const io = capture();
      const out = join(root, 'bad', what.replace(/\W+/g, '-'));
      expect(await main(['sweep', SCENARIO, ...flags, '--out', out], io)).toBe(2);
      expect(io.stderr).toMatch(message);
      expect(existsSync(out)).toBe(false);
    });
  }

  it('a consumer module that does not load fails before the pool starts', async () => {
    const dir = mkdtempSync(join(root, 'module-'));
    writeFileSync(join(dir, 'bad.ts'), 'export const notAConsumer = 1;\n');
    writeFileSync(join(dir, 'm.yaml'), 'name: m\nduration: 1h\nconsumer: { module: ./bad.ts }\n');
    const io = capture();
    expect(await main(['sweep', join(dir, 'm.yaml'), '--seeds', '2', '--out', join(dir, 'out')], io)).toBe(2);
    expect(io.stderr).toMatch(/^Error: .*bad\.ts.*expected a default export/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('a bad scenario file is the scenario layer\'s error', async () => {
    const io = capture();
    expect(await main(['sweep', 'test/sweep/fixtures/missing.yaml', '--out', join(root, 'bad', 'missing')], io)).toBe(2);
    expect(io.stderr).toMatch(/^Error: test\/sweep\/fixtures\/missing\.yaml: cannot read the file/);
  });
});
