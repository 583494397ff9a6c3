/**
 * How a latency percentile reads wherever pelsim prints one (the terminal table, report.html,
 * summary.md, the latency chart): whole minutes, or `>N` when the Kaplan–Meier estimate never
 * reached the percentile within the N minutes issues were observed (more issues were still
 * unmerged at the end of the run than the percentile leaves out).
 */

/** Formats whole minutes; the report passes its own (thousands separators), the terminal plain digits. */
export type MinutesFormat = (minutes: number) => string;

const plain: MinutesFormat = (minutes) => minutes.toFixed(0);

/**
 * `value` in whole minutes; `>horizon` when the percentile lies beyond the longest observation
 * (`value` null, `horizon` known); `none` when no issue was dispatched at all.
 */
export function latencyText(value: number | null, horizon: number | null, none = '-', format: MinutesFormat = plain): string {
  if (value !== null) return format(value);
  return horizon === null ? none : `>${format(horizon)}`;
}
