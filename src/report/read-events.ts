import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { TaggedEvent } from '../metrics/types.js';
import { ReportInputError } from './errors.js';
import { TimelineBuilder, type VariantTimeline } from './timeline.js';

/**
 * Streams events.jsonl (it can hold millions of lines for a month-long fleet run) into one
 * {@link VariantTimeline} per variant named in `durations` (variant name → simulated ms).
 * Events of other variants are ignored; a line that is not JSON is a {@link ReportInputError}.
 */
export async function readTimelines(path: string, durations: ReadonlyMap<string, number>): Promise<Map<string, VariantTimeline>> {
  const builders = new Map<string, TimelineBuilder>();
  for (const name of durations.keys()) builders.set(name, new TimelineBuilder(name));
  const stream = createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let n = 0;
  try {
    for await (const line of lines) {
      n++;
      if (line.trim() === '') continue;
      let event: TaggedEvent;
      try {
        event = JSON.parse(line) as TaggedEvent;
      } catch (error) {
        throw new ReportInputError(`${path}: line ${n} is not JSON: ${(error as Error).message}`);
      }
      if (typeof event !== 'object' || event === null || typeof event.kind !== 'string' || typeof event.at !== 'number') {
        throw new ReportInputError(`${path}: line ${n} is not a pelsim event (needs "kind" and "at")`);
      }
      builders.get(event.variant)?.add(event);
    }
  } catch (error) {
    if (error instanceof ReportInputError) throw error;
    throw new ReportInputError(`${path}: cannot read: ${(error as Error).message}`);
  } finally {
    lines.close();
    stream.destroy();
  }
  const timelines = new Map<string, VariantTimeline>();
  for (const [name, builder] of builders) timelines.set(name, builder.finish(durations.get(name) ?? 0));
  return timelines;
}
