/**
 * One variant from its seed to answers: the step every run, sweep and hunt shares. Kept apart from
 * simulate.ts so a sweep worker process loads the simulation and the analysis only, not the scenario
 * reader (zod, yaml), which it never needs: its variants arrive qualified.
 */
import { analyze } from '../metrics/analyze.js';
import type { RunAnalysis } from '../metrics/types.js';
import type { QualifiedVariant } from '../scenario/types.js';
import { ensureWatchdog } from '../watchdog/index.js';
import { runVariant, type RunVariantOptions, type VariantRun } from '../world/run-variant.js';

/** One variant simulated from its seed, and what pelsim concludes from it. */
export interface AnalyzedRun {
  readonly variant: QualifiedVariant;
  readonly run: VariantRun;
  readonly analysis: RunAnalysis;
}

/** Simulates one variant from its seed and analyses the run: the one path from a variant to answers. */
export async function simulateVariant(variant: QualifiedVariant, options: RunVariantOptions = {}): Promise<AnalyzedRun> {
  await ensureWatchdog();
  const run = await runVariant(variant, options);
  return { variant, run, analysis: analyze(run) };
}
