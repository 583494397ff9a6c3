/**
 * Where every issue the conductor dispatched ended up: merged, or exactly one of in flight,
 * stranded or lost; and for stranded and lost issues, the chain of events that left them so. The
 * metrics count these lists, so a count and its chains never disagree.
 */
import type { VariantRun } from '../world/run-variant.js';
import type { AckEvent, DeliveryEvent } from '../world/trace.js';
import { clockTime } from './clock-format.js';
import { compareIds } from './stats.js';
import type { TraceIndex } from './trace-index.js';
import type { IssueReport } from './types.js';
import { describeDelivery, describeDestruction, STOPPED_WORDS } from './wording.js';

/** Unmerged issues by where they are at the end of the run, each list in dispatch order. */
export interface UnfinishedIssues {
  /** Queued (after the group's last-delivered-id), being worked, or pending under a live consumer. */
  readonly inFlight: readonly number[];
  /** Part of {@link inFlight}: pending under a live consumer, but nobody is working on them. */
  readonly idlePending: readonly number[];
  /** Pending only under consumer names no existing pod uses. */
  readonly stranded: readonly IssueReport[];
  /** Pending nowhere: nobody will ever work them again. */
  readonly lost: readonly IssueReport[];
}

/** Places every unmerged issue in exactly one of in flight, stranded or lost, with cause chains. */
export function classifyUnfinished(run: VariantRun, index: TraceIndex): UnfinishedIssues {
  const live = new Set(run.final.liveConsumers);
  const owners = new Map(run.final.pending.map((p) => [p.entryId, p.consumer]));
  const entriesOf = new Map<number, string[]>();
  for (const { entryId, issue } of run.final.entries) entriesOf.set(issue, [...(entriesOf.get(issue) ?? []), entryId]);
  const working = index.issuesBeingWorked();
  const end = clockTime(run.durationMs);

  const inFlight: number[] = [];
  const idlePending: number[] = [];
  const stranded: IssueReport[] = [];
  const lost: IssueReport[] = [];
  for (const issue of index.firstDispatch.keys()) {
    if (index.mergedAt.has(issue)) continue;
    const entries = entriesOf.get(issue) ?? [];
    const queued = entries.some((id) => compareIds(id, run.final.lastDeliveredId) > 0);
    const pending = entries.flatMap((id) => {
      const owner = owners.get(id);
      return owner === undefined ? [] : [{ id, owner }];
    });
    const first = pending[0];
    if (queued || working.has(issue)) inFlight.push(issue);
    else if (pending.some((p) => live.has(p.owner))) {
      inFlight.push(issue);
      idlePending.push(issue);
    } else if (first !== undefined) {
      const delivery = index.lastDelivery.get(first.id);
      const story = delivery ? deliveryStory(delivery, index) : `entry ${first.id} was pending under ${first.owner}`;
      stranded.push({
        issue,
        chain: `issue #${issue}: ${story}; entry ${first.id} is still pending under ${first.owner}, a name no pod uses, at the end (${end})`,
      });
    } else {
      lost.push({ issue, chain: `issue #${issue}: ${lostStory(issue, entries, index)}; nobody will work it again` });
    }
  }
  return { inFlight, idlePending, stranded, lost };
}

function deliveryStory(d: DeliveryEvent, index: TraceIndex): string {
  const stop = index.firstStop.get(d.incarnation);
  const delivered = describeDelivery(d);
  return stop ? `${delivered}; pod ${d.pod} ${STOPPED_WORDS[stop.reason]} at ${clockTime(stop.at)}` : delivered;
}

function lostStory(issue: number, entries: readonly string[], index: TraceIndex): string {
  const steps: [at: number, text: string][] = [];
  const delivered = entries.map((id) => index.lastDelivery.get(id)).filter((d): d is DeliveryEvent => d !== undefined);
  const last = delivered.sort((a, b) => a.at - b.at).pop();
  if (last) steps.push([last.at, describeDelivery(last)]);
  else steps.push([-1, 'never delivered']);
  const work = index.lastWorkEnd.get(issue);
  if (work?.outcome === 'lost') {
    const stop = index.firstStop.get(work.incarnation);
    const how = stop ? STOPPED_WORDS[stop.reason] : 'stopped';
    steps.push([work.at, `pod ${work.pod} ${how} at ${clockTime(work.at)}, losing its work`]);
  } else if (work) {
    steps.push([work.at, `its last work ended ${work.outcome} at ${clockTime(work.at)}`]);
  }
  const ack = entries.map((id) => index.acks.get(id)).find((a): a is AckEvent => a !== undefined);
  const destroyed = entries.flatMap((id) => {
    const deletion = index.destroyedBy.get(id);
    return deletion === undefined ? [] : [{ id, deletion }];
  })[0];
  if (ack) steps.push([ack.at, `entry ${ack.entryId} was acknowledged by ${ack.consumer} (pod ${ack.pod}) at ${clockTime(ack.at)} without a merge`]);
  else if (destroyed) steps.push([destroyed.deletion.at, describeDestruction(destroyed.id, destroyed.deletion)]);
  else steps.push([Infinity, 'its entry left the PEL without an XACK (its consumer was deleted, or the entry trimmed)']);
  // Stable sort: at equal times the delivery comes before what followed it.
  return steps.sort((a, b) => a[0] - b[0]).map(([, text]) => text).join('; ');
}
