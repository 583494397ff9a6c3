import { open, type FileHandle } from 'node:fs/promises';
import { OutputFolder, type OutLabel } from '../output/index.js';
import type { QualifiedScenario } from '../scenario/types.js';
import type { TraceEvent } from '../world/trace.js';
import { simulateScenario, type ScenarioResults, type ScenarioRun, type ScenarioRunOptions } from './simulate.js';

/** The files of a run's `results` group. */
export const RESULTS_FILE = 'results.json';
export const EVENTS_FILE = 'events.jsonl';

/** Bytes gathered before one write to events.jsonl: few system calls, bounded memory. */
const CHUNK = 1 << 20;

/** What {@link simulateToFolder} did. */
export interface RunWritten {
  readonly results: ScenarioResults;
  /** Files of an earlier run this one replaced (0: none). */
  readonly replaced: number;
}

/**
 * Simulates `scenario` and writes results.json and events.jsonl into `dir`. The trace is streamed
 * to disk variant by variant (never held whole), through a temporary file renamed into place at the
 * end, so a failed or interrupted run leaves no half-written file under a real name. Files there
 * that pelsim did not write are never overwritten (an input error, before simulating).
 */
export async function simulateToFolder(dir: string, label: OutLabel, scenario: QualifiedScenario, options: ScenarioRunOptions = {}): Promise<RunWritten> {
  const folder = await OutputFolder.open(dir, label);
  const replaced = folder.previous('results');
  await folder.claim([RESULTS_FILE, EVENTS_FILE]);
  const temp = await folder.tempFor(EVENTS_FILE);
  let handle: FileHandle | undefined;
  try {
    handle = await open(temp, 'w');
    const out = handle;
    const run = await simulateScenario(scenario, (variant, events) => appendEvents(out, variant, events), options);
    await handle.close();
    handle = undefined;
    await folder.adopt('results', EVENTS_FILE, temp);
    await folder.write('results', RESULTS_FILE, resultsText(run.results));
    await folder.finish(['results']);
    return { results: run.results, replaced };
  } catch (error) {
    await handle?.close();
    await folder.abandon();
    throw error;
  }
}

/** Writes a finished run (results and tagged events held in memory) into `dir`; for tests and small runs. */
export async function writeRunOutputs(dir: string, run: ScenarioRun, label: OutLabel = { flag: '--out', given: dir }): Promise<string[]> {
  const folder = await OutputFolder.open(dir, label);
  await folder.claim([RESULTS_FILE, EVENTS_FILE]);
  await folder.write('results', RESULTS_FILE, resultsText(run.results));
  await folder.write('results', EVENTS_FILE, run.events.map((e) => `${JSON.stringify(e)}\n`).join(''));
  return folder.finish(['results']);
}

function resultsText(results: ScenarioResults): string {
  return `${JSON.stringify(results, null, 2)}\n`;
}

/**
 * Appends `events` as JSON lines tagged with `variant` first — the bytes of
 * `JSON.stringify({ variant, ...event })` without building that object per event.
 */
async function appendEvents(handle: FileHandle, variant: string, events: readonly TraceEvent[]): Promise<void> {
  const prefix = `{"variant":${JSON.stringify(variant)},`;
  let chunk = '';
  for (const event of events) {
    chunk += `${prefix}${JSON.stringify(event).slice(1)}\n`;
    if (chunk.length >= CHUNK) {
      await handle.write(chunk);
      chunk = '';
    }
  }
  if (chunk !== '') await handle.write(chunk);
}
