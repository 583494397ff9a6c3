/** What {@link simulate} returns: one entry per (variant, seed), each with its metrics and causes. */
export type { SimulationResult, SimulatedRun } from '../run/types.js';
export type { IssueReport } from '../metrics/types.js';
