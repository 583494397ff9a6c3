import type { ScenarioResults } from './simulate.js';

const COLUMNS: [string, (m: ScenarioResults['variants'][number]) => string][] = [
  ['variant', (v) => v.name],
  ['issues/h', (v) => v.metrics.issuesPerHour.toFixed(2)],
  ['done', (v) => `${v.metrics.issuesCompleted}/${v.metrics.issuesDispatched}`],
  ['dup PRs', (v) => String(v.metrics.duplicatePRs)],
  ['dup deliv', (v) => String(v.metrics.duplicateDeliveries)],
  ['stranded', (v) => String(v.metrics.strandedIssues)],
  ['idle pend', (v) => String(v.metrics.idlePendingIssues)],
  ['lost', (v) => String(v.metrics.lostIssues)],
  ['wasted h', (v) => v.metrics.wastedAgentHours.toFixed(1)],
  ['p50 min', (v) => fmt(v.metrics.latencyP50Minutes)],
  ['p95 min', (v) => fmt(v.metrics.latencyP95Minutes)],
  ['max PEL', (v) => String(v.metrics.maxPelLength)],
  ['consumers', (v) => String(v.metrics.consumersAtEnd)],
];

function fmt(v: number | null): string {
  return v === null ? '-' : v.toFixed(0);
}

/** A compact fixed-width table, one row per variant, for the terminal. */
export function formatTable(results: ScenarioResults): string {
  const rows = [COLUMNS.map(([h]) => h), ...results.variants.map((v) => COLUMNS.map(([, f]) => f(v)))];
  const widths = COLUMNS.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}
