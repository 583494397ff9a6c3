/** Searching fault schedules for a violated invariant, shrinking it, and writing a replayable scenario. */
export { hunt, type HuntOptions, type HuntProgress, type HuntResult, type HuntFound, type HuntNotFound } from './hunt.js';
export { INVARIANTS, resolveInvariant, type InvariantName, type ResolvedInvariant } from './invariants.js';
export { FAULT_KINDS, EMPTY_PLAN, planArbitrary, formatPlan, minuteDuration, type FaultKind, type FaultPlan, type PlannedFault, type PlanBounds } from './plan.js';
export { huntYaml, writeHuntScenario } from './write.js';
export { replayHuntFile, type ReplayCheck } from './replay.js';
export { candidateScenario, variantSettings, rebaseModule } from './scenario-file.js';
