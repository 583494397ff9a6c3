import type { Process } from './process.js';
import type { OperationLabel } from './operation.js';

/** What a wait needs from its simulation; narrow on purpose. */
export interface WaitHost {
  readonly now: number;
  /** Resumes the owner at `time` with the settled value (one resumption per engine event). */
  scheduleSettle(wait: Wait<unknown>, time: number): void;
  /** True when no event is queued at the current instant: one scheduled now would run next. */
  nothingElseNow(): boolean;
}

type WaitState = 'pending' | 'settling' | 'settled' | 'cancelled';

/**
 * One simulated operation a process is suspended on: a sleep, a Redis reply, a blocked read.
 *
 * Whoever completes the operation calls `resolve`/`reject` (now or at a later virtual time). The
 * owner does not resume inside that call: the engine resumes it as its own event, so exactly one
 * process runs at a time and equal-time wake-ups keep a fixed order.
 */
export class Wait<T> {
  /** The promise the process awaits. Never settles if the wait is cancelled (the process was killed). */
  readonly promise: Promise<T>;
  /** @internal */ settleValue!: (value: T) => void;
  /** @internal */ settleError!: (error: unknown) => void;
  /** @internal The settled value or error, kept until the settle event delivers it. */ value: unknown;
  /** @internal */ failed = false;
  /** @internal The wait is its own queue item while its settle event is scheduled. */ cancelled = false;
  /** @internal Index in the owner's `waits` array, for O(1) removal. */ slot = -1;
  /** @internal A virtual timer: firing it may resume its owner with nothing simulated to do. */ timer = false;
  /** @internal See {@link Wait.renewWith}. */ renewal: ((wait: Wait<T>, value: unknown, failed: boolean) => boolean) | undefined;
  private state: WaitState = 'pending';

  constructor(
    private readonly host: WaitHost,
    /** The process suspended on this wait, or null for code outside any process. */
    readonly owner: Process | null,
    private onCancel?: () => void,
  ) {
    this.promise = new Promise<T>((resolve, reject) => {
      this.settleValue = resolve;
      this.settleError = reject;
    });
  }

  /** True while nobody has resolved, rejected or cancelled it. */
  get pending(): boolean {
    return this.state === 'pending';
  }

  /** Completes the operation with `value` at virtual time `at` (default: now). */
  resolve(value: T, at: number = this.host.now): void {
    if (this.state !== 'pending') return;
    this.state = 'settling';
    this.value = value;
    this.host.scheduleSettle(this as Wait<unknown>, at);
  }

  /** Fails the operation with `error` at virtual time `at` (default: now). */
  reject(error: unknown, at: number = this.host.now): void {
    if (this.state !== 'pending') return;
    this.state = 'settling';
    this.value = error;
    this.failed = true;
    this.host.scheduleSettle(this as Wait<unknown>, at);
  }

  /** Replaces the cancel hook, for an operation handed from one party to another (a resent command). */
  onCancelled(hook: () => void): void {
    this.onCancel = hook;
  }

  /**
   * Lets the issuer of the operation take its outcome back before the owner sees it. When the
   * settle event fires (the owner alive), `renew(wait, value, failed)` runs first, in that very
   * event: returning true means the issuer called {@link Wait.reopen} and started the operation
   * again, and the owner stays suspended, exactly as if it had resumed, looked at the outcome and
   * at once issued the same operation again, but with no resumption, no promise and no new wait.
   * Returning false delivers the outcome as usual. For a poll that times out and is re-sent
   * unchanged (a blocked read): the cycle costs an event, not a process turn.
   */
  renewWith(renew: (wait: Wait<T>, value: unknown, failed: boolean) => boolean): void {
    this.renewal = renew;
  }

  /**
   * {@link Wait.resolve} now, by an issuer whose outcome its renewal usually takes back (see
   * {@link Wait.renewWith}). When nothing else is queued at this instant, the settle event would be
   * the very next event, so the renewal runs at once, in the caller's event, instead of in that one:
   * everything happens in the same order, with one event fewer. Otherwise, or when the renewal
   * declines, the outcome is delivered through the settle event as usual.
   */
  resolveRenewing(value: T): void {
    const renew = this.renewal;
    if (this.state !== 'pending') return;
    if (renew === undefined || (this.owner !== null && !this.owner.alive) || !this.host.nothingElseNow()) {
      this.resolve(value);
      return;
    }
    this.state = 'settling';
    this.value = value;
    if (renew(this, value, false)) return;
    // Declined: the settle event delivers the outcome; asking the renewal again would change nothing.
    this.renewal = undefined;
    this.host.scheduleSettle(this as Wait<unknown>, this.host.now);
  }

  /**
   * From a renewal (see {@link Wait.renewWith}): the outcome is dropped and the wait is pending
   * again, to be resolved, rejected or cancelled anew. `what` names the new operation for errors
   * about its owner, as `Simulation.createWait` does.
   */
  reopen(what?: OperationLabel): void {
    if (this.state !== 'settling') throw new Error('reopen() is for a renewal, while the outcome is being delivered');
    this.state = 'pending';
    this.value = undefined;
    this.failed = false;
    const owner = this.owner;
    if (owner !== null) {
      owner.lastOperation = what;
      owner.lastOperationAt = this.host.now;
    }
  }

  /** Withdraws the operation: its cancel hook runs and the promise never settles. */
  cancel(): void {
    if (this.state === 'settled' || this.state === 'cancelled') return;
    this.state = 'cancelled';
    this.cancelled = true;
    this.onCancel?.();
  }

  /** @internal Called by the engine when the settle event fires; false if it was cancelled meanwhile. */
  markSettled(): boolean {
    if (this.state !== 'settling') return false;
    this.state = 'settled';
    return true;
  }
}
