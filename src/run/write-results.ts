import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ScenarioRun } from './simulate.js';

/**
 * Writes results.json and events.jsonl into `dir` atomically: each file is written beside its
 * final name and renamed into place, so an interrupted run never leaves a half-written file.
 */
export async function writeRunOutputs(dir: string, run: ScenarioRun): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files: [string, string][] = [
    ['results.json', `${JSON.stringify(run.results, null, 2)}\n`],
    ['events.jsonl', run.events.map((e) => JSON.stringify(e)).join('\n') + (run.events.length ? '\n' : '')],
  ];
  const written: string[] = [];
  for (const [name, content] of files) {
    const target = join(dir, name);
    const temp = join(dirname(target), `.${name}.${process.pid}.tmp`);
    try {
      await writeFile(temp, content);
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    written.push(target);
  }
  return written;
}
