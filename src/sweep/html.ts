import { escapeHtml } from '../report/escape.js';
import type { SweepReport, VariantSummary } from './types.js';

function percent(p: number | null): string {
  return p === null ? '–' : `${(p * 100).toFixed(0)} %`;
}

function interval(ci: readonly [number, number] | null): string {
  return ci === null ? '' : ` <small>[${(ci[0] * 100).toFixed(0)}–${(ci[1] * 100).toFixed(0)}]</small>`;
}

function mean(variant: VariantSummary, metric: string): string {
  const stats = variant.metrics[metric] as { mean?: number | null; ci95?: readonly [number, number] | null } | undefined;
  if (!stats || stats.mean === null || stats.mean === undefined) return '–';
  const ci = stats.ci95 ? ` <small>±${((stats.ci95[1] - stats.ci95[0]) / 2).toFixed(2)}</small>` : '';
  return `${stats.mean.toFixed(2)}${ci}`;
}

/**
 * `sweep.html`: the sweep's charts (inline SVG) and one table row per grid cell and variant, with
 * probabilities and their 95 % intervals. Self-contained: opens from disk with no network.
 */
export function sweepHtml(report: SweepReport, charts: readonly { name: string; svg: string }[]): string {
  const axes = report.grid.map((a) => a.path);
  const head = [...axes, 'variant', 'runs', 'P(≥1 duplicate PR)', 'P(≥1 stranded)', 'issues/h', 'duplicate PRs', 'stranded issues'];
  const rows = report.results.flatMap((cell) =>
    cell.variants.map((v) => {
      const cells = [
        ...axes.map((a) => escapeHtml(String(cell.values[a]))),
        escapeHtml(v.label),
        String(v.runs),
        percent(v.pDuplicatePR.p) + interval(v.pDuplicatePR.ci95),
        percent(v.pStrandedIssue.p) + interval(v.pStrandedIssue.ci95),
        mean(v, 'issuesPerHour'),
        mean(v, 'duplicatePRs'),
        mean(v, 'strandedIssues'),
      ];
      return `<tr>${cells.map((x) => `<td>${x}</td>`).join('')}</tr>`;
    }),
  );
  const title = `Sweep: ${escapeHtml(report.scenario)}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse;margin:1rem 0}
td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:right}td:nth-child(-n+${axes.length + 1}){text-align:left}
small{color:#666}figure{margin:1.5rem 0}</style></head>
<body><h1>${title}</h1>
<p>${escapeHtml(report.description)}</p>
<p>${report.seeds} seeds per cell and variant (${escapeHtml(report.seedRule)}); ${report.runs} runs. Means with ± half the 95 % confidence interval; probabilities with Wilson 95 % intervals in brackets.</p>
${charts.map((c) => `<figure>${c.svg}</figure>`).join('\n')}
<table><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead>
<tbody>${rows.join('\n')}</tbody></table>
</body></html>
`;
}
