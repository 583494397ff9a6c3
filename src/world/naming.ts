import type { Rng } from '../engine/index.js';
import type { ConsumerIdStrategy } from '../scenario/types.js';

/** Kubernetes generates name suffixes from consonants and digits that cannot spell words. */
const K8S_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** `n` random characters from Kubernetes' name alphabet. */
export function randomSuffix(rng: Rng, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += K8S_ALPHABET[Math.floor(rng() * K8S_ALPHABET.length)];
  return out;
}

/** Where a pod's name comes from: a Deployment's ReplicaSet or a StatefulSet ordinal. */
export type Workload = 'deployment' | 'statefulset';

/** The workload kind a consumer-id strategy implies: ordinal names need a StatefulSet. */
export function workloadFor(strategy: ConsumerIdStrategy): Workload {
  return strategy.strategy === 'statefulset' ? 'statefulset' : 'deployment';
}

/** Identity of one pod as the naming rules see it. */
export interface PodIdentity {
  readonly deployment: string;
  readonly ordinal: number;
  readonly hash: string;
  readonly suffix: string;
  readonly podName: string;
}

/** Deployment pods: `name-<replicaset hash>-<5 chars>`; StatefulSet pods: `name-<ordinal>`. */
export function podName(workload: Workload, deployment: string, ordinal: number, hash: string, suffix: string): string {
  return workload === 'statefulset' ? `${deployment}-${ordinal}` : `${deployment}-${hash}-${suffix}`;
}

/** The consumer name a pod passes to XREADGROUP, per the configured strategy. */
export function consumerIdFor(strategy: ConsumerIdStrategy, pod: PodIdentity): string {
  switch (strategy.strategy) {
    case 'static':
      return strategy.name;
    case 'pod-name':
    case 'statefulset':
      return pod.podName;
    case 'template':
      return strategy.template
        .replaceAll('{deployment}', pod.deployment)
        .replaceAll('{ordinal}', String(pod.ordinal))
        .replaceAll('{pod}', pod.podName)
        .replaceAll('{hash}', pod.hash)
        .replaceAll('{suffix}', pod.suffix);
  }
}
