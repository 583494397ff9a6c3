/** Expectations on simulation metrics (`duplicatePRs == 0`): parsing, evaluation over runs, reports. */
export { parseExpectation, holds, ExpectationError, type Expectation, type Operator } from './expression.js';
export { METRIC_NAMES, METRIC_DESCRIPTIONS, isMetricName, metricValue, type MetricName } from './metrics.js';
export { evaluateExpectations, causeChain, type CheckReport, type EvaluateOptions, type ExpectationOutcome, type RunFailure } from './evaluate.js';
export { failedConsumerRuns, ALLOW_CRASHES_HINT, type FailedConsumerRun } from './consumer-health.js';
export { formatCheckReport, formatOutcome, formatFirstFailure, formatConsumerFailures, reproduction, displaySource } from './report.js';
