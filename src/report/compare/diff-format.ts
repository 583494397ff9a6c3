import { escapeHtml, escapeMarkdown } from '../escape.js';
import { formatMetric } from '../metrics-table.js';
import type { DiffCell, DiffChange, DiffRow, DiffTable } from './diff-table.js';

/** A cell as text: the value, or `mean ± half-width (n seeds)` when it carries a CI. */
export function cellText(cell: DiffCell | null, digits: number): string {
  if (!cell) return '–';
  // A latency percentile beyond the run (some runs): `>` a lower bound, as the run table reads it.
  if (cell.beyond !== undefined) return `>${formatMetric(cell.mean, digits)}${cell.n < 2 ? '' : ` (n=${cell.n}, ${cell.beyond} beyond their run)`}`;
  if (cell.n < 2) return formatMetric(cell.mean, digits);
  const d = digits + 1;
  const half = cell.ci ? (cell.ci[1] - cell.ci[0]) / 2 : 0;
  return `${formatMetric(cell.mean, d)} ± ${formatMetric(half, d)} (n=${cell.n})`;
}

/** `+3 (+25.0 %)`, with `95 % CI [a, b]` when both ends carry seeds. */
export function changeText(c: DiffChange | null, digits: number): string {
  if (!c) return '–';
  const d = c.ci ? digits + 1 : digits;
  const signed = (v: number, digitsOut: number) => `${v > 0 ? '+' : ''}${formatMetric(v, digitsOut)}`;
  const pct = c.percent === null ? '' : ` (${signed(c.percent, 1)} %)`;
  const ci = c.ci ? `; 95 % CI [${signed(c.ci[0], d)}, ${signed(c.ci[1], d)}]${c.ci[0] > 0 || c.ci[1] < 0 ? '' : ', not significant'}` : '';
  return `${signed(c.delta, d)}${pct}${ci}`;
}

function changeClass(c: DiffChange | null): string {
  if (!c || c.better === null) return '';
  if (c.ci && !(c.ci[0] > 0 || c.ci[1] < 0)) return '';
  return c.better ? ' better' : ' worse';
}

/** The diff table as an HTML table; every label escaped. */
export function diffTableHtml(t: DiffTable): string {
  const head = ['variant', 'metric', ...t.columns, ...(t.hasChange ? [`change (${t.columns[t.columns.length - 1]} vs ${t.columns[0]})`] : [])];
  const row = (r: DiffRow) =>
    `<tr><td>${escapeHtml(r.variant)}</td><th>${escapeHtml(r.metric)}</th>${r.cells.map((c) => `<td class="num">${escapeHtml(cellText(c, r.digits))}</td>`).join('')}` +
    (t.hasChange ? `<td class="num${changeClass(r.change)}">${escapeHtml(changeText(r.change, r.digits))}</td>` : '') +
    '</tr>';
  return `<table class="diff">
<thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead>
<tbody>
${t.rows.map(row).join('\n')}
</tbody>
</table>
<p>Green: better by the metric's direction (and, with seeds, a 95 % CI of the difference that excludes 0, by Welch's t); red: worse. With several seeds a cell is mean ± the half-width of its 95 % t confidence interval.</p>`;
}

/** The diff table as Markdown. */
export function diffTableMd(t: DiffTable): string {
  const head = ['variant', 'metric', ...t.columns, ...(t.hasChange ? ['change (last vs first)'] : [])];
  const lines = [
    '## Diff',
    '',
    `| ${head.map(escapeMarkdown).join(' | ')} |`,
    `|---|---|${t.columns.map(() => '---:').join('|')}|${t.hasChange ? '---:|' : ''}`,
    ...t.rows.map(
      (r) =>
        `| ${escapeMarkdown(r.variant)} | ${escapeMarkdown(r.metric)} | ${r.cells.map((c) => escapeMarkdown(cellText(c, r.digits))).join(' | ')} |` +
        (t.hasChange ? ` ${escapeMarkdown(changeText(r.change, r.digits))} |` : ''),
    ),
  ];
  return lines.join('\n');
}

/** Widest line {@link diffTableText} aims for; a row whose change does not fit gets it on its own line. */
const TEXT_WIDTH = 100;

/**
 * The diff table for a terminal: what the change compares, the column labels, then per variant a
 * heading line and one line per metric with its cells right-aligned and the change last. A change that would push the
 * line past 100 columns goes on the next line, indented.
 */
export function diffTableText(t: DiffTable): string[] {
  const head = ['metric', ...t.columns];
  const body = t.rows.map((r) => [r.metric, ...r.cells.map((c) => cellText(c, r.digits))]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]?.length ?? 0)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  const lines = t.hasChange ? [`change: ${t.columns[t.columns.length - 1] ?? ''} against ${t.columns[0] ?? ''}`] : [];
  lines.push(`  ${line(head)}${t.hasChange ? '  change' : ''}`);
  let variant: string | null = null;
  t.rows.forEach((r, i) => {
    if (r.variant !== variant) {
      variant = r.variant;
      lines.push(r.variant);
    }
    const cells = `  ${line(body[i] ?? [])}`;
    const change = t.hasChange ? changeText(r.change, r.digits) : '';
    if (change === '') lines.push(cells);
    else if (cells.length + 2 + change.length <= TEXT_WIDTH) lines.push(`${cells}  ${change}`);
    else lines.push(cells, `      change: ${change}`);
  });
  return lines;
}
