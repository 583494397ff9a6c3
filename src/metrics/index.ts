/** The analysis of a run: metrics, hourly series, cause chains and latencies, from its trace. */
export { analyze } from './analyze.js';
export { LatencyFold, latenciesOf } from './latency.js';
export { latencyText, type MinutesFormat } from './latency-text.js';
export { kaplanMeier, survivalQuantile, longestObservation, type Observation, type SurvivalStep } from './kaplan-meier.js';
export { clockTime } from './clock-format.js';
export { percentile, mean, round } from './stats.js';
export type {
  Metrics, Series, DuplicateMechanism, DuplicateReport, VariantResult, IssueReport, IssueLatency, RunAnalysis, ScenarioResults, TaggedEvent,
} from './types.js';
/** The trace vocabulary readers of events.jsonl need, so they depend on the analysis, not on the world. */
export { foldTrace, handleTraceEvent, ignoreEvent } from '../world/trace.js';
export type { TraceEvent, TraceEventOf, TraceHandlers, TraceKind, DeliveryEvent, DeliveryVia, WorkEndEvent } from '../world/trace.js';
