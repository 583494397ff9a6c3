/**
 * Scenario files: the format users write (YAML or JSON), validated with precise errors and turned
 * into the {@link QualifiedScenario} the simulator runs.
 */
export { loadScenarioFile } from './load.js';
export { qualifyScenario, INLINE_SOURCE } from './qualify.js';
export { selectVariant } from './variants.js';
export { parseDuration, durationMs, DURATION_PATTERN } from './durations.js';
export { scenarioJsonSchema } from './json-schema.js';
export { ScenarioError, type ScenarioProblem, type ProblemKind, type PathSegment } from './errors.js';
export { DEFAULTS } from './defaults.js';
export type { ScenarioFile } from './schema.js';
export type * from './types.js';
