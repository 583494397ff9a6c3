/**
 * Issue 11, finding 1: a consumer that crashes on every start, or never completes an issue while
 * work waits, used to pass every check with `0/40` done. Its crashes are now metrics by reason
 * (table, results.json, report, summary.md), and the run fails: `pelsim run` exits 1 naming the
 * first error and where, `pelsim check`, `assertScenario` and the vitest matchers fail unless
 * crashes are allowed.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../src/vitest/index.js';
import { assertScenario, simulate } from '../../src/library/index.js';
import { runCli } from '../support/cli.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pelsim-crashes-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A 3-hour scenario running `test/fixtures/broken/<module>.mjs` on 10 issues. */
async function scenarioWith(module: string): Promise<string> {
  const file = join(dir, `${module}.yaml`);
  const path = resolve(`test/fixtures/broken/${module}.mjs`);
  await writeFile(file, `name: ${module}\nduration: 3h\nconductor: { backlog: 10 }\nconsumer: { module: ${JSON.stringify(path)} }\n`);
  return file;
}

const POD = 'dev-e-dotnet-[a-z0-9]+-[a-z0-9]+';

describe('a consumer that crashes on every start', () => {
  const cases: [string, string][] = [
    ['throws', 'TypeError: ctx.redis.xreadgroupp is not a function'],
    ['unknown-command', "ERR unknown command 'XREADGROUPS'"],
    ['wrong-stream', "NOGROUP No such key 'isues' or consumer group 'dev-e-dotnet' in XREADGROUP with GROUP option"],
  ];
  for (const [module, reason] of cases) {
    it(`${module}: pelsim run exits 1 naming the first error, the pod, the time and the module; crashes are counted by reason`, async () => {
      const out = join(dir, `out-${module}`);
      const run = await runCli(['run', await scenarioWith(module), '--out', out, '--no-charts']);
      expect(run.code).toBe(1);
      const quoted = reason.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      expect(run.stderr).toMatch(new RegExp(
        `^pelsim run: the consumer did not work in 1 of 1 variant\\(s\\)\\nvariant "default": the consumer crashed on every start ` +
          `\\((\\d+) crashes, 0/10 issues done\\); first: ${quoted}.* \\(pod ${POD}, at 00:00:00, test/fixtures/broken/${module}\\.mjs\\)\\n`,
      ));
      expect(run.stderr).not.toMatch(/\n\s+at /);
      // The table counts the crashes and names the reason under it.
      expect(run.stdout).toMatch(/^default +0\.00 +0\/10 +0 +0 +0 +>180\/>180 +(\d+) +0$/m);
      expect(run.stdout).toMatch(/^ {2}default {2}UNSAFE: the consumer crashed on every start \(\d+ consumer crashes\)$/m);
      expect(run.stdout).toMatch(new RegExp(`consumer crashes of default \\(1 of 1 reasons; results.json has every one\\):\\n  \\d+ crashes, \\d+ restarts: ${quoted.slice(0, 20)}`));
      const results = JSON.parse(await readFile(join(out, 'results.json'), 'utf8'));
      const variant = results.variants[0];
      expect(variant.metrics.consumerCrashes).toBeGreaterThan(10);
      expect(variant.crashes).toHaveLength(1);
      expect(variant.crashes[0]).toMatchObject({ origin: 'consumer', crashes: variant.metrics.consumerCrashes });
      expect(variant.crashes[0].reason.startsWith(reason)).toBe(true);
      expect(variant.crashes[0].restarts).toBeGreaterThanOrEqual(variant.crashes[0].crashes - 1);
      expect(variant.consumerFailure.kind).toBe('crash-loop');
    }, 60_000);
  }

  it('--allow-crashes lets pelsim run exit 0, and the report and summary.md show the crashes and the failure', async () => {
    const out = join(dir, 'allowed');
    const run = await runCli(['run', await scenarioWith('throws'), '--out', out, '--allow-crashes']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const summary = await readFile(join(out, 'summary.md'), 'utf8');
    expect(summary).toMatch(/## Consumer crashes\n\n\*\*default\*\*\n\nThe run failed: the consumer crashed on every start/);
    expect(summary).toMatch(/- \d+ crashes, \d+ restarts: TypeError: ctx\.redis\.xreadgroupp is not a function \(first in pod /);
    expect(summary).toMatch(/\| consumer crashes \(its code threw\) \| [\d,]+ \|/);
    const html = await readFile(join(out, 'report.html'), 'utf8');
    expect(html).toMatch(/<section id="crashes">\n<h2>Consumer crashes<\/h2>\n<h3>default<\/h3>\n<p class="failure"><strong>The run failed:<\/strong> the consumer crashed on every start/);
  }, 60_000);

  it('pelsim check fails by default even when every expectation holds, and passes with --allow-crashes', async () => {
    const file = await scenarioWith('throws');
    const expectations = ['--expect', 'duplicatePRs == 0', '--expect', 'strandedIssues == 0', '--expect', 'lostIssues == 0'];
    const failed = await runCli(['check', file, ...expectations]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/: the consumer failed in 1 run; all 3 expectation\(s\) held over 1 variant × 1 seed\n/);
    expect(failed.stderr).toMatch(/✗ the consumer worked — failed in 1 of 1 runs \(pass --allow-crashes/);
    expect(failed.stderr).toMatch(new RegExp(`variant "default", seed 1: the consumer crashed on every start .* \\(pod ${POD}, at 00:00:00, test/fixtures/broken/throws\\.mjs\\)`));
    const allowed = await runCli(['check', file, ...expectations, '--allow-crashes']);
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toMatch(/! the consumer did not work in 1 of 1 runs \(allowed\)/);
  }, 60_000);

  it('the vitest matchers and assertScenario fail by default, and pass with allowCrashes', async () => {
    const file = await scenarioWith('throws');
    const result = await simulate(file);
    let message = '';
    try {
      expect(result).toHaveNoDuplicatePRs();
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^expected no duplicate PRs in scenario "throws" .*:\n✗ the consumer worked — failed in 1 of 1 runs/);
    expect(() => expect(result).toHaveNoLostIssues()).toThrow(/the consumer crashed on every start/);
    expect(result).toHaveNoDuplicatePRs({ allowCrashes: true });
    expect(result).toHaveNoLostIssues({ allowCrashes: true });
    expect(() => expect(result).toHaveNoDuplicatePRs({ allowCrash: true } as never)).toThrow(/options \{ allowCrashes\?: boolean \}/);
    await expect(assertScenario(file)).rejects.toThrow(/✗ the consumer worked/);
    await expect(assertScenario(file, { allowCrashes: true })).resolves.toBeDefined();
  }, 60_000);
});

describe('a consumer that never completes an issue while work waits', () => {
  it('fails the run without a crash, naming the module', async () => {
    const run = await runCli(['run', await scenarioWith('idle'), '--out', join(dir, 'out-idle'), '--no-charts']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'variant "default": the consumer never completed an issue while work was available (0/10 issues done, none being worked at the end); consumer: test/fixtures/broken/idle.mjs\n',
    );
  }, 60_000);
});

describe('a consumer that works', () => {
  it('the shipped container-restart story has no consumer crashes and no failure; its injected restarts are counted as faults', async () => {
    const result = await simulate('scenarios/container-restart.yaml');
    for (const run of result.runs) {
      expect(run.metrics.consumerCrashes).toBe(0);
      expect(run.result.consumerFailure).toBeNull();
      const injected = run.result.crashes.filter((c) => c.origin === 'fault').reduce((n, c) => n + c.crashes, 0);
      expect(injected).toBe(run.metrics.containerRestarts);
    }
    expect(result.runs.some((r) => r.metrics.containerRestarts > 0)).toBe(true);
  }, 60_000);
});
