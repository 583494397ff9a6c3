/** Expectations on simulation metrics (`duplicatePRs == 0`): parsing, evaluation over runs, reports. */
export { parseExpectation, holds, ExpectationError, type Expectation, type Operator } from './expression.js';
export { METRIC_NAMES, METRIC_DESCRIPTIONS, isMetricName, metricValue, type MetricName } from './metrics.js';
export { evaluateExpectations, causeChain, type CheckReport, type ExpectationOutcome, type RunFailure } from './evaluate.js';
export { formatCheckReport, formatOutcome, formatFirstFailure, reproduction, displaySource } from './report.js';
