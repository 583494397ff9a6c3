/**
 * Node's clock, made virtual for the length of a run: `setTimeout`, `setInterval`, `setImmediate`
 * (and their `clear*`), `Date`, `performance.now` and `Math.random` as user and library code see
 * them. Timers become engine waits of the process that set them, so a library that polls with
 * `setTimeout` or backs off before a retry runs in virtual time, in a fixed order.
 *
 * `process.nextTick` and `queueMicrotask` stay real: they carry no time, and the engine's own
 * ordering rests on them. The engine keeps real references to the timers it uses itself
 * ({@link realTimers}), taken when this module loads.
 */
import { withGlobal } from '@sinonjs/fake-timers';

type InstalledClock = ReturnType<ReturnType<typeof withGlobal>['install']>;
import type { Rng } from './rng.js';
import type { Wait } from './wait.js';

/** The real timer functions, captured before any run replaces the globals. */
export const realTimers = {
  setImmediate: globalThis.setImmediate,
  clearImmediate: globalThis.clearImmediate,
  setTimeout: globalThis.setTimeout,
  clearTimeout: globalThis.clearTimeout,
  /** Real monotonic milliseconds (performance.now before any run fakes it). */
  now: performance.now.bind(performance),
} as const;

/** What the virtual clock needs from its simulation. */
export interface NodeClockHost {
  readonly now: number;
  /** A wait owned by the calling process that does not end its turn (see `Simulation`). */
  createTimerWait(onCancel: () => void): Wait<void>;
  /** Withdraws a pending wait from its owner; its promise never settles. */
  withdraw(wait: Wait<unknown>): void;
  /** A timer callback threw: the run fails with this error. */
  timerFailed(error: unknown): void;
}

/** Node clamps delays outside 1..2^31-1 to 1 ms. */
const TIMEOUT_MAX = 2 ** 31 - 1;

function delayOf(ms: unknown): number {
  const n = Number(ms);
  if (!(n >= 1 && n <= TIMEOUT_MAX)) return 1;
  // Virtual time is whole milliseconds; never fire early.
  return Math.ceil(n);
}

type TimerCallback = (...args: unknown[]) => void;

/**
 * A virtual timer's handle, shaped like Node's `Timeout` (ref/unref/refresh/hasRef, and a
 * primitive id) so libraries that call those methods keep working.
 */
export class VirtualTimer {
  /** @internal */ wait: Wait<void> | undefined;
  private refed = true;

  /** @internal */
  constructor(
    private readonly clock: VirtualNodeClock,
    readonly id: number,
    private readonly callback: TimerCallback,
    private readonly args: readonly unknown[],
    /** Delay in ms; 0 for setImmediate. */
    private readonly delay: number,
    private readonly repeat: boolean,
  ) {
    this.arm();
  }

  ref(): this {
    this.refed = true;
    return this;
  }
  unref(): this {
    this.refed = false;
    return this;
  }
  hasRef(): boolean {
    return this.refed;
  }
  /** Restarts the timer from now with its original delay. */
  refresh(): this {
    if (this.wait !== undefined) {
      this.clock.host.withdraw(this.wait as Wait<unknown>);
      this.arm();
    }
    return this;
  }
  close(): this {
    this.clear();
    return this;
  }
  [Symbol.toPrimitive](): number {
    return this.id;
  }

  /** @internal */
  clear(): void {
    const wait = this.wait;
    this.wait = undefined;
    this.clock.forget(this);
    if (wait !== undefined) this.clock.host.withdraw(wait as Wait<unknown>);
  }

  private arm(): void {
    const host = this.clock.host;
    const wait = host.createTimerWait(() => undefined);
    this.wait = wait;
    wait.resolve(undefined, host.now + this.delay);
    void wait.promise.then(this.fire);
  }

  private readonly fire = (): void => {
    this.wait = undefined;
    if (this.repeat) this.arm();
    else this.clock.forget(this);
    try {
      this.callback(...this.args);
    } catch (error) {
      this.clock.host.timerFailed(error);
    }
  };
}

/** Installs and removes the virtual globals; one per simulation, installed only during `run`. */
export class VirtualNodeClock {
  private nextId = 1;
  private readonly live = new Map<number, VirtualTimer>();
  private installed: { fake: InstalledClock; saved: Record<string, unknown>; random: () => number } | undefined;

  constructor(
    /** @internal */ readonly host: NodeClockHost,
    /** Wall-clock time (epoch ms) that virtual time 0 stands for. */
    private readonly epoch: number,
    private readonly random: Rng,
  ) {}

  /** @internal */
  forget(timer: VirtualTimer): void {
    this.live.delete(timer.id);
  }

  /** Replaces the globals; no-op when another simulation's clock is installed already. */
  install(): void {
    if (this.installed || activeClock !== undefined) return;
    activeClock = this;
    const g = globalThis as unknown as Record<string, unknown>;
    const saved: Record<string, unknown> = {};
    for (const name of TIMER_GLOBALS) saved[name] = g[name];
    const fake = withGlobal(globalThis).install({ now: this.epoch, toFake: ['Date', 'performance'] });
    // fake-timers reads `clock.now` at every Date/performance call: make it follow the engine.
    const host = this.host;
    const epoch = this.epoch;
    Object.defineProperty(fake, 'now', { configurable: true, get: () => epoch + host.now, set: () => undefined });
    g.setTimeout = (fn: TimerCallback, ms?: unknown, ...args: unknown[]) => this.add(fn, args, delayOf(ms), false);
    g.setInterval = (fn: TimerCallback, ms?: unknown, ...args: unknown[]) => this.add(fn, args, delayOf(ms), true);
    g.setImmediate = (fn: TimerCallback, ...args: unknown[]) => this.add(fn, args, 0, false);
    g.clearTimeout = g.clearInterval = g.clearImmediate = (handle: unknown) => this.clear(handle);
    const random = Math.random;
    Math.random = this.random;
    this.installed = { fake, saved, random };
  }

  /** Puts the real globals back. Pending virtual timers stay pending for the next run. */
  uninstall(): void {
    const installed = this.installed;
    if (!installed) return;
    this.installed = undefined;
    activeClock = undefined;
    const g = globalThis as unknown as Record<string, unknown>;
    for (const name of TIMER_GLOBALS) g[name] = installed.saved[name];
    installed.fake.uninstall();
    Math.random = installed.random;
  }

  private add(fn: TimerCallback, args: unknown[], delay: number, repeat: boolean): VirtualTimer {
    if (typeof fn !== 'function') {
      throw new TypeError('The "callback" argument must be of type function');
    }
    const timer = new VirtualTimer(this, this.nextId++, fn, args, delay, repeat);
    this.live.set(timer.id, timer);
    return timer;
  }

  private clear(handle: unknown): void {
    if (handle instanceof VirtualTimer) handle.clear();
    else if (typeof handle === 'number' || typeof handle === 'string') this.live.get(Number(handle))?.clear();
    else if (typeof handle === 'object' && handle !== null) {
      // A real timer or immediate set before the run: clear it for real, with the matching function
      // (Node's clearImmediate on a Timeout would corrupt its immediate count).
      if ('_onImmediate' in handle) realTimers.clearImmediate(handle as NodeJS.Immediate);
      else realTimers.clearTimeout(handle as NodeJS.Timeout);
    }
  }
}

const TIMER_GLOBALS = ['setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'clearImmediate'];

/** Globals are process-wide: one simulation's clock at a time (runs of others keep real timers). */
let activeClock: VirtualNodeClock | undefined;
