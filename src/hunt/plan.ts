/**
 * Fault plans: what the hunter searches. A plan is an explicit list of faults (kind, minute, pod)
 * and, optionally, constant work durations per complexity class. The fast-check arbitrary shrinks
 * towards fewer faults, earlier minutes, lower pods, and the scenario's own work durations.
 */
import * as fc from 'fast-check';
import type { Complexity } from '../scenario/types.js';

/** The faults a plan can schedule (the scenario file's `faults.<kind>.at` lists). */
export type FaultKind = 'containerRestart' | 'podReplacement' | 'reconnect';

/** Every fault kind, in the order plans list them. */
export const FAULT_KINDS: readonly FaultKind[] = ['reconnect', 'containerRestart', 'podReplacement'];

/** One fault at a whole minute of virtual time, aimed at a pod (index among the running pods). */
export interface PlannedFault {
  readonly kind: FaultKind;
  readonly atMinute: number;
  readonly pod: number;
}

/** A fault schedule and, when set, constant work minutes per complexity class. */
export interface FaultPlan {
  readonly faults: readonly PlannedFault[];
  /** Constant implementation minutes per class; undefined keeps the scenario's distributions. */
  readonly workMinutes?: Readonly<Record<Complexity, number>>;
}

/** The plan with nothing in it: the scenario without faults. */
export const EMPTY_PLAN: FaultPlan = { faults: [] };

/** What the arbitrary may generate. */
export interface PlanBounds {
  readonly kinds: readonly FaultKind[];
  /** Faults fall in minutes [1, lastMinute]. */
  readonly lastMinute: number;
  /** Pods are 0 … pods - 1. */
  readonly pods: number;
  readonly maxFaults: number;
  /** Search constant work durations too. */
  readonly searchWork: boolean;
  /** Range of constant work minutes. */
  readonly workMinutes: readonly [min: number, max: number];
}

/** The fast-check arbitrary of plans within `bounds`. */
export function planArbitrary(bounds: PlanBounds): fc.Arbitrary<FaultPlan> {
  const fault = fc.record({
    kind: fc.constantFrom(...bounds.kinds),
    atMinute: fc.integer({ min: 1, max: Math.max(1, bounds.lastMinute) }),
    pod: fc.integer({ min: 0, max: Math.max(0, bounds.pods - 1) }),
  });
  const faults = bounds.kinds.length === 0 ? fc.constant([]) : fc.array(fault, { maxLength: bounds.maxFaults });
  if (!bounds.searchWork) return faults.map((list): FaultPlan => ({ faults: list }));
  const [min, max] = bounds.workMinutes;
  const minutes = fc.integer({ min, max });
  const work = fc.option(fc.record({ low: minutes, medium: minutes, high: minutes }), { nil: undefined });
  return fc.record({ faults, work }).map(({ faults: list, work: w }): FaultPlan => (w === undefined ? { faults: list } : { faults: list, workMinutes: w }));
}

/** The plan's faults in time order (then pod, then kind). */
export function sortedFaults(plan: FaultPlan): PlannedFault[] {
  return [...plan.faults].sort((a, b) => a.atMinute - b.atMinute || a.pod - b.pod || FAULT_KINDS.indexOf(a.kind) - FAULT_KINDS.indexOf(b.kind));
}

/** `95` → `1h35m`: a duration the scenario format reads back as the same minute. */
export function minuteDuration(minute: number): string {
  const h = Math.floor(minute / 60);
  const m = minute % 60;
  return h === 0 ? `${m}m` : m === 0 ? `${h}h` : `${h}h${m}m`;
}

const KIND_WORDS: Record<FaultKind, string> = {
  reconnect: 'reconnect',
  containerRestart: 'container restart',
  podReplacement: 'pod replacement',
};

/** One line per fault (`01:35  reconnect          pod 1`), then the work durations. */
export function formatPlan(plan: FaultPlan): string[] {
  const lines = sortedFaults(plan).map((f) => {
    const clock = `${String(Math.floor(f.atMinute / 60)).padStart(2, '0')}:${String(f.atMinute % 60).padStart(2, '0')}`;
    return `${clock}  ${KIND_WORDS[f.kind].padEnd(17)}  pod ${f.pod}`;
  });
  if (lines.length === 0) lines.push('no faults');
  const w = plan.workMinutes;
  lines.push(w ? `work minutes (constant): low ${w.low}, medium ${w.medium}, high ${w.high}` : "work minutes: the scenario's own distributions");
  return lines;
}
