import type { VariantRun } from '../world/run-variant.js';
import { foldTrace, ignoreEvent } from '../world/trace.js';
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
  // Trace times are not negative, so every bucket is an hour of the series: the `!`s below are safe.
  const bucket = (at: number) => Math.min(hours - 1, Math.floor(at / HOUR));
  foldTrace(run.events, {
    merge: (e) => {
      if (e.conflict || merged.has(e.issue)) return;
      merged.add(e.issue);
      completed[bucket(e.at)]!++;
    },
    pr: (e) => {
      if (e.duplicate) duplicatePRs[bucket(e.at)]!++;
    },
    sample: (e) => {
      const h = bucket(e.at);
      pelLength[h] = Math.max(pelLength[h]!, e.pelLength);
      inFlight[h] = e.inFlight;
      livePods[h] = e.livePods;
      consumers[h] = e.consumers;
      stranded[h] = e.stranded;
    },
    dispatch: ignoreEvent, delivery: ignoreEvent, claim: ignoreEvent, ack: ignoreEvent, 'pod-start': ignoreEvent, 'pod-stop': ignoreEvent,
    'connection-drop': ignoreEvent, reconnect: ignoreEvent, 'work-start': ignoreEvent, 'work-end': ignoreEvent, branch: ignoreEvent,
    review: ignoreEvent, close: ignoreEvent, requeue: ignoreEvent, rollout: ignoreEvent, scale: ignoreEvent, 'consumer-delete': ignoreEvent,
  });
  return { hour: Array.from({ length: hours }, (_, i) => i), completed, inFlight, pelLength, livePods, consumers, stranded, duplicatePRs };
}
