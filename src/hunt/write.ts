/** Writing a hunt's finding as a scenario file that replays it, with the finding in its header. */
import { basename, dirname, resolve } from 'node:path';
import { OutputFolder, type OutLabel } from '../output/index.js';
import { Document, isMap, isScalar, isSeq } from 'yaml';
import type { HuntFound } from './hunt.js';
import { formatPlan } from './plan.js';
import { rebaseModule } from './scenario-file.js';

/** The YAML of the replay file for `found`, written to be read from `dir` (module paths re-based). */
export function huntYaml(found: HuntFound, dir: string): string {
  const doc = new Document(rebaseModule(found.scenarioFile, found.baseDir, dir));
  if (isMap(doc.contents)) for (const pair of doc.contents.items) compact(pair.value);
  const header = [
    `Found by pelsim hunt: ${found.invariant} (${found.expectation}) breaks in ${found.scenario} / ${found.variant}`,
    `${found.expectation.split(' ')[0]} = ${found.actual ?? 'undefined'} (fast-check seed ${found.seed}, ${found.runs} plans simulated, ${found.shrinks} shrinks)`,
    ...(found.chain === undefined ? [] : [found.chain]),
    'Fault plan:',
    ...formatPlan(found.plan).map((line) => `  ${line}`),
    'Replay: pelsim run <this file>',
  ];
  return `${header.map((line) => `# ${line}`).join('\n')}\n${doc.toString({ lineWidth: 0 })}`;
}

/**
 * Writes the replay file to `path` (folders created) and returns its absolute path. Replaces an
 * earlier hunt's file there, never a file pelsim did not write (an input error naming `label`).
 */
export async function writeHuntScenario(found: HuntFound, path: string, label: OutLabel = { flag: '--out', given: path }): Promise<string> {
  const file = resolve(path);
  const folder = await OutputFolder.open(dirname(file), label);
  const name = basename(file);
  await folder.claim([name]);
  await folder.write('hunt', name, huntYaml(found, dirname(file)));
  // Earlier hunts' files stay: only this one name is rewritten.
  await folder.finish([]);
  return file;
}

/**
 * Puts small maps on one line (`{ median: 30, p95: 60 }`, `{ at: 1h35m, pod: 1 }`), bottom-up, so
 * the file reads like the hand-written scenarios. Returns true when `node` fits on one line.
 */
function compact(node: unknown): boolean {
  if (isScalar(node)) return true;
  if (isSeq(node)) {
    for (const item of node.items) compact(item);
    return false;
  }
  if (!isMap(node)) return false;
  let small = node.items.length <= 4 && JSON.stringify(node.toJSON()).length <= 60;
  for (const pair of node.items) if (!compact(pair.value)) small = false;
  if (small) node.flow = true;
  return small;
}
