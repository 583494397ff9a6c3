/**
 * Cause chains for unfinished issues: which delivery handed the issue out last and what happened to
 * the pod and the entry afterwards. Classifies exactly as the metrics do (stranded: pending only
 * under names no pod uses; lost: pending nowhere), so the lists match `strandedIssues`/`lostIssues`.
 */
import { compareIds } from '../metrics/stats.js';
import { clockTime } from '../world/clock-format.js';
import type { VariantRun } from '../world/run-variant.js';
import type { AckEvent, DeliveryEvent, PodStopEvent, TraceEvent, WorkEndEvent } from '../world/trace.js';
import type { IssueReport } from './types.js';

const VIA: Record<DeliveryEvent['via'], string> = {
  '>': 'via `>`',
  history: 'via a history read `0`',
  xclaim: 'via XCLAIM',
  xautoclaim: 'via XAUTOCLAIM',
};

const STOPPED: Record<PodStopEvent['reason'], string> = {
  crash: 'crashed',
  replacement: 'was replaced (its successor has a new name)',
  sigterm: 'was terminated by a rollout',
  sigkill: 'was killed after its grace period',
  'scale-down': 'was removed by a scale-down',
  'end-of-run': 'was still running at the end',
};

/** Stranded and lost issues of a run, in dispatch order, each with its cause chain. */
export function explainUnfinished(run: VariantRun): { stranded: IssueReport[]; lost: IssueReport[] } {
  const facts = collect(run.events);
  const live = new Set(run.final.liveConsumers);
  const owners = new Map(run.final.pending.map((p) => [p.entryId, p.consumer]));
  const entriesOf = new Map<number, string[]>();
  for (const { entryId, issue } of run.final.entries) entriesOf.set(issue, [...(entriesOf.get(issue) ?? []), entryId]);
  const end = clockTime(run.durationMs);

  const stranded: IssueReport[] = [];
  const lost: IssueReport[] = [];
  for (const issue of facts.dispatched) {
    if (facts.merged.has(issue) || facts.working.has(issue)) continue;
    const entries = entriesOf.get(issue) ?? [];
    if (entries.some((id) => compareIds(id, run.final.lastDeliveredId) > 0)) continue;
    const pending = entries.filter((id) => owners.has(id));
    if (pending.some((id) => live.has(owners.get(id) as string))) continue;
    if (pending.length > 0) {
      const id = pending[0];
      const owner = owners.get(id) as string;
      const delivery = facts.lastDelivery.get(id);
      const story = delivery ? deliveryStory(delivery, facts) : `entry ${id} was pending under ${owner}`;
      stranded.push({
        issue,
        chain: `issue #${issue}: ${story}; entry ${id} is still pending under ${owner}, a name no pod uses, at the end (${end})`,
      });
    } else {
      lost.push({ issue, chain: `issue #${issue}: ${lostStory(issue, entries, facts)}; nobody will work it again` });
    }
  }
  return { stranded, lost };
}

interface Facts {
  readonly dispatched: number[];
  readonly merged: Set<number>;
  readonly working: Set<number>;
  readonly lastDelivery: Map<string, DeliveryEvent>;
  readonly firstStop: Map<number, PodStopEvent>;
  readonly acks: Map<string, AckEvent>;
  readonly lastWorkEnd: Map<number, WorkEndEvent>;
}

function collect(events: readonly TraceEvent[]): Facts {
  const dispatched: number[] = [];
  const seen = new Set<number>();
  const facts: Facts = {
    dispatched, merged: new Set(), working: new Set(), lastDelivery: new Map(), firstStop: new Map(), acks: new Map(), lastWorkEnd: new Map(),
  };
  const open = new Map<number, number>(); // work -> issue
  for (const e of events) {
    if (e.kind === 'dispatch' && !seen.has(e.issue)) {
      seen.add(e.issue);
      dispatched.push(e.issue);
    } else if (e.kind === 'merge' && !e.conflict) facts.merged.add(e.issue);
    else if (e.kind === 'delivery' || e.kind === 'claim') facts.lastDelivery.set(e.entryId, e);
    else if (e.kind === 'pod-stop' && !facts.firstStop.has(e.incarnation)) facts.firstStop.set(e.incarnation, e);
    else if (e.kind === 'ack' && e.removed > 0) facts.acks.set(e.entryId, e);
    else if (e.kind === 'work-start') open.set(e.work, e.issue);
    else if (e.kind === 'work-end') {
      open.delete(e.work);
      facts.lastWorkEnd.set(e.issue, e);
    }
  }
  for (const issue of open.values()) facts.working.add(issue);
  return facts;
}

function deliveryStory(d: DeliveryEvent, facts: Facts): string {
  const stop = facts.firstStop.get(d.incarnation);
  const delivered = `delivered to ${d.consumer} ${VIA[d.via]} at ${clockTime(d.at)} (pod ${d.pod})`;
  return stop ? `${delivered}; pod ${d.pod} ${STOPPED[stop.reason]} at ${clockTime(stop.at)}` : delivered;
}

function lostStory(issue: number, entries: readonly string[], facts: Facts): string {
  const steps: [at: number, text: string][] = [];
  const delivered = entries.map((id) => facts.lastDelivery.get(id)).filter((d): d is DeliveryEvent => d !== undefined);
  const last = delivered.sort((a, b) => a.at - b.at).pop();
  if (last) steps.push([last.at, `delivered to ${last.consumer} ${VIA[last.via]} at ${clockTime(last.at)} (pod ${last.pod})`]);
  else steps.push([-1, 'never delivered']);
  const work = facts.lastWorkEnd.get(issue);
  if (work?.outcome === 'lost') {
    const stop = facts.firstStop.get(work.incarnation);
    const how = stop ? STOPPED[stop.reason] : 'stopped';
    steps.push([work.at, `pod ${work.pod} ${how} at ${clockTime(work.at)}, losing its work`]);
  } else if (work) {
    steps.push([work.at, `its last work ended ${work.outcome} at ${clockTime(work.at)}`]);
  }
  const ack = entries.map((id) => facts.acks.get(id)).find((a): a is AckEvent => a !== undefined);
  if (ack) steps.push([ack.at, `entry ${ack.entryId} was acknowledged by ${ack.consumer} (pod ${ack.pod}) at ${clockTime(ack.at)} without a merge`]);
  else steps.push([Infinity, 'its entry left the PEL without an XACK (its consumer was deleted, or the entry trimmed)']);
  // Stable sort: at equal times the delivery comes before what followed it.
  return steps.sort((a, b) => a[0] - b[0]).map(([, text]) => text).join('; ');
}
