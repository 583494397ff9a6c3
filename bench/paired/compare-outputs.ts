/**
 * Compares the outputs of two builds' runs. Byte for byte by default; when the results schema grew
 * or a metric was redefined between the commits, named keys are removed first and everything else
 * must still agree byte for byte (after the same re-serialisation on both sides).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The files every run writes and every comparison checks. */
export const OUTPUTS = ['results.json', 'events.jsonl'] as const;

/** Keys to leave out of a comparison. */
export interface Exclusions {
  /**
   * Keys the new build writes and the old commit predates (`redisVersion`, `origin` on pod-stop
   * events, ...), removed at any depth from the new side of results.json and events.jsonl.
   */
  readonly added: readonly string[];
  /**
   * Keys both builds write whose definition changed between them (the latency percentiles became
   * Kaplan–Meier estimates in b9332db), removed from both sides.
   */
  readonly redefined: readonly string[];
}

export const NO_EXCLUSIONS: Exclusions = { added: [], redefined: [] };

function withoutKeys(value: unknown, keys: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((item) => withoutKeys(item, keys));
  if (value === null || typeof value !== 'object') return value;
  const kept: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) if (!keys.has(key)) kept[key] = withoutKeys(item, keys);
  return kept;
}

/** results.json re-serialised without `keys` (both sides alike, so the writer's format does not matter). */
function resultsWithout(text: string, keys: readonly string[]): string {
  return `${JSON.stringify(withoutKeys(JSON.parse(text), new Set(keys)), null, 2)}\n`;
}

/** events.jsonl with `keys` removed from the lines that hold any of them; other lines untouched. */
function eventsWithout(text: string, keys: readonly string[]): string {
  const markers = keys.map((key) => `"${key}":`);
  const set = new Set(keys);
  return text
    .split('\n')
    .map((line) => (markers.some((marker) => line.includes(marker)) ? JSON.stringify(withoutKeys(JSON.parse(line), set)) : line))
    .join('\n');
}

function normalised(name: (typeof OUTPUTS)[number], text: string, keys: readonly string[]): string {
  return name === 'results.json' ? resultsWithout(text, keys) : eventsWithout(text, keys);
}

/**
 * First difference between two output folders (`old`, `new`), or null when they agree: byte for
 * byte, or byte for byte once the `exclusions` are removed.
 */
export function firstDifference(oldDir: string, newDir: string, exclusions: Exclusions = NO_EXCLUSIONS): string | null {
  for (const name of OUTPUTS) {
    const oldRaw = readFileSync(join(oldDir, name));
    const newRaw = readFileSync(join(newDir, name));
    if (oldRaw.equals(newRaw)) continue;
    if (exclusions.added.length === 0 && exclusions.redefined.length === 0) return describe(name, oldRaw.toString('utf8'), newRaw.toString('utf8'));
    const oldText = normalised(name, oldRaw.toString('utf8'), exclusions.redefined);
    const newText = normalised(name, newRaw.toString('utf8'), [...exclusions.added, ...exclusions.redefined]);
    if (oldText !== newText) return describe(name, oldText, newText);
  }
  return null;
}

function describe(name: string, oldText: string, newText: string): string {
  const oldLines = oldText.split('\n');
  const newLines = newText.split('\n');
  const line = oldLines.findIndex((text, i) => text !== newLines[i]);
  return `${name} differs at line ${line + 1}:\n  old: ${oldLines[line]?.slice(0, 300)}\n  new: ${newLines[line]?.slice(0, 300)}`;
}
