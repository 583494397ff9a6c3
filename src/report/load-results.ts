import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import * as z from 'zod';
import { ReportInputError } from './errors.js';

const numbers = z.array(z.number());
const nullableNumber = z.number().nullable();

/**
 * The part of results.json the reports read. Metrics beyond the required ones are kept as they
 * are (numbers or null) so a results.json from a newer or older pelsim still renders.
 */
const metricsSchema = z.looseObject({
  issuesDispatched: z.number(),
  issuesCompleted: z.number(),
  issuesPerHour: z.number(),
  duplicatePRs: z.number(),
  strandedIssues: z.number(),
  lostIssues: z.number(),
  maxPelLength: z.number(),
  consumersAtEnd: z.number(),
  latencyP50Minutes: nullableNumber.optional(),
  latencyP95Minutes: nullableNumber.optional(),
  latencyHorizonMinutes: nullableNumber.optional(),
});

const variantSchema = z.object({
  name: z.string(),
  seed: z.number(),
  // Absent in a results.json written before scenarios named a version (those ran 7.0).
  redisVersion: z.string().optional(),
  durationHours: z.number(),
  metrics: metricsSchema,
  series: z.object({
    hour: numbers,
    completed: numbers,
    pelLength: numbers,
    consumers: numbers,
    stranded: numbers,
    duplicatePRs: numbers,
  }),
  duplicates: z
    .array(z.object({ issue: z.number(), pr: z.number(), at: z.number(), mechanism: z.string(), chain: z.string() }))
    .default([]),
  crashes: z
    .array(z.object({
      reason: z.string(), origin: z.enum(['consumer', 'fault']), crashes: z.number(), restarts: z.number(),
      first: z.object({ pod: z.string(), at: z.number() }),
    }))
    .default([]),
  consumerFailure: z.object({ kind: z.string(), summary: z.string() }).nullable().default(null),
});

const resultsSchema = z.object({
  scenario: z.string(),
  description: z.string().default(''),
  seed: z.number(),
  variants: z.array(variantSchema).min(1),
});

/** results.json as the reports see it. */
export type LoadedResults = z.infer<typeof resultsSchema>;
/** One variant of {@link LoadedResults}. */
export type LoadedVariant = LoadedResults['variants'][number];
/** A variant's metrics: the required ones typed, the rest numbers or null by name. */
export type LoadedMetrics = LoadedVariant['metrics'];

/** Where one run's files are. */
export interface RunFiles {
  readonly resultsPath: string;
  /** events.jsonl beside results.json, when it exists. */
  readonly eventsPath: string | null;
  /** The folder, or the file as given, for labels and messages. */
  readonly given: string;
}

/**
 * Resolves a folder (holding results.json) or a results.json path. Throws {@link ReportInputError}
 * when neither exists.
 */
export async function locateRun(given: string): Promise<RunFiles> {
  const path = resolve(given);
  const info = await stat(path).catch(() => null);
  if (!info) throw new ReportInputError(`${given}: no such file or folder`);
  const resultsPath = info.isDirectory() ? join(path, 'results.json') : path;
  if (info.isDirectory() && !(await stat(resultsPath).catch(() => null))?.isFile()) {
    throw new ReportInputError(`${given}: no results.json in this folder (run \`pelsim run\` to produce one)`);
  }
  const eventsPath = join(dirname(resultsPath), 'events.jsonl');
  const events = await stat(eventsPath).catch(() => null);
  return { resultsPath, eventsPath: events?.isFile() ? eventsPath : null, given };
}

/** Reads and validates results.json; every problem becomes a {@link ReportInputError} naming the file. */
export async function loadResults(resultsPath: string): Promise<LoadedResults> {
  let text: string;
  try {
    text = await readFile(resultsPath, 'utf8');
  } catch (error) {
    throw new ReportInputError(`${resultsPath}: cannot read: ${(error as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ReportInputError(`${resultsPath}: not valid JSON: ${(error as Error).message}`);
  }
  const parsed = resultsSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 5).map((issue) => {
      const where = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
      return `${where || '(top level)'}: ${issue.message}`;
    });
    const more = parsed.error.issues.length > 5 ? `; and ${parsed.error.issues.length - 5} more` : '';
    throw new ReportInputError(`${resultsPath}: not a pelsim results.json: ${problems.join('; ')}${more}`);
  }
  return parsed.data;
}

/** A short name for a run in messages: its folder name, or the file name outside a folder. */
export function runName(files: RunFiles): string {
  return basename(dirname(files.resultsPath)) || basename(files.resultsPath);
}
