/**
 * Keeping user consumer code from taking the run down with it. Consumer code runs in pelsim's own
 * process, so it can end that process (`process.exit`), freeze virtual time (a loop on zero-time
 * commands), exhaust the heap, or await something that never settles. Each becomes one input error
 * naming the module and the pod, instead of a silent exit 0, a hang, V8's heap dump or a stack
 * trace of pelsim's internals. (Code that never yields at all is the real-time watchdog's.)
 */
import { getHeapStatistics } from 'node:v8';
import { relative } from 'node:path';
import { ConsumerModuleError } from '../consumers/registry.js';
import { ForeignWaitError, LivelockError, type Simulation } from '../engine/index.js';
import type { ConsumerSpec } from '../scenario/types.js';

/** Environment variable that sets the heap ceiling of a run, in MB. */
export const HEAP_LIMIT_ENV = 'PELSIM_HEAP_LIMIT_MB';

/** Share of V8's own heap limit a run may use by default: room left to fail cleanly. */
const DEFAULT_HEAP_SHARE = 0.75;

/** Consumer operations between two heap checks (a check costs about 5 µs: 0.5 s over the 27-million-operation stress run). */
const CHECK_EVERY = 256;

/** `file` relative to the working directory when it lies below it, else as it is. */
function shownPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel === '' || rel.startsWith('..') ? file : rel;
}

/** Virtual time as `[Nd ]HH:MM:SS` since the run started. */
function clockTime(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const days = Math.floor(seconds / 86_400);
  const hms = [Math.floor(seconds / 3600) % 24, Math.floor(seconds / 60) % 60, seconds % 60].map((n) => String(n).padStart(2, '0')).join(':');
  return days > 0 ? `${days}d ${hms}` : hms;
}

/** Thrown into consumer code when the run must end; never caught by pelsim as a container crash. */
export class ConsumerFault extends Error {
  override readonly name = 'ConsumerFault';
}

/** The heap ceiling in bytes: PELSIM_HEAP_LIMIT_MB, else 75 % of V8's limit. */
export function heapCeilingBytes(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[HEAP_LIMIT_ENV];
  const mb = raw === undefined ? Number.NaN : Number(raw);
  if (Number.isFinite(mb) && mb > 0) return mb * 1024 * 1024;
  return getHeapStatistics().heap_size_limit * DEFAULT_HEAP_SHARE;
}

/** One process-wide `process.exit` trap shared by every run in progress. */
const active = new Set<ConsumerWatch>();
let realExit: typeof process.exit | undefined;

/** Watches one variant's consumer code; see the module comment. */
export class ConsumerWatch {
  /** The first fault: the error the run ends with. */
  private fault: ConsumerModuleError | undefined;
  /** Each pod's last command as sent; formatted only for an error message (this runs on every command). */
  private readonly lastCommands = new Map<string, readonly string[]>();
  private readonly pods = new Set<string>();
  private operations = 0;
  private readonly module: string;
  /** The module as messages name it (relative to the working directory), or the built-in strategy. */
  readonly consumerLabel: string;
  private readonly ceiling = heapCeilingBytes();

  constructor(
    private readonly sim: Simulation,
    consumer: ConsumerSpec,
  ) {
    this.module = consumer.strategy === 'module' ? shownPath(consumer.module) : `the built-in consumer "${consumer.strategy}"`;
    this.consumerLabel = consumer.strategy === 'module' ? shownPath(consumer.module) : `built-in consumer "${consumer.strategy}"`;
  }

  /** Installs the `process.exit` trap for the duration of the run; returns the function that removes it. */
  start(): () => void {
    active.add(this);
    if (realExit === undefined) {
      realExit = process.exit;
      process.exit = ((code?: number | string | null) => {
        for (const watch of active) watch.exited(code);
        throw new ConsumerFault(`process.exit(${code ?? ''}) called by consumer code`);
      }) as typeof process.exit;
    }
    return () => {
      active.delete(this);
      if (active.size === 0 && realExit !== undefined) {
        process.exit = realExit;
        realExit = undefined;
      }
    };
  }

  /** A pod's consumer process starts under this name. */
  addPod(pod: string): void {
    this.pods.add(pod);
  }

  /** A pod's consumer sent a command and got its reply. */
  command(pod: string, argv: readonly string[]): void {
    this.lastCommands.set(pod, argv);
    this.tick(pod);
  }

  /** A pod's consumer did something (a command, a sleep): now and then, check the heap. */
  tick(pod: string): void {
    if (++this.operations % CHECK_EVERY !== 0) return;
    const used = getHeapStatistics().used_heap_size;
    if (used <= this.ceiling) return;
    const mb = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;
    this.trip(
      `pod ${pod} was running it when the heap grew to ${mb(used)}, past the run's ceiling of ${mb(this.ceiling)} ` +
        `(does it keep everything it reads?); ${HEAP_LIMIT_ENV} sets the ceiling`,
    );
  }

  /**
   * A pod's consumer loop returned while the pod was running (not terminating): the module's
   * function is not a loop. Ends the run with an input error naming the module and the pod.
   */
  loopReturned(pod: string): never {
    this.trip(
      `pod ${pod} returned from the consumer function at ${clockTime(this.sim.now)} while running; ` +
        'expected an async function that loops until ctx.terminating is true (return only then; throw to crash the container)',
    );
  }

  /** The error the run ended with, if consumer code ended it. */
  get error(): ConsumerModuleError | undefined {
    return this.fault;
  }

  /**
   * What a failed run should throw: the consumer's fault if there was one, the engine's error
   * about a consumer process turned into an input error naming the module and the pod, else `error`.
   */
  explain(error: unknown): unknown {
    if (this.fault !== undefined) return this.fault;
    if (error instanceof LivelockError && error.processName !== null && this.pods.has(error.processName)) {
      const last = this.lastCommands.get(error.processName)?.map((a) => (a.length > 40 ? `${a.slice(0, 37)}...` : a)).join(' ');
      return this.fail(
        `pod ${error.processName} kept running commands that take no virtual time without waiting ` +
          `(${error.events} events at ${clockTime(error.at)}; last command: ${last ?? 'none'}); ` +
          'a consumer loop must block (XREADGROUP ... BLOCK) or sleep between polls',
      );
    }
    if (error instanceof ForeignWaitError && this.pods.has(error.processName)) {
      return this.fail(
        `pod ${error.processName} awaits a promise that never settles (nothing in the simulation resolves it: ` +
          'a real timer, real I/O, or a promise nobody resolves); await only Redis commands, ctx.sleep() and ctx.agent',
      );
    }
    return error;
  }

  private exited(code: number | string | null | undefined): void {
    const pod = this.sim.currentProcess?.name;
    if (pod === undefined || !this.pods.has(pod)) return;
    this.trip(`pod ${pod} called process.exit(${code ?? ''}) at ${clockTime(this.sim.now)}; a consumer must return or throw, never end pelsim's process`);
  }

  private trip(reason: string): never {
    this.fail(reason);
    this.sim.stop();
    throw new ConsumerFault(reason);
  }

  private fail(reason: string): ConsumerModuleError {
    this.fault ??= new ConsumerModuleError(this.module, reason);
    return this.fault;
  }
}
