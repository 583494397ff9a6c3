import { sampler, type Simulation } from '../engine/index.js';
import type { FaultSchedule, FaultsSpec, DeploymentSpec } from '../scenario/types.js';
import type { Cluster, Pod } from './cluster.js';
import type { Trace } from './trace.js';
import type { Rng } from '../engine/index.js';

const DAY_MS = 86_400_000;

/** Waits until `predicate` holds, checking every `everyMs` of virtual time. */
async function until(sim: Simulation, predicate: () => boolean, everyMs = 1_000): Promise<void> {
  while (!predicate()) await sim.sleep(everyMs);
}

/**
 * A rolling update: a new ReplicaSet hash (new pod names for Deployments), old pods replaced
 * batch by batch with surge, readiness and termination grace. A StatefulSet replaces pods one at
 * a time from the highest ordinal, keeping their names.
 */
export async function rollingUpdate(sim: Simulation, cluster: Cluster, spec: DeploymentSpec, trace: Trace): Promise<void> {
  cluster.nextGeneration();
  const generation = cluster.currentGeneration;
  const old = cluster.livePods.filter((p) => p.generation < generation);
  trace.record({ kind: 'rollout', at: sim.now, replicas: old.length, detail: `generation ${generation}` });
  if (cluster.workload === 'statefulset') {
    for (const pod of old.sort((a, b) => b.identity.ordinal - a.identity.ordinal)) {
      let gone = false;
      cluster.terminate(pod, 'sigterm', () => (gone = true));
      await until(sim, () => gone);
      const fresh = cluster.createPod(pod.identity.ordinal, 'rollout', spec.podStartMs);
      await until(sim, () => fresh.phase === 'running' && sim.now >= fresh.readyAt);
    }
    return;
  }
  const { maxSurge, maxUnavailable } = spec.rollout;
  const remaining = [...old];
  while (remaining.length > 0) {
    const batch = remaining.splice(0, Math.max(1, maxSurge + maxUnavailable));
    // Without surge, old pods go first; with surge, new pods come up before old ones are told to stop.
    const preStopped = batch.slice(0, Math.max(0, batch.length - maxSurge));
    for (const pod of preStopped) cluster.terminate(pod, 'sigterm');
    const fresh = batch.map((pod) => cluster.createPod(pod.identity.ordinal, 'rollout', spec.podStartMs));
    await until(sim, () => fresh.every((p) => p.phase === 'running' && sim.now >= p.readyAt));
    for (const pod of batch.slice(preStopped.length)) cluster.terminate(pod, 'sigterm');
  }
}

/** Sets the replica count: new slots start pods; removed slots are terminated (highest first). */
export function scaleTo(sim: Simulation, cluster: Cluster, replicas: number, spec: DeploymentSpec, trace: Trace): void {
  const live = cluster.livePods.filter((p) => p.phase !== 'terminating');
  trace.record({ kind: 'scale', at: sim.now, replicas, detail: `${live.length} -> ${replicas}` });
  if (replicas > live.length) {
    const used = new Set(live.map((p) => p.identity.ordinal));
    let slot = 0;
    for (let added = live.length; added < replicas; added++) {
      while (used.has(slot)) slot++;
      used.add(slot);
      cluster.createPod(slot, 'scale', spec.podStartMs);
    }
  } else {
    const victims = live.sort((a, b) => b.identity.ordinal - a.identity.ordinal).slice(0, live.length - replicas);
    for (const pod of victims) cluster.terminate(pod, 'scale-down');
  }
}

/** Schedules every fault of the scenario: explicit times and per-pod Poisson rates. */
export function scheduleFaults(sim: Simulation, cluster: Cluster, faults: FaultsSpec, rng: (purpose: string) => Rng): void {
  const kinds: [keyof Pick<FaultsSpec, 'containerRestart' | 'podReplacement' | 'reconnect'>, (pod: Pod) => void][] = [
    ['containerRestart', (pod) => cluster.crash(pod, { origin: 'fault', error: 'injected container restart' })],
    ['podReplacement', (pod) => cluster.replace(pod)],
    ['reconnect', (pod) => cluster.dropConnection(pod)],
  ];
  for (const [name, apply] of kinds) {
    const schedule: FaultSchedule = faults[name];
    const pick = rng(`faults:${name}:explicit`);
    for (const { atMs, pod } of schedule.at) {
      sim.scheduleAt(Math.max(atMs, sim.now), () => {
        // `pod` is the replica ordinal (slot); without one, any running pod.
        const running = cluster.runningPods;
        const target = pod === undefined ? running[Math.floor(pick() * running.length)] : running.find((p) => p.identity.ordinal === pod);
        if (target) apply(target);
      });
    }
    if (schedule.perPodPerDay > 0) sim.spawn(`faults:${name}`, poissonFaults(sim, cluster, schedule.perPodPerDay, rng(`faults:${name}`), apply));
  }
}

/**
 * Faults at `perPodPerDay` for each running pod: the cluster-wide rate follows the number of
 * running pods, re-evaluated after each fault (thinning would be exact; this is close enough at
 * the rates engineers state and keeps one random stream per fault kind).
 */
function poissonFaults(sim: Simulation, cluster: Cluster, perPodPerDay: number, rng: Rng, apply: (pod: Pod) => void) {
  const unit = sampler({ kind: 'exponential', mean: 1 }, rng);
  return async (): Promise<void> => {
    for (;;) {
      const running = cluster.runningPods;
      const rate = (perPodPerDay * Math.max(1, running.length)) / DAY_MS;
      await sim.sleep(Math.max(1, Math.round(unit() / rate)));
      const now = cluster.runningPods;
      if (now.length > 0) apply(now[Math.floor(rng() * now.length)]!); // rng() < 1: an index below the length
    }
  };
}
