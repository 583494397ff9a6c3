/**
 * `npm run mutation [-- name-filter]`: applies each mutant of mutants.ts to the model in turn, runs
 * every differential suite against every server found (stopping at the first failure), restores the
 * file, and prints a table of which mutants the suites killed. Exits 1 when any survived.
 *
 * It edits files in the working tree, one at a time, and always puts the original back (also on
 * Ctrl-C); do not run it while editing the model.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { MUTANTS, type Mutant } from './mutants.js';

interface Outcome {
  readonly mutant: Mutant;
  readonly killed: boolean;
  readonly seconds: number;
  readonly by: string;
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

function runSuites(): { ok: boolean; output: string } {
  const vitest = spawnSync(
    process.execPath,
    ['node_modules/vitest/vitest.mjs', 'run', '--project', 'redis-*', '--bail', '1', '--reporter', 'dot'],
    { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' }, maxBuffer: 64 * 1024 * 1024 },
  );
  return { ok: vitest.status === 0, output: `${vitest.stdout}\n${vitest.stderr}` };
}

const filter = process.argv[2];
const chosen = MUTANTS.filter((m) => filter === undefined || m.name.includes(filter));
const outcomes: Outcome[] = [];
for (const mutant of chosen) {
  const started = Date.now();
  restore = apply(mutant);
  let result: { ok: boolean; output: string };
  try {
    result = runSuites();
  } finally {
    restore();
    restore = undefined;
  }
  const outcome: Outcome = {
    mutant,
    killed: !result.ok,
    seconds: Math.round((Date.now() - started) / 1000),
    by: result.ok ? '' : firstFailure(result.output) || '(vitest failed; see its output)',
  };
  outcomes.push(outcome);
  console.log(`${outcome.killed ? 'killed  ' : 'SURVIVED'} ${mutant.name} (${outcome.seconds}s) ${outcome.by}`);
}

console.log('\n| mutant | result | first failing test |\n|---|---|---|');
for (const o of outcomes) console.log(`| ${o.mutant.name} | ${o.killed ? 'killed' : '**survived**'} | ${o.by} |`);
const survived = outcomes.filter((o) => !o.killed).length;
console.log(`\n${outcomes.length - survived} of ${outcomes.length} mutants killed`);
process.exit(survived === 0 ? 0 : 1);
