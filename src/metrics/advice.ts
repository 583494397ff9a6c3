/**
 * What each kind of safety finding means and what to change, keyed by the mechanism the cause
 * chains name (never by a variant's name): the verdict after a run, and anything else that turns
 * findings into advice, reads it from here so a mechanism is always explained the same way.
 */
import type { DuplicateMechanism } from './types.js';

/** A kind of safety finding of one run: a duplicate-PR mechanism, or an unfinished-issue class. */
export type FindingKind = DuplicateMechanism | 'stranded' | 'lost' | 'idle-pending' | 'consumer-failed' | 'consumer-crashes';

/** How a finding reads, why it happens, and the one change that addresses it. */
export interface Advice {
  /** Short, to follow a count: `8 duplicate PRs via <how>`, `3 issues stranded: <how>`. */
  readonly how: string;
  /** The mechanism in a sentence, for a reader who does not know it. */
  readonly why: string;
  /** The change to make, as an imperative a reader can act on. */
  readonly fix: string;
}

/** Every finding kind with its wording and fix; a new mechanism without advice does not compile. */
export const ADVICE: Readonly<Record<FindingKind, Advice>> = {
  'history-read-shared-name': {
    how: 'history reads under a shared consumer name',
    why: 'a pod reading its history `0` gets every entry pending under its name, including those another pod with the same name is still working on',
    fix: 'give each replica its own consumer name, e.g. the pod name',
  },
  'claim-of-live-work': {
    how: 'claims of work still in progress',
    why: 'XCLAIM/XAUTOCLAIM took entries idle longer than the min-idle time while their consumer was still working on them',
    fix: 'claim only entries idle longer than the longest work, or reset their idle time while working (XCLAIM … JUSTID)',
  },
  'conductor-redispatch': {
    how: 'conductor re-dispatches after a missed heartbeat',
    why: 'the conductor added the issue again while the first work was still going',
    fix: 'make the heartbeat timeout longer than a reconnect, or skip an issue that already has an open PR',
  },
  'retry-after-crash': {
    how: 'retries after a pod stopped with its PR already open',
    why: 'the entry was redelivered and worked again although the first work had opened its PR before its pod stopped',
    fix: 'make the work idempotent: look for an open PR for the issue before opening another',
  },
  stranded: {
    how: 'pending only under consumer names no pod uses',
    why: 'a pod that went away under one name left its pending entries behind, and no pod reads or claims under that name',
    fix: 'claim the pending entries of departed consumers (XAUTOCLAIM), or keep consumer names stable across restarts',
  },
  lost: {
    how: 'pending nowhere and never merged',
    why: 'the entry left the PEL (acknowledged, or its consumer deleted) before the work was done',
    fix: 'XACK only after the work is merged, and never delete a consumer that still has pending entries',
  },
  'consumer-failed': {
    how: 'the consumer did not work',
    why: 'a consumer that crashes on every start, or merges nothing while issues wait, has no duplicates or stranded issues because it does nothing',
    fix: 'fix the error the crash lines below name, then run again',
  },
  'consumer-crashes': {
    how: 'crashes of the consumer code',
    why: 'the consumer threw; its container restarted and the work in progress was lost',
    fix: 'handle the error the crash lines below name, or let it fail loudly before the read',
  },
  'idle-pending': {
    how: 'pending under a live consumer that is not working on them',
    why: 'nothing reads the consumer’s history or claims its entries again, so they wait indefinitely',
    fix: 'read history `0` or XAUTOCLAIM periodically, not only at start',
  },
};
