/**
 * Processes and their waits: starting process bodies, handing out the waits they suspend on, and
 * recording how they end. The turn itself (who runs, when the loop goes on) is the run loop's.
 */
import { ProcessFailedError } from './errors.js';
import type { OperationLabel } from './operation.js';
import { Process, type ProcessOutcome } from './process.js';
import type { RunLoop } from './run-loop.js';
import { ScheduledEvent, SleepWakeup } from './scheduled-event.js';
import type { ProcessBody } from './simulation-options.js';
import { Wait } from './wait.js';

const RESOLVED = Promise.resolve();

// One executor for every sleep's promise, handing its resolve function over through this slot.
let capturedResolve: () => void = () => undefined;
function captureResolve(resolve: () => void): void {
  capturedResolve = resolve;
}

interface ProcessStart {
  readonly process: Process;
  readonly body: ProcessBody;
}

/** Starts processes on a run loop and creates the waits they suspend on. */
export class ProcessRunner {
  private nextProcessId = 0;

  constructor(private readonly loop: RunLoop) {}

  /** See `Simulation.spawn`. */
  spawn(name: string, body: ProcessBody, delay: number): Process {
    const loop = this.loop;
    const process = new Process(this.nextProcessId++, name, loop);
    loop.queue.push(loop.clock + delay, 0, new ScheduledEvent(this.startProcess as (arg: never) => void, { process, body }));
    return process;
  }

  /** See `Simulation.createWait`. */
  createWait<T>(onCancel?: () => void, what?: OperationLabel): Wait<T> {
    const loop = this.loop;
    const owner = loop.current;
    const wait = this.attachWait<T>(owner, onCancel);
    if (owner !== null) {
      owner.lastOperation = what;
      owner.lastOperationAt = loop.clock;
    }
    if (owner !== null && !loop.yielded && !wait.cancelled) {
      owner.state = 'waiting';
      loop.yieldTurn();
    }
    return wait;
  }

  /** See `Simulation.createTimerWait`. */
  createTimerWait(onCancel?: () => void): Wait<void> {
    const wait = this.attachWait<void>(this.loop.current, onCancel);
    wait.timer = true;
    return wait;
  }

  /** A wait owned by `owner`, registered with it so that killing it cancels the wait. */
  attachWait<T>(owner: Process | null, onCancel?: () => void): Wait<T> {
    const wait = new Wait<T>(this.loop, owner, onCancel);
    if (owner === null) return wait;
    if (!owner.alive) {
      wait.cancel();
      return wait;
    }
    wait.slot = owner.waits.length;
    owner.waits.push(wait as Wait<unknown>);
    return wait;
  }

  /** See `Simulation.withdraw`. */
  withdraw(wait: Wait<unknown>): void {
    if (!wait.pending && wait.cancelled) return;
    const owner = wait.owner;
    wait.cancel();
    if (owner === null || wait.slot < 0) return;
    const waits = owner.waits;
    if (waits[wait.slot] !== wait) return;
    const last = waits.pop() as Wait<unknown>;
    if (last !== wait) {
      waits[wait.slot] = last;
      last.slot = wait.slot;
    }
    wait.slot = -1;
  }

  /**
   * See `Simulation.sleep` (the delay already checked). A living process's sleep is the cheapest
   * wait there is: a promise and a `SleepWakeup` holding its resolve function, counted on the
   * process rather than registered in its waits. It has no cancel hook and nobody else holds it,
   * so a kill need not reach it: the loop drops a killed process's sleeps as it drops cancelled
   * waits, as no event. The same order and events as a `Wait` resolved at `now + ms`, with less
   * kept alive per sleeping process (bench/engine.ts, 10^5 sleeping processes).
   */
  sleep(ms: number): Promise<void> {
    const loop = this.loop;
    const owner = loop.current;
    if (owner === null || !owner.living) {
      const wait = this.createWait<void>(undefined, ms);
      wait.resolve(undefined, loop.clock + ms);
      return wait.promise;
    }
    const promise = new Promise<void>(captureResolve);
    owner.sleeping++;
    owner.lastOperation = ms;
    owner.lastOperationAt = loop.clock;
    if (!loop.yielded) {
      owner.state = 'waiting';
      loop.yieldTurn();
    }
    loop.queue.push(loop.clock + ms, 0, new SleepWakeup(owner, capturedResolve));
    return promise;
  }

  /** See `Simulation.join`. */
  join(process: Process): Promise<ProcessOutcome> {
    const wait = this.createWait<ProcessOutcome>(undefined, process);
    const outcome = process.outcome;
    if (outcome) wait.resolve(outcome);
    else process.joiners.push(wait);
    return wait.promise;
  }

  private readonly startProcess = ({ process, body }: ProcessStart): void => {
    if (!process.alive) return;
    const loop = this.loop;
    loop.current = process;
    loop.yielded = false;
    loop.resumedByTimer = false;
    process.state = 'running';
    // The body starts in a microtask of its own, as every resumption does, not inside the loop: a
    // body that never yields then holds only itself, and when the watchdog stops it the engine's
    // loop (and whoever awaits run()) is not unwound with it.
    RESOLVED.then(() => body(process)).then(
      () => this.processFinished(process),
      (error: unknown) => this.processFailed(process, error),
    );
  };

  private processFinished(process: Process): void {
    if (!process.alive) return;
    process.state = 'finished';
    process.living = false;
    process.end({ state: 'finished', at: this.loop.clock });
    this.releaseIfCurrent(process);
  }

  private processFailed(process: Process, error: unknown): void {
    if (!process.alive) return;
    process.state = 'failed';
    process.living = false;
    process.end({ state: 'failed', at: this.loop.clock, error });
    this.releaseIfCurrent(process);
    this.loop.fail(new ProcessFailedError(process.name, error));
  }

  private releaseIfCurrent(process: Process): void {
    const loop = this.loop;
    if (process === loop.current && !loop.yielded) loop.yieldTurn();
  }
}
