/**
 * Hard limits of the file format: values beyond them cannot describe a system pelsim simulates
 * (a hundred thousand replicas, a run of a century, a task of 10^21 minutes), so they are refused
 * before anything runs, with the range in the message. How much work a sensible scenario may ask
 * for is a separate, adjustable budget (`src/cost/`).
 */

const DAY_MS = 86_400_000;

export const LIMITS = {
  /** Any duration (run length, offsets, intervals): one year. */
  durationMs: 365 * DAY_MS,
  /** How the duration limit is written in messages. */
  durationText: '365d',
  /** Minutes in a distribution of work or review times: one year. */
  minutes: 365 * 24 * 60,
  /** Replicas of the deployment, at the start or after a scale step; also pod ordinals, surge. */
  replicas: 10_000,
  /** Issues queued at time 0. */
  backlog: 100_000,
  /** Issue numbers (timeline entries, the first generated issue). */
  issueNumber: 1_000_000_000,
  /** Mean Poisson arrivals per hour. */
  perHour: 10_000,
  /** Mean fault occurrences per pod per day: once a minute. */
  perDay: 1_440,
  /** Relative weights of complexity classes and empirical distributions. */
  weight: 1_000_000,
  /** One-way Redis latency per command, ms. */
  latencyMs: 60_000,
  /** XAUTOCLAIM COUNT. */
  count: 10_000,
  /** Seeds per sweep cell and variant. */
  seeds: 1_000_000,
  /** Variants in one file. */
  variants: 10_000,
  /** Characters of a name or other one-line text. */
  textLength: 1_000,
  /** Characters of a description. */
  descriptionLength: 100_000,
} as const;

/**
 * Control characters refused in names and one-line text: C0 (NUL, ESC, …, tab and newline too),
 * DEL and C1. They corrupt terminals, file names and reports and never belong in a name.
 */
export const CONTROL_IN_NAME = /[\u0000-\u001f\u007f-\u009f]/;

/** Control characters refused in multi-line text (descriptions): as above, but tab and newlines pass. */
export const CONTROL_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** `U+0000`-style name of the first control character in `text`, for messages. */
export function describeControl(text: string, pattern: RegExp): string | undefined {
  const match = pattern.exec(text);
  if (match === null) return undefined;
  const code = match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
  return `a control character (U+${code}) at character ${match.index + 1}`;
}
