/**
 * The scenario file format: what users write, as YAML or JSON. Everything but `name` is optional;
 * `convert.ts` fills in defaults. Durations are `"45s"`, `"90m"`, `"1h30m"`, `"36h"`, `"7d"`, a
 * time of day `"09:00"` (minutes since the run started at 00:00) or a bare number of minutes.
 *
 * ```yaml
 * name: static-id-two-replicas
 * description: The story's bug — two pods sharing one consumer name.
 * seed: 7
 * duration: 3d                  # or: until: backlog-empty (+ maxDuration, default 30d)
 * stream: issues                # default
 * group: dev-e-dotnet           # default
 * redis: { latencyMs: 1, version: '7.2' }   # latency default 0; version 7.0 | 7.2 | 7.4 | valkey-8.0
 * conductor:
 *   backlog: 20                 # issues queued at 00:00 (default 0)
 *   firstIssue: 201             # default
 *   arrivals: { poisson: { perHour: 1.2 } }   # or { timeline: [{ issue: 230, at: "09:00" }] }, default none
 *   complexity: { low: 0.5, medium: 0.35, high: 0.15 }
 *   heartbeatRequeue: 30m       # absent or 0 = no watchdog
 *   heartbeatInterval: 5m
 * deployment:
 *   name: dev-e-dotnet
 *   replicas: 2
 *   consumerId: static          # pod-name | statefulset | { strategy: template, template: "{deployment}-{ordinal}" }
 *   rollout: { maxSurge: 1, maxUnavailable: 0, readiness: 30s, terminationGrace: 30s }
 *   podStart: 20s
 * consumer: rig                 # new-only | ack-first | autoclaim | { strategy: autoclaim, minIdle: 2h } | { module: ./c.ts }
 * work:
 *   minutes: { low: { lognormal: { median: 30, p95: 60 } }, high: 120 }
 *   review: { exponential: { mean: 10 } }
 * faults:
 *   containerRestart: { perDay: 1 }
 *   podReplacement: { at: ["2h", { at: "09:30", pod: 1 }] }
 *   rollingUpdate: { at: [1d] }
 *   scale: [{ at: 4h, replicas: 3 }]
 *   crashLoopBackoff: { initial: 10s, max: 5m }
 *   reconnectDelay: 2s
 * cleanup:                      # a job deleting consumers (default none)
 *   every: 10m                  # default
 *   idleOver: 1h                # XINFO CONSUMERS idle longer than this
 *   withPending: false          # default: only consumers with 0 pending
 * variants:                     # each deep-merges into the settings above
 *   - name: static-id
 *   - name: pod-name
 *     deployment: { consumerId: pod-name }
 * ```
 *
 * Unknown keys are errors everywhere, so a typo never silently falls back to a default.
 */
import * as z from 'zod';
import { describeValue } from './errors.js';
import { cleanupSchema, conductorSchema, consumerSchema, deploymentSchema, faultsSchema, workSchema } from './sections.js';
import { LIMITS } from './limits.js';
import { DEFAULT_REDIS_VERSION, REDIS_VERSIONS } from '../redis/model/profile.js';
import { VERSION_NUMBERS } from './versions.js';
import { duration, int, prose, report, says, strict, text } from './schema-kit.js';

const EXPECTED_VERSION = `one of ${REDIS_VERSIONS.map((v) => JSON.stringify(v)).join(', ')}`;
/**
 * A server version by name. YAML reads an unquoted `7.2` as a number, and `7.0` as 7, as does a
 * sweep's `--grid redis.version=7.0,7.2`: those numbers name the Redis release they spell.
 */
const redisVersion = z.union([z.enum(REDIS_VERSIONS, says(EXPECTED_VERSION)), z.literal(VERSION_NUMBERS, says(EXPECTED_VERSION))], says(EXPECTED_VERSION));

/** The settings of one run: the top level of a file minus its bookkeeping, and each variant. */
const runShape = {
  seed: int(-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, 'an integer from -(2^53 - 1) to 2^53 - 1').optional().describe('Seed of every random stream. Default 1.'),
  duration: duration(true).optional().describe('Run length, e.g. "7d", "36h", "90m". Default "7d".'),
  until: z
    .literal('backlog-empty', says('"backlog-empty"'))
    .optional()
    .describe('Instead of duration: stop when every issue is merged (or at maxDuration).'),
  maxDuration: duration(true).optional().describe('Cap for until: backlog-empty. Default "30d".'),
  stream: text().optional().describe('Stream key. Default "issues".'),
  group: text().optional().describe('Consumer group. Default "dev-e-dotnet".'),
  redis: strict({
    latencyMs: int(0, LIMITS.latencyMs).optional().describe('One-way latency per command, ms. Default 0.'),
    version: redisVersion
      .optional()
      .describe(`Which server's semantics the model follows (consumer creation, idle, blocking). Default "${DEFAULT_REDIS_VERSION}".`),
  }).optional(),
  conductor: conductorSchema.optional(),
  deployment: deploymentSchema.optional(),
  consumer: consumerSchema.optional(),
  work: workSchema.optional(),
  faults: faultsSchema.optional(),
  cleanup: cleanupSchema.optional(),
};

/** The keys a variant may override (everything a run has); `name` is the variant's own name. */
export const RUN_KEYS = Object.keys(runShape);

interface RunLength {
  readonly until?: string;
  readonly duration?: unknown;
  readonly maxDuration?: unknown;
}

/** A run ends either after `duration` or when the backlog empties, never both ways at once. */
function checkRunLength(ctx: { readonly value: RunLength; readonly issues: z.core.$ZodRawIssue[] }): void {
  const { until, duration: length, maxDuration } = ctx.value;
  if (until !== undefined && length !== undefined) {
    report(ctx, ['duration'], 'either duration or until: backlog-empty, not both', describeValue(length));
  }
  if (maxDuration !== undefined && until === undefined) {
    report(ctx, ['maxDuration'], 'maxDuration only together with until: backlog-empty', describeValue(maxDuration));
  }
}

/** One variant as validated: the base merged with the variant's overrides. */
export const variantSchema = strict({ name: text().describe('Unique within the file.'), ...runShape }).check(checkRunLength);

const gridValue = z.union([z.number(), z.string(), z.boolean()], says('a number, string or boolean'));
/** A grid axis: a list of values, or a string `"1,2,4"` / `"1..8"` (parsed by the sweep). */
const gridValues = z.union([z.array(gridValue).min(1), gridValue], says('a list of numbers, strings or booleans, or "1,2,4" / "1..8"'));

const bookkeeping = {
  name: text().describe('Scenario name, used in reports.'),
  description: prose().optional(),
  sweep: strict({
    seeds: int(1, LIMITS.seeds).optional().describe('Runs per grid cell and variant (pelsim sweep; --seeds overrides). Default 20.'),
    grid: z
      .record(z.string(), gridValues, says('an object { path: values }'))
      .optional()
      .describe('Settings to sweep, by dotted path, e.g. { "deployment.replicas": [1, 2, 4, 8] } or "1..8" (any --grid flag replaces it).'),
  })
    .optional()
    .describe('Defaults of `pelsim sweep`: seeds per cell and the grid of settings.'),
  // Editors find the schema through this key in JSON files (YAML files use a comment instead).
  $schema: text().optional().describe('Where editors find this JSON Schema, e.g. "./node_modules/pelsim/scenarios/scenario.schema.json". Ignored by pelsim.'),
};

/** The top level as validated; `variants` is checked entry by entry after merging (`variants.ts`). */
export const baseSchema = strict({ ...bookkeeping, variants: z.unknown().optional(), ...runShape }).check(checkRunLength);

/** The whole file format, as documented above; the source of the exported JSON Schema. */
export const scenarioFileSchema = strict({
  ...bookkeeping,
  ...runShape,
  variants: z
    .array(variantSchema, says('a non-empty list of variants'))
    .min(1, says('a non-empty list of variants'))
    .optional()
    .describe('Runs to compare. Each is { name, ...overrides } deep-merged into the top-level settings; default one variant "default".'),
});

/** A scenario file as written (after validation, before defaults). */
export type ScenarioFile = z.input<typeof scenarioFileSchema>;

/** One run's settings as validated (after merging, before defaults). */
export type RunSettings = z.output<typeof variantSchema>;
