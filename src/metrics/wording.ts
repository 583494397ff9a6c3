/**
 * How cause chains word what happened, shared by every chain (duplicates, stranded, lost) so one
 * delivery or one stop reads the same wherever it appears.
 */
import type { ConsumerDeleteEvent, DeliveryEvent, DeliveryVia, PodStopEvent } from '../world/trace.js';
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

/** `entry … was destroyed at HH:MM when the cleanup job deleted <consumer> (idle …) with XGROUP DELCONSUMER`. */
export function describeDestruction(entryId: string, deletion: ConsumerDeleteEvent): string {
  return `entry ${entryId} was destroyed at ${clockTime(deletion.at)} when the cleanup job deleted ${deletion.consumer} (idle ${idleWords(deletion.idleMs)}) with XGROUP DELCONSUMER`;
}

/** `2h05m`, `45m`, `30s`: how long a consumer had looked idle. */
function idleWords(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes === 0) return `${Math.floor(ms / 1000)}s`;
  const hours = Math.floor(minutes / 60);
  return hours === 0 ? `${minutes}m` : `${hours}h${String(minutes % 60).padStart(2, '0')}m`;
}
