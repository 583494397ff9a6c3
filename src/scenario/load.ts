/**
 * Reading scenario files: YAML or JSON by extension, syntax errors with line and column, and
 * schema problems annotated with where in the file they are (the `line`/`column` fields; the
 * message keeps its `file: path: expected …, found …` form).
 */
import { readFile } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { LineCounter, isAlias, isMap, isPair, isScalar, isSeq, parseDocument, visit, type Document } from 'yaml';
import { ScenarioError, type PathSegment, type ScenarioProblem } from './errors.js';
import { jsonErrorOffset, lineColumn } from './json-syntax.js';
import { qualifyScenario } from './qualify.js';
import type { QualifiedScenario } from './types.js';

const EXTENSIONS = ['.yaml', '.yml', '.json'];

/**
 * Loads, validates and qualifies the scenario at `path` (`.yaml`, `.yml` or `.json`). Errors name
 * the file as given, so pass the path the user typed. Throws a {@link ScenarioError} for anything
 * wrong: unreadable file, malformed YAML/JSON (with line:column), or every schema problem.
 */
export async function loadScenarioFile(path: string): Promise<QualifiedScenario> {
  const ext = extname(path).toLowerCase();
  if (!EXTENSIONS.includes(ext)) {
    throw new ScenarioError(path, [
      { kind: 'schema', path: '', segments: [], expected: 'a .yaml, .yml or .json file', found: ext === '' ? 'no extension' : `"${ext}"` },
    ]);
  }
  let text: string;
  try {
    text = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ScenarioError(path, [{ kind: 'io', path: '', segments: [], expected: 'a readable file', found: reason }]);
  }
  refuseControlCharacters(path, text, ext === '.json' ? 'JSON' : 'YAML');
  const lines = new LineCounter();
  // Merge keys (`<<: *defaults`) let a file share blocks between variants without repeating them.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, merge: true });
  const data = ext === '.json' ? parseJson(path, text) : parseYaml(path, doc, lines);
  try {
    return qualifyScenario(data, path, dirname(resolve(path)));
  } catch (error) {
    if (!(error instanceof ScenarioError) || doc.errors.length > 0) throw error;
    throw new ScenarioError(error.file, error.problems.map((p) => locate(p, doc, lines)));
  }
}

function parseYaml(path: string, doc: Document, lines: LineCounter): unknown {
  if (doc.errors.length > 0) {
    throw new ScenarioError(
      path,
      doc.errors.map((e) => {
        const { line, col } = lines.linePos(e.pos[0]);
        return { kind: 'syntax', path: '', segments: [], expected: 'YAML', found: e.message, line, column: col };
      }),
    );
  }
  if (doc.contents === null) {
    throw new ScenarioError(path, [{ kind: 'schema', path: '', segments: [], expected: 'an object with at least a name', found: 'an empty file' }]);
  }
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // The yaml library refuses an alias bomb with a ReferenceError; point at the alias behind it.
    if (!(error instanceof ReferenceError)) throw error;
    const { line, col } = lines.linePos(expandingAliasOffset(doc) ?? 0);
    const found = `${error.message.replace(/ indicates a resource exhaustion attack$/, '')} (more than ${MAX_ALIAS_COUNT} expansions of one anchor)`;
    throw new ScenarioError(path, [{ kind: 'syntax', path: '', segments: [], expected: 'YAML', found, line, column: col }]);
  }
}

/**
 * How many nodes one alias may expand to, relative to its anchor (the yaml library's measure).
 * Sharing blocks between variants with `<<: *defaults` stays far below it; an alias bomb (aliases
 * of lists of aliases) passes it at once instead of expanding to gigabytes.
 */
export const MAX_ALIAS_COUNT = 100;

/** Offset of the first alias whose anchor itself holds aliases (where expansion multiplies), else the first alias. */
function expandingAliasOffset(doc: Document): number | undefined {
  let first: number | undefined;
  let expanding: number | undefined;
  visit(doc, {
    Alias(_key, node) {
      first ??= node.range?.[0];
      const target = node.resolve(doc);
      let nested = false;
      if (target !== undefined && !isAlias(target)) visit(target, { Alias: () => ((nested = true), visit.BREAK) });
      if (nested) {
        expanding = node.range?.[0];
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return expanding ?? first;
}

/**
 * Control characters other than tab and line breaks are not text: YAML forbids them, JSON only
 * inside strings, and a NUL in a scenario is a corrupted or hostile file. Refused with line:column.
 */
function refuseControlCharacters(path: string, text: string, format: string): void {
  const match = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.exec(text);
  if (match === null) return;
  const { line, column } = lineColumn(text, match.index);
  const code = match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
  throw new ScenarioError(path, [{ kind: 'syntax', path: '', segments: [], expected: format, found: `a control character (U+${code})`, line, column }]);
}

function parseJson(path: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error))
      .replace(/, (?:\.\.\.)?".*$/s, '')
      .replace(/ in JSON at position \d+.*$/s, '');
    const { line, column } = lineColumn(text, jsonErrorOffset(text) ?? 0);
    throw new ScenarioError(path, [{ kind: 'syntax', path: '', segments: [], expected: 'JSON', found: reason, line, column }]);
  }
}

/** `p` with the position of the deepest part of its path that the file spells out. */
function locate(p: ScenarioProblem, doc: Document, lines: LineCounter): ScenarioProblem {
  const offset = offsetOf(doc, p.segments);
  if (offset === undefined) return p;
  const { line, col } = lines.linePos(offset);
  return { ...p, line, column: col };
}

function offsetOf(doc: Document, segments: readonly PathSegment[]): number | undefined {
  let node: unknown = doc.contents;
  let offset = isScalar(node) || isMap(node) || isSeq(node) ? node.range?.[0] : undefined;
  for (const segment of segments) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
      if (pair === undefined) break;
      // Point at the key: for a nested object the value starts on a later line.
      if (isScalar(pair.key)) offset = pair.key.range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
      node = node.items[segment];
      if (isScalar(node) || isMap(node) || isSeq(node)) offset = node.range?.[0] ?? offset;
    } else break;
  }
  return offset;
}
