/**
 * Old commit against new code, in one run: builds both (see paired/builds.ts), then runs the same
 * scenario on each in fresh processes, alternating old/new, and reports the CPU-time ratio. CPU
 * time (user + system of the whole process, GC threads included) is what a shared 2-core machine
 * disturbs least; wall time is printed beside it. Every run's results.json and events.jsonl must
 * be byte-identical to the old build's, or the benchmark fails loudly.
 *
 * `node --import tsx bench/paired.ts [--old 1056a63] [--new <commit>] [--scenario FILE]
 *    [--mode simulate|cli] [--rounds 3] [--callgrind] [--new-scenario FILE | --new-redis-version V] [--added-field KEY]...
 *    [--redefined-field KEY]... [-- extra pelsim run args for the new side]`
 *
 * Against 1056a63 (the baseline of issue 13) the outputs grew keys and one metric was redefined:
 * `--new-redis-version 7.0` runs the new side on the scenario with `redis.version: '7.0'` (that
 * commit's only Redis; the default is now 7.4), `--added-field` / `--redefined-field` name the keys to leave out; see
 * paired/compare-outputs.ts. Everything else must still agree byte for byte.
 *
 * `--callgrind` adds one run per side under `valgrind --tool=callgrind` and reports instructions
 * executed: reproducible where CPU time is noisy (slow: use a small scenario).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseDocument } from 'yaml';
import { buildCommit, buildWorkingTree, type Build } from './paired/builds.js';
import { firstDifference, NO_EXCLUSIONS, OUTPUTS, type Exclusions } from './paired/compare-outputs.js';
import { median } from './median.js';

const DRIVER = resolve(import.meta.dirname, 'paired', 'drive.mjs');

/** One measured run. */
export interface Sample {
  readonly cpuMs: number;
  readonly wallMs: number;
  readonly maxRssMiB: number;
}

/** What one side needs to run. */
export interface Side {
  readonly build: Build;
  /** Extra `pelsim run` arguments (cli mode only), e.g. `--no-charts` for a build that has it. */
  readonly args: readonly string[];
  /**
   * This side's scenario file when it differs from the comparison's: e.g. the same scenario plus
   * `redis: { version: '7.0' }` for a build whose default version moved on.
   */
  readonly scenario?: string;
}

/** Runs `side` once on `scenario`, writing into `out`. */
export function runOnce(side: Side, mode: 'simulate' | 'cli', scenario: string, out: string, nodeFlags: readonly string[] = []): Sample {
  const result = spawnSync(process.execPath, [...nodeFlags, DRIVER, side.build.dist, mode, scenario, out, ...side.args], {
    encoding: 'utf8',
    maxBuffer: 64 * 2 ** 20,
  });
  if (result.status !== 0) {
    throw new Error(`${side.build.label} failed on ${scenario} (exit ${result.status}):\n${result.stderr}`);
  }
  const last = result.stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(last) as Sample;
}

/** Instructions executed by one run under callgrind (the whole process, start-up included). */
export function instructions(side: Side, mode: 'simulate' | 'cli', scenario: string, out: string): number {
  const result = spawnSync(
    'valgrind',
    // V8 writes code at run time: valgrind must re-check it; one GC/compiler thread keeps counts stable.
    ['--tool=callgrind', '--callgrind-out-file=/dev/null', '--smc-check=all-non-file', process.execPath,
      '--single-threaded', DRIVER, side.build.dist, mode, scenario, out, ...side.args],
    { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 },
  );
  const match = /Collected : (\d+)/.exec(result.stderr);
  if (result.status !== 0 || match === null) throw new Error(`callgrind run of ${side.build.label} failed:\n${result.stderr.slice(-2000)}`);
  return Number(match[1]);
}

/** Options of one paired comparison. */
export interface PairedOptions {
  readonly old: Side;
  readonly new: Side;
  readonly scenario: string;
  readonly mode: 'simulate' | 'cli';
  readonly rounds: number;
  readonly callgrind: boolean;
  /** Keys left out of the comparison; see {@link Exclusions}. Default: none (byte for byte). */
  readonly exclusions?: Exclusions;
}

/** Runs the comparison and returns the lines to print; throws when outputs differ. */
export function comparePaired(options: PairedOptions): string[] {
  const scratch = mkdtempSync(join(tmpdir(), 'pelsim-paired-'));
  try {
    const olds: Sample[] = [];
    const news: Sample[] = [];
    const ratios: number[] = [];
    for (let round = 0; round < options.rounds; round++) {
      // Alternate which side goes first, so a neighbour's burst of load hits both alike.
      const order = round % 2 === 0 ? (['old', 'new'] as const) : (['new', 'old'] as const);
      const got: Record<'old' | 'new', Sample | undefined> = { old: undefined, new: undefined };
      for (const which of order) {
        const out = join(scratch, `${which}-${round}`);
        got[which] = runOnce(options[which], options.mode, options[which].scenario ?? options.scenario, out);
      }
      const difference = firstDifference(join(scratch, `old-${round}`), join(scratch, `new-${round}`), options.exclusions ?? NO_EXCLUSIONS);
      if (difference !== null) throw new Error(`outputs differ (round ${round + 1}): ${difference}`);
      const [o, n] = [got.old as Sample, got.new as Sample];
      olds.push(o);
      news.push(n);
      ratios.push(o.cpuMs / n.cpuMs);
    }
    const describe = (side: Side, samples: readonly Sample[]) =>
      `  ${side.build.label.padEnd(14)} cpu ${median(samples.map((s) => s.cpuMs)).toFixed(0).padStart(7)} ms, ` +
      `wall ${median(samples.map((s) => s.wallMs)).toFixed(0).padStart(7)} ms, peak rss ${median(samples.map((s) => s.maxRssMiB)).toFixed(0)} MiB`;
    const excluded = [...(options.exclusions?.added ?? []), ...(options.exclusions?.redefined ?? [])];
    const lines = [
      `paired ${options.mode} ${options.scenario}${options.new.scenario === undefined ? '' : ` (new side: ${options.new.scenario})`}: ` +
        `${options.rounds} rounds, old/new alternating, outputs byte-identical (${OUTPUTS.join(', ')})` +
        (excluded.length === 0 ? '' : ` once the keys ${excluded.join(', ')} are left out`),
      describe(options.old, olds),
      describe(options.new, news),
      `  speed-up old/new: cpu x${median(ratios).toFixed(2)} (rounds ${ratios.map((r) => r.toFixed(2)).join(', ')}), ` +
        `wall x${(median(olds.map((s) => s.wallMs)) / median(news.map((s) => s.wallMs))).toFixed(2)}`,
    ];
    if (options.callgrind) {
      const oldIr = instructions(options.old, options.mode, options.scenario, join(scratch, 'old-cg'));
      const newIr = instructions(options.new, options.mode, options.scenario, join(scratch, 'new-cg'));
      lines.push(
        `  callgrind instructions (start-up included): old ${(oldIr / 1e9).toFixed(2)} G, new ${(newIr / 1e9).toFixed(2)} G, x${(oldIr / newIr).toFixed(2)}`,
      );
    }
    return lines;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * The new side's own scenario, if any: a file given as is, or the shared scenario with
 * `redis.version` set (written to a temporary file: the shipped scenario stays untouched).
 */
function newScenario(file: string | undefined, redisVersion: string | undefined, shared: string): { scenario?: string } {
  if (file !== undefined) return { scenario: resolve(file) };
  if (redisVersion === undefined) return {};
  const document = parseDocument(readFileSync(shared, 'utf8'));
  document.setIn(['redis', 'version'], redisVersion);
  const path = join(mkdtempSync(join(tmpdir(), 'pelsim-paired-scenario-')), basename(shared));
  writeFileSync(path, document.toString());
  return { scenario: path };
}

function repoRoot(): string {
  return execFileSync('git', ['rev-parse', '--show-toplevel'], { encoding: 'utf8' }).trim();
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      old: { type: 'string', default: '1056a63' },
      new: { type: 'string' },
      scenario: { type: 'string', default: 'scenarios/stress-50-pods-30-days.yaml' },
      mode: { type: 'string', default: 'simulate' },
      rounds: { type: 'string', default: '3' },
      callgrind: { type: 'boolean', default: false },
      'new-scenario': { type: 'string' },
      'new-redis-version': { type: 'string' },
      'added-field': { type: 'string', multiple: true, default: [] },
      'redefined-field': { type: 'string', multiple: true, default: [] },
    },
  });
  const mode = values.mode;
  if (mode !== 'simulate' && mode !== 'cli') throw new Error(`--mode must be simulate or cli, found ${mode}`);
  const repo = repoRoot();
  const oldBuild = buildCommit(repo, values.old);
  const newBuild = values.new === undefined ? buildWorkingTree(repo) : buildCommit(repo, values.new);
  for (const line of comparePaired({
    old: { build: oldBuild, args: [] },
    new: { build: newBuild, args: positionals, ...newScenario(values['new-scenario'], values['new-redis-version'], resolve(values.scenario)) },
    scenario: resolve(values.scenario),
    mode,
    rounds: Number(values.rounds),
    callgrind: values.callgrind,
    exclusions: { added: values['added-field'], redefined: values['redefined-field'] },
  })) {
    console.log(line);
  }
}
