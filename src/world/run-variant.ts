import { Simulation, sampler, type Distribution } from '../engine/index.js';
import { resolveConsumer } from '../consumers/registry.js';
import { createSimRedis } from '../redis/index.js';
import type { RedisVersion } from '../redis/model/index.js';
import type { Complexity, QualifiedVariant } from '../scenario/types.js';
import { consumerCleanup } from './cleanup.js';
import { Cluster } from './cluster.js';
import { ConsumerWatch } from './consumer-watch.js';
import { Conductor } from './conductor.js';
import { readFinalState, type FinalState } from './final-state.js';
import { Forge } from './forge.js';
import { rollingUpdate, scaleTo, scheduleFaults } from './operations.js';
import { handleTraceEvent, ignoreEvent, Trace, type TraceEvent, type TraceHandlers } from './trace.js';

/** How often the monitor samples Redis and the cluster for the time series. */
export const SAMPLE_EVERY_MS = 5 * 60_000;

/** Everything one variant's run produced; metrics and reports are computed from it. */
export interface VariantRun {
  readonly name: string;
  readonly seed: number;
  /** Whose semantics the simulated server followed. */
  readonly redisVersion: RedisVersion;
  /** Simulated length of the run in ms (shorter than the duration when the backlog emptied). */
  readonly durationMs: number;
  readonly events: readonly TraceEvent[];
  readonly final: FinalState;
  /** How messages name the consumer: its module (relative to the working directory) or built-in strategy. */
  readonly consumer?: string;
}

const MINUTE = 60_000;

/** Hooks of {@link runVariant}; they observe the run and never change it. */
export interface RunVariantOptions {
  /** Called with the virtual time at every monitor sample (every {@link SAMPLE_EVERY_MS}): for progress lines. */
  readonly onProgress?: (simulatedMs: number) => void;
}

/** Simulates one variant from its seed: deterministic, virtual time only. */
export async function runVariant(variant: QualifiedVariant, options: RunVariantOptions = {}): Promise<VariantRun> {
  const sim = new Simulation({ seed: variant.seed });
  const rng = (purpose: string) => sim.rng(purpose);
  const realClients = variant.consumer.strategy === 'module';
  let cluster: Cluster | undefined;
  const server = createSimRedis({
    simulation: sim,
    latencyMs: variant.redis.latencyMs,
    version: variant.redis.version,
    realConnections: () => cluster?.realConnectionOptions(),
  });
  const trace = new Trace();
  const loop = await resolveConsumer(variant.consumer);
  const watch = new ConsumerWatch(sim, variant.consumer);
  const minutes = (d: Distribution, purpose: string) => {
    const draw = sampler(d, rng(purpose));
    return () => Math.max(1, Math.round(draw() * MINUTE));
  };
  const forge = new Forge(sim, trace, minutes(variant.work.operatorCloseMinutes, 'operator'));
  const conductorClient = server.connect();
  const conductor = new Conductor(sim, conductorClient, variant.conductor, variant.stream, trace, rng, (issue) => forge.isMerged(issue));
  const entryIssues = new Map<string, number>();
  const reviewDuration = minutes(variant.work.reviewMinutes, 'review');
  let works = 0;
  cluster = new Cluster({
    sim, server, trace, rng, realClients,
    deployment: variant.deployment,
    faults: variant.faults,
    loop,
    watch,
    stream: variant.stream,
    group: variant.group,
    blockMs: variant.consumer.blockMs,
    entryIssues,
    agents: {
      sim, forge, trace,
      // Common random numbers: the n-th attempt at an issue takes the same time in every variant.
      workDuration: (issue, complexity, attempt) => {
        const d = variant.work.minutes[complexity as Complexity] ?? variant.work.minutes.medium;
        return Math.max(1, Math.round(sampler(d, rng(`work:${issue}:${attempt}`))() * MINUTE));
      },
      reviewDuration,
      heartbeat: (issue) => conductor.heartbeat(issue),
      heartbeatIntervalMs: variant.conductor.heartbeatIntervalMs,
      nextWorkId: () => ++works,
      attempts: new Map(),
    },
  });

  // Entry→issue from dispatches lets the tap name issues in JUSTID replies.
  const reactions: TraceHandlers = {
    dispatch: (e) => entryIssues.set(e.entryId, e.issue),
    merge: (e) => {
      if (!e.conflict && variant.untilBacklogEmpty) stopIfDone();
    },
    delivery: ignoreEvent, claim: ignoreEvent, ack: ignoreEvent, 'pod-start': ignoreEvent, 'pod-stop': ignoreEvent,
    'connection-drop': ignoreEvent, reconnect: ignoreEvent, 'work-start': ignoreEvent, 'work-end': ignoreEvent, branch: ignoreEvent,
    pr: ignoreEvent, review: ignoreEvent, close: ignoreEvent, requeue: ignoreEvent, rollout: ignoreEvent, scale: ignoreEvent,
    'consumer-delete': ignoreEvent,
    sample: options.onProgress === undefined ? ignoreEvent : (e) => options.onProgress?.(e.at),
  };
  trace.onRecord((event) => handleTraceEvent(event, reactions));
  const stopIfDone = () => {
    if (conductor.finishedArriving && conductor.issues.every((issue) => forge.isMerged(issue))) sim.stop();
  };

  sim.spawn('setup', async () => {
    await conductorClient.xgroup('CREATE', variant.stream, variant.group, '$', 'MKSTREAM');
    sim.spawn('conductor', conductor.run);
    sim.spawn('conductor-watchdog', conductor.watchdog);
    cluster.start();
    scheduleFaults(sim, cluster, variant.faults, rng);
    for (const at of variant.faults.rollingUpdates) {
      sim.spawn('rollout', async () => {
        await sim.sleep(Math.max(0, at - sim.now));
        await rollingUpdate(sim, cluster, variant.deployment, trace);
      });
    }
    for (const { atMs, replicas } of variant.faults.scale) {
      sim.scheduleAt(Math.max(atMs, sim.now), () => scaleTo(sim, cluster, replicas, variant.deployment, trace));
    }
    sim.spawn('monitor', monitor);
    if (variant.cleanup) sim.spawn('consumer-cleanup', consumerCleanup(sim, server.connect(), variant.cleanup, variant.stream, variant.group, trace));
  });

  const monitorClient = server.connect();
  const monitor = async (): Promise<void> => {
    for (;;) {
      const summary = (await monitorClient.xpending(variant.stream, variant.group)) as [number, ...unknown[]];
      const consumers = (await monitorClient.xinfo('CONSUMERS', variant.stream, variant.group)) as unknown[];
      let stranded = 0;
      if (summary[0] > 0) {
        const live = cluster.liveConsumerIds();
        const owners = summary[3] as [string, string][];
        for (const [name, count] of owners) if (!live.has(name)) stranded += Number(count);
      }
      trace.record({
        kind: 'sample', at: sim.now, pelLength: summary[0], consumers: consumers.length,
        livePods: cluster.runningPods.length, inFlight: cluster.worksInProgress(), stranded,
      });
      await sim.sleep(SAMPLE_EVERY_MS);
    }
  };

  const stopWatching = watch.start();
  let summary;
  try {
    summary = await sim.run({ until: variant.durationMs });
  } catch (error) {
    throw watch.explain(error);
  } finally {
    stopWatching();
  }
  // Consumer code may have stopped the run (process.exit, the heap ceiling) without it failing.
  if (watch.error !== undefined) throw watch.error;
  const final = await readFinalState(server.connect(), variant.stream, variant.group, cluster.liveConsumerIds());
  server.dispose();
  return {
    name: variant.name, seed: variant.seed, redisVersion: variant.redis.version, durationMs: summary.now, events: trace.events, final,
    consumer: watch.consumerLabel,
  };
}
