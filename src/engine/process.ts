import type { OperationLabel } from './operation.js';
import type { Wait } from './wait.js';

/** Lifecycle of a simulated process. */
export type ProcessState = 'scheduled' | 'running' | 'waiting' | 'finished' | 'killed' | 'failed';

/** How a process ended, as seen through `Process.done`. */
export type ProcessOutcome =
  | { readonly state: 'finished'; readonly at: number }
  | { readonly state: 'killed'; readonly at: number; readonly reason: string }
  | { readonly state: 'failed'; readonly at: number; readonly error: unknown };

/** Hooks the owning simulation provides; kept narrow so a process cannot reach the queue. */
export interface ProcessHost {
  readonly now: number;
  onKilled(process: Process): void;
}

/**
 * A simulated process: an ordinary async function whose awaits on simulated operations suspend it
 * in virtual time. Create with `Simulation.spawn`.
 */
export class Process {
  /** @internal */ state: ProcessState = 'scheduled';
  /** @internal Pending simulated operations other than sleeps; usually zero or one. */ readonly waits: Wait<unknown>[] = [];
  /** @internal Pending sleeps, which are not in `waits` (see `ProcessRunner.sleep`). */ sleeping = 0;
  /** @internal Waits of processes that joined this one. */ readonly joiners: Wait<ProcessOutcome>[] = [];
  /** How the process ended, once it has. */ outcome: ProcessOutcome | undefined;
  private resolveDone!: (outcome: ProcessOutcome) => void;
  /** Settles when the process finishes, fails or is killed. For code outside the simulation. */
  readonly done: Promise<ProcessOutcome>;

  constructor(
    /** Unique sequence number within its simulation. */
    readonly id: number,
    /** The name used in errors and traces. */
    readonly name: string,
    private readonly host: ProcessHost,
  ) {
    this.done = new Promise((resolve) => {
      this.resolveDone = resolve;
    });
  }

  /** @internal Backing field of `alive`, cleared when the process ends (read on every event). */
  living = true;

  /** @internal What the process last waited on (see `Simulation.createWait`), for errors about it. */
  lastOperation: OperationLabel | undefined;
  /** @internal Virtual time it started waiting on {@link lastOperation}. */
  lastOperationAt: number | undefined;

  /** True until the process finished, failed or was killed. */
  get alive(): boolean {
    return this.living;
  }

  /**
   * Kills the process at its current await, like SIGKILL: nothing after that await runs, its
   * pending operations are cancelled (their cancel hooks run, e.g. a blocked read is withdrawn).
   */
  kill(reason = 'killed'): void {
    if (!this.alive) return;
    this.state = 'killed';
    this.living = false;
    const waits = this.waits.splice(0);
    this.sleeping = 0;
    for (const wait of waits) wait.cancel();
    this.end({ state: 'killed', at: this.host.now, reason });
    this.host.onKilled(this);
  }

  /** @internal Records the outcome and wakes joiners. */
  end(outcome: ProcessOutcome): void {
    this.living = false;
    this.outcome = outcome;
    this.resolveDone(outcome);
    for (const joiner of this.joiners.splice(0)) joiner.resolve(outcome);
  }
}
