import type { PullRequestEvent } from '../world/trace.js';
import { clockTime } from './clock-format.js';
import type { TraceIndex } from './trace-index.js';
import type { DuplicateMechanism, DuplicateReport } from './types.js';
import { describeDelivery, VIA_WORDS } from './wording.js';

/**
 * Explains each duplicate PR from the trace: which delivery led to the first PR's work, which led
 * to the duplicate's, and what connects them. The mechanisms are told apart:
 * a history read under a shared name, a claim of live work, a conductor re-dispatch, or a retry
 * of work whose first PR was opened before its pod crashed.
 */
export function explainDuplicates(index: TraceIndex): DuplicateReport[] {
  const reports: DuplicateReport[] = [];
  for (const [issue, prs] of index.prsByIssue) {
    const [first, ...duplicates] = prs;
    if (first === undefined) continue;
    for (const pr of duplicates) reports.push(explain(index, issue, first, pr));
  }
  return reports.sort((a, b) => a.at - b.at || a.pr - b.pr);
}

function explain(index: TraceIndex, issue: number, first: PullRequestEvent, dup: PullRequestEvent): DuplicateReport {
  const works = [index.workStarts.get(first.work), index.workStarts.get(dup.work)];
  const report = (mechanism: DuplicateMechanism, chain: string): DuplicateReport => ({
    issue,
    pr: dup.pr,
    at: dup.at,
    mechanism,
    chain: `issue #${issue}: ${chain}; duplicate PR #${dup.pr} opened at ${clockTime(dup.at)} (first PR #${first.pr})`,
  });
  const pairs = works.flatMap((work) => {
    const delivery = work ? index.deliveryOf(work) : undefined;
    return work && delivery ? [{ work, delivery }] : [];
  });
  // The mechanism is whatever handed the issue out the second time, whichever PR came first.
  const [early, late] = pairs.sort((a, b) => a.delivery.at - b.delivery.at || a.work.work - b.work.work);
  if (early === undefined || late === undefined) return report('retry-after-crash', 'worked twice (a delivery was not observed)');
  const d1 = early.delivery;
  const d2 = late.delivery;
  const earlyStillWorking = index.workActiveAt(early.work.work, d2.at);

  const redispatch = index.dispatchByEntry.get(d2.entryId);
  if (d2.entryId !== d1.entryId && redispatch?.redispatch) {
    return report(
      'conductor-redispatch',
      `${describeDelivery(d1)}; the conductor re-dispatched it as ${d2.entryId} at ${clockTime(redispatch.at)} after a missed heartbeat; ${describeDelivery(d2)}`,
    );
  }
  if ((d2.via === 'xclaim' || d2.via === 'xautoclaim') && earlyStillWorking) {
    return report(
      'claim-of-live-work',
      `${describeDelivery(d1)}; pod ${d2.pod} claimed it as ${d2.consumer} ${VIA_WORDS[d2.via]} at ${clockTime(d2.at)} while pod ${d1.pod} was still working on it`,
    );
  }
  if (d2.via === 'history' && d2.incarnation !== d1.incarnation && earlyStillWorking) {
    const start = index.podStarts.get(d2.incarnation);
    const reconnect = (index.reconnects.get(d2.incarnation) ?? []).filter((t) => t <= d2.at).pop();
    const trigger =
      reconnect !== undefined && (!start || reconnect >= start.at)
        ? `reconnected at ${clockTime(reconnect)}`
        : `started at ${clockTime(start?.at ?? d2.at)}`;
    const shared = d2.consumer === d1.consumer ? ' (same consumer name)' : '';
    return report(
      'history-read-shared-name',
      `${describeDelivery(d1)}; pod ${d2.pod}${shared} ${trigger} and read history \`0\` at ${clockTime(d2.at)}`,
    );
  }
  const stopped = index.firstStop.get(d1.incarnation)?.at;
  const ended = index.workEnds.get(early.work.work);
  const how =
    stopped !== undefined && stopped <= d2.at
      ? `pod ${d1.pod} stopped at ${clockTime(stopped)} with its work unfinished`
      : ended
        ? `that work ended (${ended.outcome}) at ${clockTime(ended.at)}`
        : 'that work was still open';
  return report('retry-after-crash', `${describeDelivery(d1)}; ${how}; ${describeDelivery(d2)} and it was worked again`);
}
