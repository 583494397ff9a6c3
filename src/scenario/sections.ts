/**
 * The sections of a scenario file: `conductor`, `deployment`, `consumer`, `work`, `faults`. Each
 * field is optional here; defaults are applied in `convert.ts`, after variants are merged, so a
 * variant never has to restate what it does not change.
 */
import * as z from 'zod';
import { distributionSchema } from './distributions.js';
import { durationMs } from './durations.js';
import { describeValue } from './errors.js';
import { LIMITS } from './limits.js';
import { duration, exactlyOneOf, int, line, number, oneOf, report, says, strict, text } from './schema-kit.js';

const weight = () => number(0, LIMITS.weight);

const COMPLEXITIES = ['low', 'medium', 'high'] as const;

const timelineEvent = strict({
  issue: int(1, LIMITS.issueNumber).describe('Issue number.'),
  at: duration().describe('When the conductor dispatches it: "09:00" (time of day), "2h" (offset) or minutes.'),
  title: line().optional(),
  complexity: oneOf(COMPLEXITIES).optional(),
});

const timeline = z.array(timelineEvent, says('a list of { issue, at, title?, complexity? }')).check((ctx) => {
  const seen = new Map<number, number>();
  ctx.value.forEach((event, i) => {
    const first = seen.get(event.issue);
    if (first === undefined) seen.set(event.issue, i);
    else report(ctx, [i, 'issue'], `an issue number not already in the timeline (timeline[${first}])`);
  });
});

const EXPECTED_ARRIVALS = '"none", { poisson: { perHour } } or { timeline: [{ issue, at }] }';

/** Where issues come from: a backlog at time 0 plus arrivals (Poisson, an explicit timeline, or none). */
export const conductorSchema = strict({
  backlog: int(0, LIMITS.backlog).optional().describe('Issues queued at time 0. Default 0.'),
  firstIssue: int(1, LIMITS.issueNumber).optional().describe('Number of the first generated issue. Default 201.'),
  arrivals: z
    .union(
      [
        z.literal('none', says(EXPECTED_ARRIVALS)),
        exactlyOneOf({ poisson: strict({ perHour: number(0, LIMITS.perHour).describe('Mean arrivals per hour.') }).optional(), timeline: timeline.optional() }),
      ],
      says(EXPECTED_ARRIVALS),
    )
    .optional()
    .describe('"none" (default), { poisson: { perHour } } or { timeline: [{ issue, at, title?, complexity? }] }.'),
  complexity: strict({ low: weight().optional(), medium: weight().optional(), high: weight().optional() })
    .check((ctx) => {
      const { low = 0, medium = 0, high = 0 } = ctx.value;
      if (low + medium + high === 0) report(ctx, [], 'at least one weight > 0', 'all weights zero');
    })
    .optional()
    .describe('Relative weights of generated issues; classes left out weigh 0. Default { low: 0.5, medium: 0.35, high: 0.15 }.'),
  heartbeatRequeue: duration().optional().describe('Re-dispatch an issue whose agent is silent this long; 0 or absent = off.'),
  heartbeatInterval: duration(true).optional().describe('How often a working agent reports progress. Default "5m".'),
});

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const EXPECTED_NAME = 'a Kubernetes name (lowercase letters, digits and "-", at most 63 characters)';
const PLACEHOLDERS = ['deployment', 'ordinal', 'pod', 'hash', 'suffix'];

const consumerIdTemplate = text().check((ctx) => {
  for (const [placeholder] of ctx.value.matchAll(/\{[^}]*\}/g)) {
    const name = placeholder.slice(1, -1);
    if (!PLACEHOLDERS.includes(name)) {
      report(ctx, [], `a template using only ${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}`, `{${name}}`);
    }
  }
});

const consumerId = z
  .union(
    [
      oneOf(['static', 'pod-name', 'statefulset']),
      z.discriminatedUnion(
        'strategy',
        [
          strict({ strategy: z.literal('static'), name: text().optional() }),
          strict({ strategy: z.literal('pod-name') }),
          strict({ strategy: z.literal('statefulset') }),
          strict({ strategy: z.literal('template'), template: consumerIdTemplate }),
        ],
        says('one of static, pod-name, statefulset, template'),
      ),
    ],
    says('static, pod-name, statefulset, { strategy: static, name } or { strategy: template, template }'),
  )
  .describe('How each pod names its consumer. Default { strategy: static, name: <deployment>-worker } (the story\'s bug).');

/** The Kubernetes Deployment (or StatefulSet) running the consumers. */
export const deploymentSchema = strict({
  name: z
    .string(says(EXPECTED_NAME))
    .max(63, says(EXPECTED_NAME))
    .regex(DNS_LABEL, says(EXPECTED_NAME))
    .optional()
    .describe('Default "dev-e-dotnet".'),
  replicas: int(0, LIMITS.replicas).optional().describe('Default 1.'),
  consumerId: consumerId.optional(),
  rollout: strict({
    maxSurge: int(0, LIMITS.replicas).optional().describe('Default 1.'),
    maxUnavailable: int(0, LIMITS.replicas).optional().describe('Default 0.'),
    readiness: duration().optional().describe('Time from start to ready. Default "30s".'),
    terminationGrace: duration().optional().describe('SIGTERM to SIGKILL. Default "30s".'),
  })
    .check((ctx) => {
      const { maxSurge = 1, maxUnavailable = 0 } = ctx.value;
      if (maxSurge === 0 && maxUnavailable === 0) {
        report(ctx, [], 'maxSurge or maxUnavailable above 0 (a rollout must be able to progress)', 'both 0');
      }
    })
    .optional(),
  podStart: duration().optional().describe('Scheduling plus image pull before a new pod starts. Default "20s".'),
});

const EXPECTED_GUARD = 'true, false, lock or pr-exists';
const idempotent = z
  .union([z.boolean(says(EXPECTED_GUARD)), z.enum(['lock', 'pr-exists'], says(EXPECTED_GUARD))], says(EXPECTED_GUARD))
  .optional()
  .describe('Per-issue duplicate guard: false (default), lock (= true) or pr-exists.');
const block = duration().optional().describe('XREADGROUP BLOCK. Default "5s"; 0 blocks forever, as in Redis.');

const STRATEGIES = ['rig', 'new-only', 'ack-first', 'autoclaim'] as const;

/**
 * The consumer loop each pod runs: a built-in strategy by name (`rig` drains its own history with
 * `0` then reads `>` and ACKs after merge; `new-only` reads only `>`; `ack-first` ACKs on receipt;
 * `autoclaim` adds periodic XAUTOCLAIM), the same as an object with options, or `{ module }`: a
 * TypeScript/JavaScript file next to the scenario exporting a consumer of the same shape.
 */
export const consumerSchema = z
  .union(
    [
      oneOf(STRATEGIES),
      z.discriminatedUnion(
        'strategy',
        [
          strict({ strategy: oneOf(['rig', 'new-only', 'ack-first']), idempotent, block }),
          strict({
            strategy: z.literal('autoclaim'),
            idempotent,
            block,
            minIdle: duration(true).optional().describe('XAUTOCLAIM min-idle-time. Default "30m".'),
            interval: duration(true).optional().describe('How often to run XAUTOCLAIM. Default "1m".'),
            count: int(1, LIMITS.count).optional().describe('XAUTOCLAIM COUNT. Default 10.'),
            heartbeat: duration().optional().describe('Re-claim own in-flight entries this often; 0 = off.'),
            gcIdleConsumers: duration().optional().describe('Delete consumers with 0 pending idle this long; 0 = off.'),
          }),
        ],
        says(`one of ${STRATEGIES.join(', ')}`),
      ),
      strict({ module: text('a path to a consumer module').describe('Relative to the scenario file.'), idempotent, block }),
    ],
    says(`${STRATEGIES.join(', ')}, { strategy, ... } or { module: ./file.ts }`),
  )
  .describe('rig (default), new-only, ack-first, autoclaim, { strategy, ...options } or { module: ./my-consumer.ts }.');

/**
 * A periodic job that deletes consumers, as operators write to stop names of departed pods piling
 * up: every `every` it lists `XINFO CONSUMERS` and runs `XGROUP DELCONSUMER` on each consumer whose
 * `idle` exceeds `idleOver` and, unless `withPending`, that holds no pending entries. It sees only
 * what Redis says (idle, pending), never which pods are alive.
 */
const cleanupJob = strict({
  every: duration(true).optional().describe('How often the job runs. Default "10m".'),
  idleOver: duration().optional().describe('Delete only consumers whose XINFO CONSUMERS idle is longer than this; 0 or absent = any idle.'),
  withPending: z
    .boolean(says('true or false'))
    .optional()
    .describe('Also delete consumers holding pending entries (DELCONSUMER destroys those entries: nobody can read or claim them again). Default false.'),
})
  .check((ctx) => {
    const { idleOver, withPending } = ctx.value;
    if (withPending === true && (idleOver === undefined || durationMs(idleOver) === 0)) {
      report(ctx, ['idleOver'], 'a duration above 0 with withPending: true (else every consumer, busy or not, is deleted on every run)', describeValue(idleOver));
    }
  });

const EXPECTED_CLEANUP = '"none" or { every, idleOver, withPending }';
export const cleanupSchema = z
  .union([z.literal('none', says(EXPECTED_CLEANUP)), cleanupJob], says(EXPECTED_CLEANUP))
  .describe('A job deleting consumers: { every, idleOver, withPending }, or "none" (the default; a variant can turn an inherited job off).');

/** How long work takes, per complexity, and the human steps around it. All minutes. */
export const workSchema = strict({
  minutes: strict({
    low: distributionSchema.optional().describe('Default lognormal median 30, p95 60.'),
    medium: distributionSchema.optional().describe('Default lognormal median 50, p95 100.'),
    high: distributionSchema.optional().describe('Default lognormal median 90, p95 180.'),
  }).optional(),
  review: distributionSchema.optional().describe('PR opened to review done. Default lognormal median 5, p95 15.'),
  operatorClose: distributionSchema.optional().describe('Before an operator closes a duplicate PR. Default lognormal median 30, p95 120.'),
});

const faultTime = z.union(
  [duration(), strict({ at: duration(), pod: int(0, LIMITS.replicas).optional().describe('Replica ordinal; default a random pod.') })],
  says('a time ("2h", "09:00", minutes) or { at, pod }'),
);

const faultSchedule = strict({
  perDay: number(0, LIMITS.perDay).optional().describe('Mean occurrences per pod per day (Poisson).'),
  at: z.array(faultTime, says('a list of times or { at, pod }')).optional(),
});

/** Things that go wrong, at a rate, at explicit times, or both. Everything defaults to never. */
export const faultsSchema = strict({
  containerRestart: faultSchedule.optional().describe('The container restarts; the pod (and its name) stays.'),
  podReplacement: faultSchedule.optional().describe('The pod is replaced (eviction, drain, delete): a new pod name.'),
  reconnect: faultSchedule.optional().describe('The Redis connection drops and comes back.'),
  rollingUpdate: strict({ at: z.array(duration(), says('a list of times')) }).optional(),
  scale: z.array(strict({ at: duration(), replicas: int(0, LIMITS.replicas) }), says('a list of { at, replicas }')).optional(),
  crashLoopBackoff: strict({
    initial: duration().optional().describe('First restart delay; doubles per crash. Default 0 (no backoff).'),
    max: duration().optional().describe('Cap of the delay. Default "5m" once initial is set.'),
  })
    .check((ctx) => {
      const { initial, max } = ctx.value;
      if (initial === undefined || max === undefined) return;
      if ((durationMs(max) ?? 0) < (durationMs(initial) ?? 0)) report(ctx, ['max'], `a duration >= initial (${JSON.stringify(initial)})`);
    })
    .optional(),
  reconnectDelay: duration().optional().describe('How long a dropped connection stays down. Default 0.'),
});
