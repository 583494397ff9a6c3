/**
 * `npm run mutation [-- name-filter] [--per-version]`: applies each mutant of mutants.ts to the model
 * in turn, runs every differential suite against every server found (stopping at the first failure),
 * restores the file, and prints a table of which mutants the suites killed. Exits 1 when any survived.
 * With `--per-version` each server's suites run on their own, and the table says which versions
 * kill each mutant (a mutant of a rule one version has only dies on the versions with that rule);
 * a mutant counts as killed when at least one version kills it.
 *
 * It edits files in the working tree, one at a time, and always puts the original back (also on
 * Ctrl-C); do not run it while editing the model.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { findRedisServers } from '../support/redis-server.js';
import { MUTANTS, type Mutant } from './mutants.js';

interface Outcome {
  readonly mutant: Mutant;
  readonly killed: boolean;
  readonly seconds: number;
  readonly by: string;
  /** With --per-version: the projects that killed it, and those that did not. */
  readonly killers?: readonly string[];
  readonly survivors?: readonly string[];
}

let restore: (() => void) | undefined;
process.on('SIGINT', () => {
  restore?.();
  process.exit(130);
});

function apply(m: Mutant): () => void {
  const original = readFileSync(m.file, 'utf8');
  const at = original.indexOf(m.find);
  if (at < 0 || original.indexOf(m.find, at + 1) >= 0) {
    throw new Error(`mutant "${m.name}": the text to change must occur exactly once in ${m.file}`);
  }
  writeFileSync(m.file, original.slice(0, at) + m.replace + original.slice(at + m.find.length));
  return () => writeFileSync(m.file, original);
}

/** The first failing test vitest names, for the table. */
function firstFailure(output: string): string {
  // eslint-disable-next-line no-control-regex
  const plain = output.replace(/\u001b\[[0-9;]*m/g, '');
  const line = plain.split('\n').find((l) => /^\s*FAIL\s/.test(l));
  return line === undefined ? '' : line.replace(/^\s*FAIL\s+/, '').trim();
}

function runSuites(project = 'redis-*'): { ok: boolean; output: string } {
  const vitest = spawnSync(
    process.execPath,
    ['node_modules/vitest/vitest.mjs', 'run', '--project', project, '--bail', '1', '--reporter', 'dot'],
    { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' }, maxBuffer: 64 * 1024 * 1024 },
  );
  return { ok: vitest.status === 0, output: `${vitest.stdout}\n${vitest.stderr}` };
}

/** Runs the suites of each project in turn; killed when any project fails. */
function runPerVersion(mutant: Mutant, projects: readonly string[]): Outcome {
  const started = Date.now();
  const killers: string[] = [];
  const survivors: string[] = [];
  let by = '';
  for (const project of projects) {
    const result = runSuites(project);
    if (result.ok) survivors.push(project);
    else {
      killers.push(project);
      if (by === '') by = firstFailure(result.output) || '(vitest failed; see its output)';
    }
  }
  const seconds = Math.round((Date.now() - started) / 1000);
  return { mutant, killed: killers.length > 0, seconds, by, killers, survivors };
}

const args = process.argv.slice(2);
const perVersion = args.includes('--per-version');
const filter = args.find((a) => !a.startsWith('--'));
const projects = findRedisServers().found.map((s) => `redis-${s.version}`);
if (projects.length === 0) throw new Error('no redis-server found: the mutation check needs at least one (see test/support/redis-server.ts)');
const chosen = MUTANTS.filter((m) => filter === undefined || m.name.includes(filter));
const outcomes: Outcome[] = [];
for (const mutant of chosen) {
  restore = apply(mutant);
  let outcome: Outcome;
  try {
    if (perVersion) outcome = runPerVersion(mutant, projects);
    else {
      const started = Date.now();
      const result = runSuites();
      outcome = {
        mutant,
        killed: !result.ok,
        seconds: Math.round((Date.now() - started) / 1000),
        by: result.ok ? '' : firstFailure(result.output) || '(vitest failed; see its output)',
      };
    }
  } finally {
    restore();
    restore = undefined;
  }
  outcomes.push(outcome);
  const where = outcome.killers === undefined ? '' : ` [killed on: ${outcome.killers.join(', ') || 'none'}]`;
  console.log(`${outcome.killed ? 'killed  ' : 'SURVIVED'} ${mutant.name} (${outcome.seconds}s)${where} ${outcome.by}`);
}

if (perVersion) {
  console.log(`\n| mutant | result | ${projects.join(' | ')} | first failing test |\n|---|---|${projects.map(() => '---|').join('')}---|`);
  for (const o of outcomes) {
    const cells = projects.map((p) => (o.killers?.includes(p) === true ? 'killed' : 'survived'));
    console.log(`| ${o.mutant.name} | ${o.killed ? 'killed' : '**survived**'} | ${cells.join(' | ')} | ${o.by} |`);
  }
} else {
  console.log('\n| mutant | result | first failing test |\n|---|---|---|');
  for (const o of outcomes) console.log(`| ${o.mutant.name} | ${o.killed ? 'killed' : '**survived**'} | ${o.by} |`);
}
const survived = outcomes.filter((o) => !o.killed).length;
console.log(`\n${outcomes.length - survived} of ${outcomes.length} mutants killed`);
process.exit(survived === 0 ? 0 : 1);
