/**
 * How cause chains word what happened, shared by every chain (duplicates, stranded, lost) so one
 * delivery or one stop reads the same wherever it appears.
 */
import type { DeliveryEvent, DeliveryVia, PodStopEvent } from '../world/trace.js';
import { clockTime } from './clock-format.js';

/** How an entry reached a consumer, as a chain says it. */
export const VIA_WORDS: Readonly<Record<DeliveryVia, string>> = {
  '>': 'via `>`',
  history: 'via a history read `0`',
  xclaim: 'via XCLAIM',
  xautoclaim: 'via XAUTOCLAIM',
};

/** What became of a pod, as a chain says it (`pod x crashed at 03:10`). */
export const STOPPED_WORDS: Readonly<Record<PodStopEvent['reason'], string>> = {
  crash: 'crashed',
  replacement: 'was replaced (its successor has a new name)',
  sigterm: 'was terminated by a rollout',
  sigkill: 'was killed after its grace period',
  'scale-down': 'was removed by a scale-down',
  'end-of-run': 'was still running at the end',
};

/** `delivered to <consumer> via … at HH:MM (pod …)`. */
export function describeDelivery(d: DeliveryEvent): string {
  return `delivered to ${d.consumer} ${VIA_WORDS[d.via]} at ${clockTime(d.at)} (pod ${d.pod})`;
}
