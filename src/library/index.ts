/**
 * pelsim as a library for tests and CI: simulate a scenario (your consumer module included) and
 * get numbers and cause chains back, assert expectations, define scenarios with autocomplete, and
 * type a consumer so it runs against ioredis and the simulator alike.
 */
export { PelsimError, isPelsimError, type PelsimErrorKind, type PelsimErrorDetails } from '../errors.js';
export { simulate, type ScenarioSource, type SimulateOptions } from './simulate.js';
export { assertScenario, ScenarioAssertionError, DEFAULT_EXPECTATIONS, type AssertOptions } from './assert.js';
export { defineScenario, type ScenarioInput } from './define-scenario.js';
export {
  defineConsumer,
  type StreamClient,
  type StreamConsumer,
  type StreamConsumerContext,
  type StreamEntryReply,
} from './stream-client.js';
export type { SimulationResult, SimulatedRun, IssueReport } from './types.js';
export { parseExpectation, ExpectationError, METRIC_NAMES, type Expectation, type MetricName, type CheckReport } from '../check/index.js';
export {
  hunt,
  writeHuntScenario,
  replayHuntFile,
  INVARIANTS,
  type HuntOptions,
  type HuntResult,
  type HuntFound,
  type HuntNotFound,
  type InvariantName,
  type FaultPlan,
  type FaultKind,
  type PlannedFault,
  type ReplayCheck,
} from '../hunt/index.js';
export type { Metrics, DuplicateReport, VariantResult } from '../metrics/types.js';
export type { Agent, WorkHooks, WorkOutcome } from '../protocol/consumer-contract.js';
export type { IssueMessage } from '../protocol/issue-message.js';
