/** Metrics, hourly series and duplicate cause chains, computed from a run's trace. */
export { computeVariantResult } from './compute.js';
export { explainDuplicates } from './causes.js';
export { TraceIndex } from './trace-index.js';
export { percentile, mean, round } from './stats.js';
export type { Metrics, Series, DuplicateReport, VariantResult } from './types.js';
