/**
 * Notices a run that cannot go on: a process awaiting something outside the simulation, a hold
 * never released, or (told by the cross-thread watchdog) a process that never yields.
 */
import { ForeignWaitError, ProcessStuckError, StalledHoldError } from './errors.js';
import { realTimers } from './node-clock.js';
import { describeOperation } from './operation.js';
import type { Process } from './process.js';
import { takeStuckVerdict } from './progress.js';
import type { RunLoop } from './run-loop.js';

/** How often (real ms) the watchdog looks again at a process waiting on something foreign. */
const STALL_POLL_MS = 2;

/** Watches one simulation's runs from real `setImmediate`s, outside the microtasks the run lives in. */
export class ProgressWatchdog {
  /** When (real ms) and at which event count a process was first seen waiting on something foreign. */
  private stall: { process: Process; since: number; events: number } | undefined;

  constructor(
    private readonly loop: RunLoop,
    private readonly foreignWaitMs: number,
  ) {}

  /** Watches the run of this generation until it ends. */
  watch(generation: number): void {
    const loop = this.loop;
    const check = (): void => {
      if (!loop.active || generation !== loop.runGeneration) return;
      const next = this.checkProgress();
      if (next === 'continue') realTimers.setImmediate(check);
      else if (next === 'stalled') realTimers.setTimeout(check, STALL_POLL_MS);
    };
    realTimers.setImmediate(check);
  }

  /** The process running right now without having yielded, if any (what a watchdog blames). */
  get busyProcess(): Process | null {
    const loop = this.loop;
    return loop.active !== undefined && !loop.yielded ? loop.current : null;
  }

  /** See `Simulation.interrupt`. */
  interrupt(elapsedMs: number): void {
    const loop = this.loop;
    if (loop.active === undefined) return;
    const process = this.busyProcess;
    if (process !== null) {
      process.state = 'failed';
      process.living = false;
      const error = new ProcessStuckError(process.name, elapsedMs, loop.clock, describeOperation(process.lastOperation), process.lastOperationAt);
      process.end({ state: 'failed', at: loop.clock, error });
      loop.fail(error);
      return;
    }
    loop.fail(new ProcessStuckError(null, elapsedMs, loop.clock, undefined, undefined));
  }

  /**
   * Runs only when the microtask queue is empty, i.e. nothing simulated can make progress. A
   * process still marked running at that point is either awaiting several simulated operations at
   * once (Promise.all/race: fine, treat it as suspended) or awaiting something foreign (an error).
   */
  private checkProgress(): 'continue' | 'stalled' | 'stop' {
    const loop = this.loop;
    // The watchdog stopped a process that never yielded: that, not a foreign wait, is the failure.
    if (takeStuckVerdict() || loop.active === undefined) return 'stop';
    if (loop.holds.size > 0) {
      loop.fail(new StalledHoldError([...loop.holds.values()]));
      return 'stop';
    }
    const process = loop.current;
    if (process !== null && !loop.yielded) {
      if (process.waits.length === 0 && process.sleeping === 0 && !loop.resumedByTimer) {
        const now = realTimers.now();
        const stall = this.stall;
        if (stall === undefined || stall.process !== process || stall.events !== loop.eventCount) {
          this.stall = { process, since: now, events: loop.eventCount };
          return 'stalled';
        }
        if (now - stall.since < this.foreignWaitMs) return 'stalled';
        this.stall = undefined;
        loop.fail(new ForeignWaitError(process.name));
        return 'stop';
      }
      process.state = 'waiting';
      loop.yielded = true;
    }
    this.stall = undefined;
    loop.kick();
    return 'continue';
  }
}
