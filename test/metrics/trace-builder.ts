/** Small hand-written traces for the analysis tests: one pod, one issue, one minute at a time. */
import type { FinalState } from '../../src/world/final-state.js';
import type { VariantRun } from '../../src/world/run-variant.js';
import type { DeliveryVia, PodStopEvent, TraceEvent, WorkEndEvent } from '../../src/world/trace.js';

export const MIN = 60_000;

/** A pod incarnation as the trace names it. */
export interface Pod {
  readonly pod: string;
  readonly consumer: string;
  readonly incarnation: number;
}

/** Builds a trace in time order; times are in minutes. */
export class TraceBuilder {
  readonly events: TraceEvent[] = [];
  private nextWork = 1;

  dispatch(min: number, issue: number, entryId: string, redispatch = false): this {
    this.events.push({ kind: 'dispatch', at: min * MIN, issue, entryId, title: `issue ${issue}`, complexity: 'medium', redispatch });
    return this;
  }

  start(min: number, p: Pod, reason: 'initial' | 'restart' | 'replacement' = 'initial'): this {
    this.events.push({ kind: 'pod-start', at: min * MIN, ...p, reason });
    return this;
  }

  stop(min: number, p: Pod, reason: PodStopEvent['reason']): this {
    this.events.push({ kind: 'pod-stop', at: min * MIN, ...p, reason });
    return this;
  }

  reconnect(min: number, p: Pod): this {
    this.events.push({ kind: 'connection-drop', at: min * MIN - 1000, ...p });
    this.events.push({ kind: 'reconnect', at: min * MIN, ...p });
    return this;
  }

  deliver(min: number, p: Pod, issue: number, entryId: string, via: DeliveryVia = '>'): this {
    const kind = via === 'xclaim' || via === 'xautoclaim' ? 'claim' : 'delivery';
    this.events.push({ kind, at: min * MIN, issue, entryId, ...p, via });
    return this;
  }

  ack(min: number, p: Pod, issue: number, entryId: string): this {
    this.events.push({ kind: 'ack', at: min * MIN, issue, entryId, ...p, removed: 1 });
    return this;
  }

  /** Starts work on the entry just delivered; returns its work id. */
  work(min: number, p: Pod, issue: number, entryId: string): number {
    const work = this.nextWork++;
    this.events.push({ kind: 'work-start', at: min * MIN, issue, entryId, ...p, work });
    return work;
  }

  end(min: number, p: Pod, issue: number, work: number, outcome: WorkEndEvent['outcome']): this {
    this.events.push({ kind: 'work-end', at: min * MIN, work, issue, pod: p.pod, incarnation: p.incarnation, outcome });
    return this;
  }

  pr(min: number, p: Pod, issue: number, work: number, pr: number, duplicate: boolean): this {
    this.events.push({ kind: 'pr', at: min * MIN, issue, work, pod: p.pod, pr, duplicate });
    return this;
  }

  merge(min: number, issue: number, pr: number, conflict = false): this {
    this.events.push({ kind: 'merge', at: min * MIN, issue, pr, conflict });
    return this;
  }

  /** The run, ending at `minutes`, with Redis' final state (defaults: nothing pending, everything delivered). */
  run(final: Partial<FinalState> = {}, minutes = 480): VariantRun {
    const entries = this.events.flatMap((e) => (e.kind === 'dispatch' ? [{ entryId: e.entryId, issue: e.issue }] : []));
    const state: FinalState = {
      pending: [],
      consumers: [],
      lastDeliveredId: entries.at(-1)?.entryId ?? '0-0',
      entries,
      liveConsumers: [],
      ...final,
    };
    return { name: 'hand-written', seed: 1, redisVersion: '7.0', durationMs: minutes * MIN, events: [...this.events].sort((a, b) => a.at - b.at), final: state };
  }
}
