/**
 * Old commit against new code, in one run: builds both (see paired/builds.ts), then runs the same
 * scenario on each in fresh processes, alternating old/new, and reports the CPU-time ratio. CPU
 * time (user + system of the whole process, GC threads included) is what a shared 2-core machine
 * disturbs least; wall time is printed beside it. Every run's results.json and events.jsonl must
 * be byte-identical to the old build's, or the benchmark fails loudly.
 *
 * `node --import tsx bench/paired.ts [--old 1056a63] [--new <commit>] [--scenario FILE]
 *    [--mode simulate|cli] [--rounds 3] [--callgrind] [--added-field redisVersion] [-- extra pelsim run args for the new side]`
 *
 * `--callgrind` adds one run per side under `valgrind --tool=callgrind` and reports instructions
 * executed: reproducible where CPU time is noisy (slow: use a small scenario).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildCommit, buildWorkingTree, type Build } from './paired/builds.js';
import { median } from './median.js';

const DRIVER = resolve(import.meta.dirname, 'paired', 'drive.mjs');
const OUTPUTS = ['results.json', 'events.jsonl'] as const;

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

/** `results.json` without the lines of `fields` (keys the new build's results gained since the old commit). */
function withoutFields(text: Buffer, fields: readonly string[]): Buffer {
  if (fields.length === 0) return text;
  const keys = fields.map((f) => `"${f}":`);
  return Buffer.from(text.toString('utf8').split('\n').filter((line) => !keys.some((k) => line.trimStart().startsWith(k))).join('\n'));
}

/**
 * First difference between two output folders, or null when every output is byte-identical.
 * `addedFields`: keys of results.json the new side has and the old one predates, left out of its
 * results.json before comparing (e.g. `redisVersion`, added after 1056a63).
 */
export function firstDifference(a: string, b: string, addedFields: readonly string[] = []): string | null {
  for (const name of OUTPUTS) {
    const left = readFileSync(join(a, name));
    const right = name === 'results.json' ? withoutFields(readFileSync(join(b, name)), addedFields) : readFileSync(join(b, name));
    if (left.equals(right)) continue;
    const leftLines = left.toString('utf8').split('\n');
    const rightLines = right.toString('utf8').split('\n');
    const line = leftLines.findIndex((text, i) => text !== rightLines[i]);
    return `${name} differs at line ${line + 1}:\n  old: ${leftLines[line]?.slice(0, 300)}\n  new: ${rightLines[line]?.slice(0, 300)}`;
  }
  return null;
}


/** Options of one paired comparison. */
export interface PairedOptions {
  readonly old: Side;
  readonly new: Side;
  readonly scenario: string;
  readonly mode: 'simulate' | 'cli';
  readonly rounds: number;
  readonly callgrind: boolean;
  /** results.json keys the new build added since the old commit; see {@link firstDifference}. */
  readonly addedFields?: readonly string[];
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
        got[which] = runOnce(options[which], options.mode, options.scenario, out);
      }
      const difference = firstDifference(join(scratch, `old-${round}`), join(scratch, `new-${round}`), options.addedFields ?? []);
      if (difference !== null) throw new Error(`outputs differ (round ${round + 1}): ${difference}`);
      const [o, n] = [got.old as Sample, got.new as Sample];
      olds.push(o);
      news.push(n);
      ratios.push(o.cpuMs / n.cpuMs);
    }
    const describe = (side: Side, samples: readonly Sample[]) =>
      `  ${side.build.label.padEnd(14)} cpu ${median(samples.map((s) => s.cpuMs)).toFixed(0).padStart(7)} ms, ` +
      `wall ${median(samples.map((s) => s.wallMs)).toFixed(0).padStart(7)} ms, peak rss ${median(samples.map((s) => s.maxRssMiB)).toFixed(0)} MiB`;
    const lines = [
      `paired ${options.mode} ${options.scenario}: ${options.rounds} rounds, old/new alternating, outputs byte-identical (${OUTPUTS.join(', ')})`,
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
      'added-field': { type: 'string', multiple: true, default: [] },
    },
  });
  const mode = values.mode;
  if (mode !== 'simulate' && mode !== 'cli') throw new Error(`--mode must be simulate or cli, found ${mode}`);
  const repo = repoRoot();
  const oldBuild = buildCommit(repo, values.old);
  const newBuild = values.new === undefined ? buildWorkingTree(repo) : buildCommit(repo, values.new);
  for (const line of comparePaired({
    old: { build: oldBuild, args: [] },
    new: { build: newBuild, args: positionals },
    scenario: resolve(values.scenario),
    mode,
    rounds: Number(values.rounds),
    callgrind: values.callgrind,
    addedFields: values['added-field'],
  })) {
    console.log(line);
  }
}
