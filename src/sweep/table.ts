/**
 * The terminal summary of a sweep: one row per cell and variant with the grid values, P(≥1
 * duplicate PR) and P(≥1 stranded issue) with their 95% intervals, and mean issues/h ± CI.
 */
import type { Probability, SweepReport } from './types.js';

function probability(p: Probability): string {
  if (p.p === null || p.ci95 === null) return '-';
  return `${p.p.toFixed(2)} [${p.ci95[0].toFixed(2)}, ${p.ci95[1].toFixed(2)}]`;
}

/** A fixed-width table of `report`. */
export function formatSweepTable(report: SweepReport): string {
  const axes = report.grid.map((a) => a.path);
  const head = [...axes, 'variant', 'runs', 'P(dup PR) [95% CI]', 'P(stranded) [95% CI]', 'issues/h ± CI'];
  const rows: string[][] = [head];
  for (const cell of report.results) {
    for (const v of cell.variants) {
      const iph = v.metrics.issuesPerHour;
      const half = iph?.ci95 == null || iph.mean === null ? '' : ` ± ${((iph.ci95[1] - iph.ci95[0]) / 2).toFixed(2)}`;
      rows.push([
        ...axes.map((a) => String(cell.values[a])),
        v.label,
        String(v.runs),
        probability(v.pDuplicatePR),
        probability(v.pStrandedIssue),
        iph?.mean == null ? '-' : `${iph.mean.toFixed(2)}${half}`,
      ]);
    }
  }
  // Every row has a cell per column of head; a missing one would print as empty.
  const widths = head.map((_, i) => Math.max(...rows.map((r) => r[i]?.length ?? 0)));
  const textual = new Set([axes.length]);
  const line = (r: string[]) => r.map((c, i) => (textual.has(i) ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}
