import { escapeMarkdown } from './escape.js';
import { mechanismParts, metricCell, presentMetrics, versionCells } from './metrics-table.js';
import type { ChartDef, ReportModel } from './model.js';

/** summary.md: the key-metrics table (metrics as rows, one column per series) and the chart images. */
export function buildSummaryMd(model: ReportModel, charts: readonly ChartDef[], extra: readonly string[] = [], notDrawn: readonly string[] = []): string {
  const lines: string[] = [`# pelsim: ${escapeMarkdown(model.title)}`, ''];
  if (model.description) lines.push(escapeMarkdown(model.description), '');
  lines.push('## Key metrics', '', ...metricsTable(model), '');
  lines.push('## Consumer crashes', '', ...crashLines(model), '');
  for (const block of extra) lines.push(block, '');
  lines.push('## Charts', '');
  if (notDrawn.length > 0) lines.push(...notDrawn.map((line) => `- ${escapeMarkdown(line)}`), '');
  for (const c of charts) {
    lines.push(`### ${escapeMarkdown(c.title)}`, '', `![${escapeMarkdown(c.title)}](charts/${c.name}.png)`, '');
    lines.push(`[SVG](charts/${c.name}.svg) · [Vega-Lite](charts/${c.name}.vl.json)`, '');
  }
  const dups = model.duplicates.filter((d) => d.total > 0);
  if (dups.length > 0) {
    lines.push('## Duplicate PRs and their causes', '');
    for (const d of dups) {
      lines.push(`**${escapeMarkdown(d.label)}**: ${d.total} duplicate PR${d.total === 1 ? '' : 's'}`, '');
      for (const chain of d.chains) lines.push(`- ${escapeMarkdown(chain)}`);
      if (d.total > d.chains.length) lines.push(`- … ${d.total - d.chains.length} more in results.json`);
      lines.push('');
    }
  }
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

function metricsTable(model: ReportModel): string[] {
  const metrics = presentMetrics(model.series.map((s) => s.metrics));
  const header = `| metric | ${model.series.map((s) => escapeMarkdown(s.label)).join(' | ')} |`;
  const rule = `|---|${model.series.map(() => '---:').join('|')}|`;
  const rows = metrics.map(
    (m) => `| ${escapeMarkdown(m.label)} | ${model.series.map((s) => escapeMarkdown(metricCell(s.metrics, m, s.atLeast?.get(m.key)))).join(' | ')} |`,
  );
  const mech = `| duplicate PRs by mechanism | ${model.series.map((s) => escapeMarkdown(mechanismParts(s.metrics).join(', ') || '–')).join(' | ')} |`;
  const versions = versionCells(model.series);
  const version = versions ? [`| Redis version | ${versions.map(escapeMarkdown).join(' | ')} |`] : [];
  return [header, rule, ...version, ...rows, mech];
}

/** Per series: the run's failure, if its consumer did not work, and its crash reasons. */
function crashLines(model: ReportModel): string[] {
  const lines: string[] = [];
  for (const c of model.crashes) {
    if (c.failure === null && c.reasons.length === 0) continue;
    lines.push(`**${escapeMarkdown(c.label)}**`, '');
    if (c.failure !== null) lines.push(`The run failed: ${escapeMarkdown(c.failure)}`, '');
    for (const r of c.reasons) lines.push(`- ${escapeMarkdown(r)}`);
    lines.push('');
  }
  return lines.length === 0 ? ['No crashes of consumer code (injected faults are counted as container restarts).'] : lines;
}
