import type { ScenarioFile } from '../scenario/schema.js';

/**
 * A scenario in the file format, as an object: the input type of the zod schema behind scenario
 * files (`z.input`), so an editor completes and checks every key a YAML file may hold. Durations
 * are strings like `"90m"` or numbers of minutes, exactly as in YAML.
 */
export type ScenarioInput = ScenarioFile;

/**
 * Returns `scenario` unchanged; its only job is typing, so an editor autocompletes the scenario
 * format and flags unknown keys while you write it. Validation (with precise messages) happens when
 * the scenario is simulated.
 *
 * @example
 * ```ts
 * const scaleTo3 = defineScenario({
 *   name: 'scale-to-3',
 *   duration: '12h',
 *   conductor: { backlog: 30 },
 *   deployment: { replicas: 3, consumerId: 'pod-name' },
 *   consumer: { module: './my-consumer.ts' },
 *   faults: { reconnect: { perDay: 4 }, podReplacement: { at: [{ at: '2h', pod: 1 }] } },
 * });
 * ```
 */
export function defineScenario(scenario: ScenarioInput): ScenarioInput {
  return scenario;
}
