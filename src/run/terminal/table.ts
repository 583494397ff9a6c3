/**
 * The run table for the terminal: one row per variant. By default only the essential columns,
 * fitting {@link TERMINAL_WIDTH} (variant names too long for that go on their own line); `wide`
 * shows every column on one line per variant. Every column carries the sentence the legend prints.
 */
import { latencyText } from '../../metrics/latency-text.js';
import type { VariantResult } from '../../metrics/types.js';
import { TERMINAL_WIDTH, wrapWords } from './wrap.js';

/** One column: its header, what the legend says it means, and how a variant's cell reads. */
export interface Column {
  readonly header: string;
  readonly meaning: string;
  /** Shown without `--wide`. */
  readonly essential: boolean;
  readonly cell: (v: VariantResult) => string;
}

const GAP = '  ';

/** Every column after the variant name, in table order. */
export const COLUMNS: readonly Column[] = [
  { header: 'issues/h', essential: true, meaning: 'unique issues merged per hour of simulated time', cell: (v) => v.metrics.issuesPerHour.toFixed(2) },
  { header: 'done', essential: true, meaning: 'issues merged / issues the conductor dispatched', cell: (v) => `${v.metrics.issuesCompleted}/${v.metrics.issuesDispatched}` },
  { header: 'dup PRs', essential: true, meaning: 'duplicate PRs: PRs beyond the first for one issue (the same work done twice)', cell: (v) => String(v.metrics.duplicatePRs) },
  { header: 'dup deliv', essential: false, meaning: 'deliveries of an issue while another pod was working on it, or after it merged', cell: (v) => String(v.metrics.duplicateDeliveries) },
  { header: 'stranded', essential: true, meaning: 'unmerged issues pending only under consumer names no pod uses', cell: (v) => String(v.metrics.strandedIssues) },
  { header: 'idle pend', essential: false, meaning: 'unmerged issues pending under a live consumer that nobody is working on', cell: (v) => String(v.metrics.idlePendingIssues) },
  { header: 'lost', essential: true, meaning: 'unmerged issues pending nowhere: nobody will work them again', cell: (v) => String(v.metrics.lostIssues) },
  { header: 'wasted h', essential: false, meaning: 'agent hours spent on work lost in a crash, closed as a duplicate or conflicted', cell: (v) => v.metrics.wastedAgentHours.toFixed(1) },
  {
    header: 'p50/p95 min',
    essential: true,
    meaning: 'minutes from first dispatch to merge, median / 95th percentile over every dispatched issue (Kaplan–Meier: unmerged issues count as taking at least until the end; >N: beyond the N minutes observed)',
    cell: (v) => `${latencyText(v.metrics.latencyP50Minutes, v.metrics.latencyHorizonMinutes)}/${latencyText(v.metrics.latencyP95Minutes, v.metrics.latencyHorizonMinutes)}`,
  },
  { header: 'crashes', essential: true, meaning: 'container crashes caused by the consumer code (it threw); their reasons follow the verdict', cell: (v) => String(v.metrics.consumerCrashes) },
  { header: 'max PEL', essential: false, meaning: 'largest pending-entries list sampled (every 5 virtual minutes)', cell: (v) => String(v.metrics.maxPelLength) },
  { header: 'deleted', essential: false, meaning: 'consumers the cleanup job deleted (XGROUP DELCONSUMER)', cell: (v) => String(v.metrics.consumersDeleted) },
  { header: 'destroyed', essential: false, meaning: 'pending entries those deletions destroyed (nobody can claim them again)', cell: (v) => String(v.metrics.pendingDestroyed) },
  { header: 'consumers', essential: true, meaning: 'consumers the group lists at the end (names of departed pods pile up)', cell: (v) => String(v.metrics.consumersAtEnd) },
];

/** Which server's semantics a variant ran; shown when the variants differ (or with `--wide`). */
export const VERSION_COLUMN: Column = {
  header: 'redis',
  essential: false,
  meaning: 'the Redis version whose semantics the simulated server followed (redis.version)',
  cell: (v) => v.redisVersion,
};

/** The one Redis version every variant ran, or null when they differ. */
export function sharedVersion(variants: readonly VariantResult[]): string | null {
  const versions = new Set(variants.map((v) => v.redisVersion));
  const [only] = versions;
  return versions.size === 1 && only !== undefined ? only : null;
}

/**
 * The columns a table shows: every one with `wide`, else the essential ones; the Redis version
 * first when the variants ran different versions (one shared version is said above the table).
 */
export function shownColumns(wide: boolean, variants: readonly VariantResult[] = []): readonly Column[] {
  const version = wide || (variants.length > 0 && sharedVersion(variants) === null) ? [VERSION_COLUMN] : [];
  return [...version, ...COLUMNS.filter((c) => wide || c.essential)];
}

/**
 * The table as lines. Numbers are right-aligned under their headers. When the variant column would
 * push a row past the width (and `wide` is off), each variant's name gets a line of its own, with
 * its numbers on the next line.
 */
export function formatTable(variants: readonly VariantResult[], wide = false): string[] {
  const columns = shownColumns(wide, variants);
  const cells = variants.map((v) => columns.map((c) => c.cell(v)));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((r) => r[i]?.length ?? 0)));
  const numbers = (row: readonly string[]) => row.map((cell, i) => cell.padStart(widths[i] ?? 0)).join(GAP);
  const rule = (w: number) => '-'.repeat(w);
  const names = variants.map((v) => v.name);
  const nameWidth = Math.max('variant'.length, ...names.map((n) => n.length));
  const oneLine = nameWidth + GAP.length + numbers(columns.map((c) => c.header)).length;
  if (wide || oneLine <= TERMINAL_WIDTH) {
    const line = (name: string, row: readonly string[]) => `${name.padEnd(nameWidth)}${GAP}${numbers(row)}`;
    return [
      line('variant', columns.map((c) => c.header)),
      [rule(nameWidth), ...widths.map(rule)].join(GAP),
      ...variants.map((v, i) => line(v.name, cells[i] ?? [])),
    ];
  }
  const indent = '    ';
  return [
    'variant',
    `${indent}${numbers(columns.map((c) => c.header))}`,
    `${indent}${widths.map(rule).join(GAP)}`,
    ...variants.flatMap((v, i) => [v.name, `${indent}${numbers(cells[i] ?? [])}`]),
  ];
}

/** The legend: each column shown, header then meaning (wrapped under the meaning), and what `--wide` adds. */
export function formatLegend(wide: boolean, variants: readonly VariantResult[] = []): string[] {
  const columns = shownColumns(wide, variants);
  const width = Math.max(...columns.map((c) => c.header.length));
  const hidden = [VERSION_COLUMN, ...COLUMNS].filter((c) => !columns.includes(c)).map((c) => c.header);
  return [
    'columns:',
    ...columns.flatMap((c) => wrapWords(c.meaning, TERMINAL_WIDTH, `  ${c.header.padEnd(width)}  `, ' '.repeat(width + 4))),
    ...(hidden.length > 0 ? [`  (--wide adds ${hidden.join(', ')})`] : []),
  ];
}
