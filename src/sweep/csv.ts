/**
 * `sweep.csv`: one row per cell and variant — the grid values, the probabilities with their
 * intervals, then mean, median, p95 and CI bounds of every metric. Empty fields are nulls.
 */
import type { GridValue, Probability, SweepReport } from './types.js';

type Field = GridValue | null | undefined;

/** RFC 4180 quoting: only fields with a comma, quote or line break are quoted. */
export function csvField(value: Field): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The CSV of `report`, header first, `\n` line ends. */
export function toCsv(report: SweepReport): string {
  const axes = report.grid.map((a) => a.path);
  const metricNames: string[] = [];
  for (const cell of report.results) {
    for (const v of cell.variants) for (const name of Object.keys(v.metrics)) if (!metricNames.includes(name)) metricNames.push(name);
  }
  const probabilities = ['p_duplicate_pr', 'p_stranded_issue'];
  const header = [
    'cell',
    ...axes,
    'variant',
    'label',
    'runs',
    ...probabilities.flatMap((p) => [p, `${p}_ci_lo`, `${p}_ci_hi`]),
    ...metricNames.flatMap((m) => ['mean', 'median', 'p95', 'ci_lo', 'ci_hi'].map((s) => `${m}_${s}`)),
  ];
  const rows = [header.map(csvField).join(',')];
  for (const cell of report.results) {
    for (const v of cell.variants) {
      const prob = (p: Probability): Field[] => [p.p, p.ci95?.[0], p.ci95?.[1]];
      const fields: Field[] = [
        cell.cell,
        ...axes.map((a) => cell.values[a]),
        v.variant,
        v.label,
        v.runs,
        ...prob(v.pDuplicatePR),
        ...prob(v.pStrandedIssue),
        ...metricNames.flatMap((m) => {
          const s = v.metrics[m];
          return s === undefined ? [null, null, null, null, null] : [s.mean, s.median, s.p95, s.ci95?.[0], s.ci95?.[1]];
        }),
      ];
      rows.push(fields.map(csvField).join(','));
    }
  }
  return `${rows.join('\n')}\n`;
}
