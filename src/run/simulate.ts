import { computeVariantResult, type VariantResult } from '../metrics/index.js';
import type { QualifiedScenario } from '../scenario/types.js';
import { runVariant } from '../world/run-variant.js';
import type { TraceEvent } from '../world/trace.js';

/** The results of a scenario run, as written to results.json. */
export interface ScenarioResults {
  readonly scenario: string;
  readonly description: string;
  readonly seed: number;
  readonly variants: readonly VariantResult[];
}

/** A trace event tagged with its variant, as written to events.jsonl. */
export type TaggedEvent = TraceEvent & { readonly variant: string };

/** Everything a scenario run produced. */
export interface ScenarioRun {
  readonly results: ScenarioResults;
  readonly events: readonly TaggedEvent[];
}

/** Runs every variant of `scenario` (in order; each is deterministic from its own seed). */
export async function simulateScenario(scenario: QualifiedScenario): Promise<ScenarioRun> {
  const variants: VariantResult[] = [];
  const events: TaggedEvent[] = [];
  for (const variant of scenario.variants) {
    const run = await runVariant(variant);
    variants.push(computeVariantResult(run));
    for (const event of run.events) events.push({ variant: variant.name, ...event });
  }
  return {
    results: { scenario: scenario.name, description: scenario.description, seed: scenario.seed, variants },
    events,
  };
}

/** The scenario with every variant's seed replaced by `seed` (the CLI's --seed). */
export function withSeed(scenario: QualifiedScenario, seed: number): QualifiedScenario {
  return { ...scenario, seed, variants: scenario.variants.map((v) => ({ ...v, seed })) };
}
