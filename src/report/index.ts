/**
 * Reports: report.html, summary.md and charts/<name>.{vl.json,svg,png} from a run's results.json
 * and events.jsonl, and comparisons across runs. They read only those files, never the simulation.
 */
export { writeReport } from './write-report.js';
export { writeComparison, type Comparison, type ComparisonSummary } from './compare/write-comparison.js';
export { diffTableText } from './compare/diff-format.js';
export type { ReportSummary } from './build-report.js';
export { ReportInputError } from './errors.js';
export { escapeHtml } from './escape.js';
export { renderSvg, renderPng } from './render.js';
