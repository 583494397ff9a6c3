import { AsyncLocalStorage } from 'node:async_hooks';
import type { Process, Rng, Simulation } from '../engine/index.js';
import type { ConsumerContext, ConsumerLoop } from '../consumers/context.js';
import type { RealConnectionOptions, SimRedisClient, SimRedisServer } from '../redis/index.js';
import type { DeploymentSpec, FaultsSpec } from '../scenario/types.js';
import { createAgent, type AgentWorld } from './agent.js';
import { consumerIdFor, podName, randomSuffix, workloadFor, type PodIdentity, type Workload } from './naming.js';
import { ConsumerFault, type ConsumerWatch } from './consumer-watch.js';
import { createTap } from './tap.js';
import { describeThrown } from './thrown.js';
import type { PodStartEvent, PodStopEvent, Trace } from './trace.js';

/** Why a container crashed: what consumer code threw, or a fault the scenario injects. */
export interface CrashCause {
  readonly origin: NonNullable<PodStopEvent['origin']>;
  readonly error: string;
}

/** One container run of a pod. */
export interface Incarnation {
  readonly id: number;
  readonly client: SimRedisClient;
  readonly process: Process;
  readonly activeWorks: Map<number, number>;
  readonly startedAt: number;
  terminating: boolean;
}

/** A pod: a name, a consumer id, and its current container. */
export interface Pod {
  /** Unique per pod object; a replacement pod (even with the same name) gets a new one. */
  readonly uid: number;
  readonly identity: PodIdentity;
  readonly consumerId: string;
  readonly generation: number;
  phase: 'starting' | 'running' | 'backoff' | 'terminating' | 'gone';
  current: Incarnation | undefined;
  /** Consecutive crashes, for CrashLoopBackOff. */
  crashes: number;
  /** Consecutive crashes with no virtual time between start and crash and no back-off: see {@link INSTANT_CRASH_LIMIT}. */
  instantCrashes: number;
  readyAt: number;
}

/** What the cluster needs from the rest of the world. */
export interface ClusterDeps {
  readonly sim: Simulation;
  readonly server: SimRedisServer;
  readonly trace: Trace;
  readonly rng: (purpose: string) => Rng;
  readonly deployment: DeploymentSpec;
  readonly faults: FaultsSpec;
  readonly loop: ConsumerLoop;
  readonly stream: string;
  readonly group: string;
  readonly blockMs: number;
  readonly agents: AgentWorld;
  readonly entryIssues: ReadonlyMap<string, number>;
  /** Sees every consumer command and sleep, to stop a run that consumer code is taking down. */
  readonly watch?: ConsumerWatch;
  /**
   * The consumer may build its own clients from `ctx.url` (a user module): label the connections
   * each container opens so they are traced, dropped and killed with it. Off for the built-in
   * consumers, which use the direct client (the labelling costs an async context per container).
   */
  readonly realClients?: boolean;
}

/**
 * Crashes in a row, each at the instant its container started, after which a pod with no
 * CrashLoopBackOff (`crashLoopBackoff.initial` 0, the default) is no longer restarted.
 */
export const INSTANT_CRASH_LIMIT = 100;

/** A container that ran this long before crashing resets its CrashLoopBackOff (as the kubelet does). */
const BACKOFF_RESET_MS = 10 * 60_000;

/**
 * The Kubernetes side: a Deployment (or StatefulSet) of pods, each running the consumer loop in a
 * container process; container restarts, pod replacement, termination with a grace period.
 */
export class Cluster {
  readonly workload: Workload;
  private readonly pods: Pod[] = [];
  private readonly names: Rng;
  private generation = 0;
  private hash: string;
  private nextIncarnation = 1;
  private nextPodUid = 1;
  /** Which container's code is running, followed through its async calls (real clients only). */
  private readonly containerOf = new AsyncLocalStorage<string>();
  private readonly containers = new Map<string, RealConnectionOptions>();

  constructor(private readonly deps: ClusterDeps) {
    this.workload = workloadFor(deps.deployment.consumerId);
    this.names = deps.rng('pod-names');
    this.hash = this.newHash();
  }

  /**
   * Options for a real client's connection opened now: labelled with the container whose code
   * opened it and traced like its direct client. Undefined outside any container.
   */
  realConnectionOptions(): RealConnectionOptions | undefined {
    const tag = this.containerOf.getStore();
    return tag === undefined ? undefined : this.containers.get(tag);
  }

  /** Pods that exist (not gone), ordered by slot. */
  get livePods(): Pod[] {
    return this.pods.filter((p) => p.phase !== 'gone').sort((a, b) => a.identity.ordinal - b.identity.ordinal);
  }

  /** Pods whose container runs now. */
  get runningPods(): Pod[] {
    return this.livePods.filter((p) => p.phase === 'running' || p.phase === 'terminating');
  }

  /** Consumer names used by pods that still exist (a pod in back-off will use its name again). */
  liveConsumerIds(): Set<string> {
    return new Set(this.livePods.map((p) => p.consumerId));
  }

  /** Issues being worked right now, one entry per piece of work. */
  worksInProgress(): number {
    return this.pods.reduce((n, p) => n + (p.current?.activeWorks.size ?? 0), 0);
  }

  /** Creates the initial replicas. */
  start(): void {
    for (let slot = 0; slot < this.deps.deployment.replicas; slot++) this.createPod(slot, 'initial', 0);
  }

  /** Starts a new ReplicaSet generation (a rollout changes the pod-template hash). */
  nextGeneration(): void {
    this.generation++;
    this.hash = this.newHash();
  }

  get currentGeneration(): number {
    return this.generation;
  }

  /** Creates a pod in `slot`; its container starts after `delay`. */
  createPod(slot: number, reason: PodStartEvent['reason'], delay: number): Pod {
    const suffix = randomSuffix(this.names, 5);
    const name = podName(this.workload, this.deps.deployment.name, slot, this.hash, suffix);
    const identity: PodIdentity = { deployment: this.deps.deployment.name, ordinal: slot, hash: this.hash, suffix, podName: name };
    const pod: Pod = {
      uid: this.nextPodUid++,
      identity,
      consumerId: consumerIdFor(this.deps.deployment.consumerId, identity),
      generation: this.generation,
      phase: 'starting',
      current: undefined,
      crashes: 0,
      instantCrashes: 0,
      readyAt: Infinity,
    };
    this.pods.push(pod);
    this.deps.sim.schedule(delay, () => this.startContainer(pod, reason));
    return pod;
  }

  /**
   * Crashes the container; the kubelet restarts it in the same pod after CrashLoopBackOff.
   * `cause` says why: the consumer code threw (`error` is what, see `describeThrown`) or a fault
   * the scenario injects.
   */
  crash(pod: Pod, cause: CrashCause): void {
    const inc = pod.current;
    if (!inc || pod.phase !== 'running') return;
    const ranFor = this.deps.sim.now - inc.startedAt;
    this.stopIncarnation(pod, 'crash', cause);
    pod.crashes = ranFor >= BACKOFF_RESET_MS ? 1 : pod.crashes + 1;
    pod.phase = 'backoff';
    const { initialMs, maxMs } = this.deps.faults.crashLoopBackoff;
    // The exponent is capped: 2 ** 1024 is Infinity, and 0 × Infinity (no back-off) is NaN.
    const delay = initialMs === 0 ? 0 : Math.min(maxMs, initialMs * 2 ** Math.min(pod.crashes - 1, 40));
    pod.instantCrashes = ranFor === 0 && delay === 0 ? pod.instantCrashes + 1 : 0;
    // Without back-off, a container that crashes as it starts would restart forever at one
    // instant and virtual time would never advance; the pod stays down instead (the run's crash
    // accounting then reports that every start crashed).
    if (pod.instantCrashes >= INSTANT_CRASH_LIMIT) return;
    this.deps.sim.schedule(delay, () => {
      if (pod.phase === 'backoff') this.startContainer(pod, 'restart');
    });
  }

  /** Deletes the pod at once (eviction, node loss); the controller creates a new one. */
  replace(pod: Pod): void {
    if (pod.phase === 'gone' || pod.phase === 'terminating') return;
    this.stopIncarnation(pod, 'replacement');
    pod.phase = 'gone';
    this.createPod(pod.identity.ordinal, 'replacement', this.deps.deployment.podStartMs);
  }

  /**
   * SIGTERM: the consumer sees `terminating` and may finish; SIGKILL after the grace period.
   * `onGone` runs when the pod is gone either way.
   */
  terminate(pod: Pod, reason: 'sigterm' | 'scale-down', onGone?: () => void): void {
    if (pod.phase === 'gone' || pod.phase === 'terminating') return;
    const inc = pod.current;
    if (!inc || pod.phase !== 'running') {
      pod.phase = 'gone';
      onGone?.();
      return;
    }
    pod.phase = 'terminating';
    inc.terminating = true;
    this.recordStop(pod, inc, reason);
    this.deps.sim.schedule(this.deps.deployment.rollout.terminationGraceMs, () => {
      if (pod.phase === 'terminating' && pod.current === inc) this.stopIncarnation(pod, 'sigkill');
      if (pod.phase !== 'gone') {
        pod.phase = 'gone';
        onGone?.();
      }
    });
  }

  /** Drops the pod's Redis connection; the client reconnects after the configured delay. */
  dropConnection(pod: Pod): void {
    const inc = pod.current;
    if (!inc || inc.client.status !== 'ready') return;
    const base = { pod: pod.identity.podName, consumer: pod.consumerId, incarnation: inc.id };
    inc.client.drop();
    if (this.deps.realClients) {
      // Inside the container's context, so the client's own reconnect is labelled as its again.
      const tag = containerTag(pod, inc.id);
      this.containerOf.run(tag, () => this.deps.server.dropRealConnections(tag, 'close'));
    }
    this.deps.trace.record({ kind: 'connection-drop', at: this.deps.sim.now, ...base });
    this.deps.sim.schedule(this.deps.faults.reconnectDelayMs, () => {
      if (pod.current !== inc || inc.client.status !== 'reconnecting') return;
      this.deps.trace.record({ kind: 'reconnect', at: this.deps.sim.now, ...base });
      inc.client.reconnect();
    });
  }

  private startContainer(pod: Pod, reason: PodStartEvent['reason']): void {
    if (pod.phase === 'gone' || pod.phase === 'terminating') return;
    const { sim, server, trace } = this.deps;
    const id = this.nextIncarnation++;
    const owner = { pod: pod.identity.podName, consumer: pod.consumerId, incarnation: id };
    const tap = createTap(trace, owner, () => sim.now, this.deps.entryIssues);
    const watch = this.deps.watch;
    const podName = pod.identity.podName;
    watch?.addPod(podName);
    const client = server.connect({ observe: watch ? (argv, reply) => (watch.command(podName, argv), tap(argv, reply)) : tap });
    const activeWorks = new Map<number, number>();
    let inc: Incarnation | undefined;
    const ctx = this.context(pod, client, activeWorks, () => inc?.terminating ?? false, id);
    const tag = containerTag(pod, id);
    if (this.deps.realClients) {
      this.containers.set(tag, { tag, observe: createTap(trace, owner, () => sim.now, this.deps.entryIssues) });
    }
    const process = sim.spawn(pod.identity.podName, async () => {
      try {
        await (this.deps.realClients ? this.containerOf.run(tag, () => this.deps.loop(ctx)) : this.deps.loop(ctx));
      } catch (error) {
        // The consumer is ending the whole run (process.exit, the heap ceiling): not a crash.
        if (error instanceof ConsumerFault) throw error;
        // A consumer that throws crashes its container, as an uncaught exception would.
        if (pod.current === inc) this.crash(pod, { origin: 'consumer', error: describeThrown(error) });
        return;
      }
      if (pod.current === inc && pod.phase === 'running') {
        // Returning is the module's mistake, not a crash to restart 2,000 times: the watch ends the run.
        watch?.loopReturned(podName);
        this.crash(pod, { origin: 'consumer', error: 'consumer loop returned' });
      }
      else if (pod.current === inc && pod.phase === 'terminating') this.exitedOnTerm(pod);
    });
    inc = { id, client, process, activeWorks, startedAt: sim.now, terminating: false };
    pod.current = inc;
    pod.phase = 'running';
    pod.readyAt = sim.now + this.deps.deployment.rollout.readinessMs;
    trace.record({ kind: 'pod-start', at: sim.now, pod: pod.identity.podName, consumer: pod.consumerId, incarnation: id, reason });
  }

  private exitedOnTerm(pod: Pod): void {
    const inc = pod.current;
    if (!inc) return;
    inc.client.disconnect();
    this.forgetRealConnections(pod, inc);
    pod.current = undefined;
  }

  private context(pod: Pod, client: SimRedisClient, activeWorks: Map<number, number>, terminating: () => boolean, incarnation: number): ConsumerContext {
    const { sim, stream, group, blockMs, agents, server } = this.deps;
    const podNameValue = pod.identity.podName;
    const env: Record<string, string> = { CONSUMER_ID: pod.consumerId, HOSTNAME: podNameValue, STREAM: stream, GROUP: group };
    // The address is made on first use: it routes net connections, which the direct client never needs.
    Object.defineProperty(env, 'REDIS_URL', { enumerable: true, get: () => server.url });
    return {
      redis: client,
      get url() {
        return server.url;
      },
      stream,
      group,
      consumerId: pod.consumerId,
      podName: podNameValue,
      blockMs,
      env,
      agent: createAgent(agents, { pod: podNameValue, podUid: pod.uid, consumer: pod.consumerId, incarnation, activeWorks }),
      sleep: (ms: number) => {
        this.deps.watch?.tick(podNameValue);
        return sim.sleep(Math.max(0, Math.round(ms)));
      },
      now: () => sim.now,
      log: () => undefined,
      get terminating() {
        return terminating();
      },
    };
  }

  /** Kills the running container: its work in progress is lost and its connection closes. */
  private stopIncarnation(pod: Pod, reason: PodStopEvent['reason'], cause?: CrashCause): void {
    const inc = pod.current;
    if (!inc) return;
    const { sim, trace, agents } = this.deps;
    inc.process.kill(reason);
    for (const [work, issue] of inc.activeWorks) {
      trace.record({ kind: 'work-end', at: sim.now, work, issue, pod: pod.identity.podName, incarnation: inc.id, outcome: 'lost' });
      agents.forge.abandon(work);
    }
    inc.activeWorks.clear();
    inc.client.disconnect();
    this.forgetRealConnections(pod, inc);
    pod.current = undefined;
    this.recordStop(pod, inc, reason, cause);
  }

  private recordStop(pod: Pod, inc: Incarnation, reason: PodStopEvent['reason'], cause?: CrashCause): void {
    this.deps.trace.record({
      kind: 'pod-stop', at: this.deps.sim.now, pod: pod.identity.podName, consumer: pod.consumerId, incarnation: inc.id, reason,
      ...(cause === undefined ? {} : { error: cause.error, origin: cause.origin }),
    });
  }

  /** The container is gone: its real clients go silent, as with a killed process. */
  private forgetRealConnections(pod: Pod, inc: Incarnation): void {
    if (!this.deps.realClients) return;
    const tag = containerTag(pod, inc.id);
    this.deps.server.dropRealConnections(tag, 'freeze');
    this.containers.delete(tag);
  }

  private newHash(): string {
    return randomSuffix(this.names, 6);
  }
}

/** The label of one container's real-client connections. */
function containerTag(pod: Pod, incarnation: number): string {
  return `${pod.identity.podName}#${incarnation}`;
}
