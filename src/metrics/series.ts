import type { VariantRun } from '../world/run-variant.js';
import type { Series } from './types.js';

const HOUR = 3_600_000;

/** Hourly series from the trace: counts per hour, and the last (or largest) sample per hour. */
export function buildSeries(run: VariantRun): Series {
  const hours = Math.max(1, Math.ceil(run.durationMs / HOUR));
  const zeros = () => new Array<number>(hours).fill(0);
  const completed = zeros();
  const duplicatePRs = zeros();
  const pelLength = zeros();
  const inFlight = zeros();
  const livePods = zeros();
  const consumers = zeros();
  const stranded = zeros();
  const merged = new Set<number>();
  const bucket = (at: number) => Math.min(hours - 1, Math.floor(at / HOUR));
  for (const e of run.events) {
    if (e.kind === 'merge' && !e.conflict && !merged.has(e.issue)) {
      merged.add(e.issue);
      completed[bucket(e.at)]++;
    } else if (e.kind === 'pr' && e.duplicate) {
      duplicatePRs[bucket(e.at)]++;
    } else if (e.kind === 'sample') {
      const h = bucket(e.at);
      pelLength[h] = Math.max(pelLength[h], e.pelLength);
      inFlight[h] = e.inFlight;
      livePods[h] = e.livePods;
      consumers[h] = e.consumers;
      stranded[h] = e.stranded;
    }
  }
  return { hour: Array.from({ length: hours }, (_, i) => i), completed, inFlight, pelLength, livePods, consumers, stranded, duplicatePRs };
}
