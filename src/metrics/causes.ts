import { clockTime } from '../world/clock-format.js';
import type { DeliveryEvent, DuplicateMechanism, PullRequestEvent } from '../world/trace.js';
import type { TraceIndex } from './trace-index.js';
import type { DuplicateReport } from './types.js';

const VIA_WORDS: Record<DeliveryEvent['via'], string> = {
  '>': 'via `>`',
  history: 'via a history read `0`',
  xclaim: 'via XCLAIM',
  xautoclaim: 'via XAUTOCLAIM',
};

function describeDelivery(d: DeliveryEvent): string {
  return `delivered to ${d.consumer} ${VIA_WORDS[d.via]} at ${clockTime(d.at)} (pod ${d.pod})`;
}

/**
 * Explains each duplicate PR from the trace: which delivery led to the first PR's work, which led
 * to the duplicate's, and what connects them. The mechanisms are told apart:
 * a history read under a shared name, a claim of live work, a conductor re-dispatch, or a retry
 * of work whose first PR was opened before its pod crashed.
 */
export function explainDuplicates(index: TraceIndex): DuplicateReport[] {
  const reports: DuplicateReport[] = [];
  for (const [issue, prs] of index.prsByIssue) {
    const first = prs[0];
    for (const pr of prs.slice(1)) reports.push(explain(index, issue, first, pr));
  }
  return reports.sort((a, b) => a.at - b.at || a.pr - b.pr);
}

function explain(index: TraceIndex, issue: number, first: PullRequestEvent, dup: PullRequestEvent): DuplicateReport {
  const firstWork = index.workStarts.get(first.work);
  const dupWork = index.workStarts.get(dup.work);
  const d1 = firstWork ? index.deliveryOf(firstWork) : undefined;
  const d2 = dupWork ? index.deliveryOf(dupWork) : undefined;
  const report = (mechanism: DuplicateMechanism, chain: string): DuplicateReport => ({
    issue, pr: dup.pr, at: dup.at, mechanism, chain: `issue #${issue}: ${chain}; duplicate PR #${dup.pr} opened at ${clockTime(dup.at)} (first PR #${first.pr})`,
  });
  if (!d1 || !d2) return report('retry-after-crash', 'worked twice (delivery not observed)');

  const redispatch = index.dispatchByEntry.get(d2.entryId);
  if (d2.entryId !== d1.entryId && redispatch?.redispatch) {
    return report(
      'conductor-redispatch',
      `${describeDelivery(d1)}; the conductor re-dispatched it as ${d2.entryId} at ${clockTime(redispatch.at)} after a missed heartbeat; ${describeDelivery(d2)}`,
    );
  }
  const firstStillWorking = firstWork !== undefined && index.workActiveAt(firstWork.work, d2.at);
  const firstPodAlive = (index.incarnationEnd.get(d1.incarnation) ?? Infinity) > d2.at;
  if (d2.via === 'xclaim' || d2.via === 'xautoclaim') {
    if (firstStillWorking) {
      return report(
        'claim-of-live-work',
        `${describeDelivery(d1)}; pod ${d2.pod} claimed it as ${d2.consumer} ${VIA_WORDS[d2.via]} at ${clockTime(d2.at)} while pod ${d1.pod} was still working on it`,
      );
    }
    return report('retry-after-crash', `${describeDelivery(d1)}; pod ${d1.pod} stopped after opening PR #${first.pr}; ${describeDelivery(d2)}`);
  }
  if (d2.via === 'history' && d2.incarnation !== d1.incarnation && (firstStillWorking || firstPodAlive)) {
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
  return report(
    'retry-after-crash',
    `${describeDelivery(d1)}; pod ${d1.pod} stopped after opening PR #${first.pr}; ${describeDelivery(d2)} and worked it again`,
  );
}
