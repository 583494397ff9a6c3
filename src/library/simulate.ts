/** The library's entry to the run pipeline (src/run), which the CLI, sweeps and hunts share. */
export { simulate, type ScenarioSource, type SimulateOptions } from '../run/simulate.js';
