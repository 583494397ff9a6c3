/**
 * pelsim: a discrete-event simulator of replicas consuming one Redis Stream through a consumer
 * group, with a faithful in-process model of Redis consumer groups.
 *
 * The public API, every name chosen on purpose (test/package/api.test.ts pins the list):
 * - simulate a scenario and check it: {@link simulate}, {@link assertScenario}, {@link hunt};
 * - write scenarios and consumers with types: {@link defineScenario}, {@link defineConsumer};
 * - the simulated Redis on its own: {@link createSimRedis};
 * - the engine on its own: {@link Simulation};
 * - one error type: {@link PelsimError}.
 * The engine's queue, waits and processes' insides, the world and the metrics' internals are not
 * part of it.
 *
 * @packageDocumentation
 */

// Errors: every failure pelsim raises on purpose, told apart by `kind`.
export { PelsimError, isPelsimError, type PelsimErrorKind, type PelsimErrorDetails } from './errors.js';

// Simulate a scenario (a file or an object) and read metrics and cause chains.
export { simulate, type ScenarioSource, type SimulateOptions } from './run/simulate.js';
export type { SimulationResult, SimulatedRun } from './run/types.js';
export type {
  Metrics,
  DuplicateMechanism,
  DuplicateReport,
  IssueReport,
  VariantResult,
  Series,
} from './metrics/types.js';

// Check a scenario: expectations, assertions, and the search for a breaking fault schedule.
export { assertScenario, ScenarioAssertionError, DEFAULT_EXPECTATIONS, type AssertOptions } from './library/assert.js';
export { parseExpectation, METRIC_NAMES, type Expectation, type MetricName, type Operator, type CheckReport } from './check/index.js';
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
} from './hunt/index.js';

// Write scenarios and consumers with types.
export { defineScenario, type ScenarioInput } from './library/define-scenario.js';
export {
  defineConsumer,
  type StreamClient,
  type StreamConsumer,
  type StreamConsumerContext,
  type StreamEntryReply,
} from './library/stream-client.js';
export type { Agent, WorkHooks, WorkOutcome, ConsumerContextOf } from './protocol/consumer-contract.js';
export type { IssueMessage } from './protocol/issue-message.js';

// The simulated Redis on its own.
export { createSimRedis, type SimRedisOptions, type SimRedisServer } from './redis/server.js';
export type {
  SimRedisClient,
  StreamEntry,
  ReadGroupReply,
  AutoClaimReply,
  ConnectionStatus,
  CommandObserver,
  ConnectOptions,
} from './redis/client.js';
export { RedisReplyError, type Reply } from './redis/model/types.js';
export type { RedisArg } from './redis/args.js';

// The engine on its own.
export {
  Simulation,
  type SimulationOptions,
  type RunOptions,
  type RunSummary,
  type EventHandle,
  type ProcessBody,
} from './engine/simulation.js';
export type { Process, ProcessState, ProcessOutcome } from './engine/process.js';
export type { Rng } from './engine/rng.js';
