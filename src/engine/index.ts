/** The discrete-event engine: virtual time, processes, seeded randomness. Knows nothing of Redis. */
export { Simulation, type SimulationOptions, type RunOptions, type RunSummary, type EventHandle, type ProcessBody } from './simulation.js';
export { Process, type ProcessState, type ProcessOutcome } from './process.js';
export { Wait } from './wait.js';
export { EventQueue } from './event-queue.js';
export { createRngFactory, type Rng } from './rng.js';
export { sampler, validateDistribution, distributionMean, DistributionError, type Distribution } from './distributions.js';
export { SimulationError, ProcessFailedError, ForeignWaitError, LivelockError, ProcessStuckError, StalledHoldError, TimerCallbackError } from './errors.js';
export { VirtualTimer, realTimers } from './node-clock.js';
export { ENGINE_PROGRESS, interruptStuckRuns, takeStuckVerdict } from './progress.js';
export { describeOperation, type OperationLabel } from './simulation.js';
