import type { CommandObserver, Reply } from '../redis/index.js';
import { parseIssueEntry } from '../protocol/issue-message.js';
import { present } from '../errors.js';
import type { DeliveryVia, Trace } from './trace.js';

/** Who is behind one client connection. */
export interface TapOwner {
  readonly pod: string;
  /** The consumer name the pod uses (XACK names none, so acks are attributed to it). */
  readonly consumer: string;
  readonly incarnation: number;
}

/**
 * Watches one pod's Redis traffic and records deliveries and acks in the trace. It reads only
 * commands and replies, like a packet capture, so user consumer code needs no instrumentation.
 */
export function createTap(trace: Trace, owner: TapOwner, now: () => number, entryIssues: ReadonlyMap<string, number>): CommandObserver {
  const issueOf = (entryId: string, fields: readonly string[] | null | undefined): number | undefined => {
    if (fields) {
      const parsed = parseIssueEntry([entryId, fields]);
      if (parsed) return parsed.issue;
    }
    return entryIssues.get(entryId);
  };
  const delivered = (consumer: string, via: DeliveryVia, items: readonly Reply[]): void => {
    for (const item of items) {
      const [entryId, fields] = Array.isArray(item) ? (item as [string, string[] | null]) : [item as string, undefined];
      if (fields === null) continue; // a deleted entry still pending: nothing to work on
      const issue = issueOf(entryId, fields);
      if (issue === undefined) continue;
      const kind = via === 'xclaim' || via === 'xautoclaim' ? 'claim' : 'delivery';
      trace.record({ kind, at: now(), issue, entryId, consumer, pod: owner.pod, incarnation: owner.incarnation, via });
    }
  };

  return (argv, reply) => {
    if (reply === null) return; // a timed-out read (most replies of an idle fleet) delivers nothing
    const command = present(argv[0], 'an observed command has a name').toLowerCase();
    if (command === 'xreadgroup' && Array.isArray(reply)) {
      const consumer = consumerOf(argv);
      const streamsAt = argv.findIndex((a) => a.toLowerCase() === 'streams');
      const id = argv[argv.length - 1];
      if (streamsAt < 0) return;
      for (const streamReply of reply as [string, Reply[]][]) delivered(consumer, id === '>' ? '>' : 'history', streamReply[1]);
    } else if (command === 'xclaim' && Array.isArray(reply)) {
      delivered(consumerOf(argv), 'xclaim', reply);
    } else if (command === 'xautoclaim' && Array.isArray(reply)) {
      delivered(consumerOf(argv), 'xautoclaim', (reply[1] as Reply[]) ?? []);
    } else if (command === 'xack' && typeof reply === 'number') {
      const ids = argv.slice(3);
      for (const entryId of ids) {
        const issue = entryIssues.get(entryId);
        if (issue === undefined) continue;
        trace.record({
          kind: 'ack', at: now(), issue, entryId, consumer: owner.consumer, pod: owner.pod, incarnation: owner.incarnation,
          removed: ids.length === 1 ? reply : -1,
        });
      }
    }
  };
}

/**
 * The consumer an XREADGROUP, XCLAIM or XAUTOCLAIM names (its fourth word). Only called once the
 * server replied with data, which it does only after parsing every argument.
 */
function consumerOf(argv: readonly string[]): string {
  return present(argv[3], `${argv[0]} replied with data but names no consumer`);
}
