/**
 * Same scenario + seed ⇒ same results: inside the simulation layers nothing may read the wall
 * clock, draw unseeded randomness, start a real timer or patch a global. Checked on the syntax
 * tree (comments and strings do not count), so a new occurrence fails here with its file and line.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SIMULATION = ['src/engine', 'src/redis', 'src/world', 'src/consumers', 'src/protocol'];

/** Reads of the wall clock or of unseeded randomness, as `object.property`. */
const FORBIDDEN_READS = new Set(['Math.random', 'Date.now', 'performance.now', 'process.hrtime', 'crypto.randomUUID', 'crypto.getRandomValues', 'crypto.randomBytes']);
/** Real timers. */
const FORBIDDEN_CALLS = new Set(['setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask']);
/** Objects whose properties no simulation module may assign (`process` is the engine's own Process there). */
const GLOBALS = new Set(['Math', 'Date', 'globalThis', 'global', 'performance', 'crypto', 'Promise', 'console']);

/**
 * The sanctioned exceptions, each with its reason:
 * - the engine's watchdog polls with a real setImmediate to notice a process that waits on
 *   something outside the simulation; it decides only whether to abort a run that cannot advance,
 *   never what a run computes;
 * - node-clock.ts is the virtual Node clock: for the length of a run it replaces the timers,
 *   `Date`, `performance.now` and `Math.random` that user and library code (a real ioredis) see
 *   with virtual, seeded ones. Its patching is what keeps that code deterministic; it keeps the real
 *   functions for the engine. Nothing else may patch a global.
 */
const ALLOWED: readonly RegExp[] = [/^src\/engine\/simulation\.ts:\d+: setImmediate$/, /^src\/engine\/node-clock\.ts:/];

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? files(path) : /\.(ts|mts)$/.test(e.name) ? [path] : [];
  });
}

/** `Math.random`, `globalThis.Date.now` → the last two names; undefined for anything else. */
function dotted(node: ts.Node): string | undefined {
  if (!ts.isPropertyAccessExpression(node)) return undefined;
  const object = node.expression;
  const name = ts.isIdentifier(object) ? object.text : ts.isPropertyAccessExpression(object) ? object.name.text : undefined;
  return name === undefined ? undefined : `${name}.${node.name.text}`;
}

/** The root identifier of `a.b.c` or `a['b']`, if any. */
function root(node: ts.Expression): string | undefined {
  let here: ts.Expression = node;
  while (ts.isPropertyAccessExpression(here) || ts.isElementAccessExpression(here)) here = here.expression;
  return ts.isIdentifier(here) ? here.text : undefined;
}

function findings(file: string, text = readFileSync(file, 'utf8')): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const out: string[] = [];
  const report = (node: ts.Node, what: string) => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
    out.push(`${relative('.', file)}:${line + 1}: ${what}`);
  };
  const visit = (node: ts.Node): void => {
    const name = dotted(node);
    if (name !== undefined && FORBIDDEN_READS.has(name)) report(node, name);
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'Date') report(node, 'new Date');
    if (ts.isCallExpression(node)) {
      const callee = ts.isIdentifier(node.expression) ? node.expression.text : dotted(node.expression);
      const timer = callee?.replace(/^(globalThis|global)\./, '');
      if (timer !== undefined && FORBIDDEN_CALLS.has(timer)) report(node, timer);
    }
    if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
      const target = node.left;
      const base = ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target) ? root(target) : undefined;
      if (base !== undefined && GLOBALS.has(base)) report(node, `assigns ${target.getText(source)}`);
    }
    if (ts.isCallExpression(node) && dotted(node.expression) === 'Object.defineProperty') {
      const [first] = node.arguments;
      if (first !== undefined && ts.isIdentifier(first) && GLOBALS.has(first.text)) report(node, `redefines a property of ${first.text}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

describe('determinism of the simulation layers', () => {
  const all = SIMULATION.flatMap(files).flatMap((file) => findings(file));

  it('never read the wall clock, draw unseeded randomness, start real timers or patch globals', () => {
    const unexpected = all.filter((f) => !ALLOWED.some((allowed) => allowed.test(f)));
    expect(unexpected).toEqual([]);
  });

  it('sees what it forbids: the old key-value store clock patch, randomness, timers; not comments', () => {
    const probe = [
      '// Date.now() in a comment is fine',
      'const wallClock = Date.now;',
      'Date.now = () => now;',
      'const pick = Math.floor(Math.random() * 3);',
      "globalThis['Math'].random = () => 0;",
      'setTimeout(() => undefined, 5);',
      'globalThis.setImmediate(tick); const o = { setTimeout(ms: number) { return ms; } }; o.setTimeout(1);',
      'const when = new Date();',
    ].join('\n');
    expect(findings('src/redis/probe.ts', probe)).toEqual([
      'src/redis/probe.ts:2: Date.now',
      'src/redis/probe.ts:3: assigns Date.now',
      'src/redis/probe.ts:3: Date.now',
      'src/redis/probe.ts:4: Math.random',
      "src/redis/probe.ts:5: assigns globalThis['Math'].random",
      'src/redis/probe.ts:6: setTimeout',
      'src/redis/probe.ts:7: setImmediate',
      'src/redis/probe.ts:8: new Date',
    ]);
  });
});
