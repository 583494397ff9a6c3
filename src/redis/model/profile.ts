/**
 * Where Redis versions differ in stream and consumer-group semantics: one profile of named rules per
 * version, which the model consults instead of testing version numbers.
 *
 * Every rule is read from that release's `src/t_stream.c` / `src/blocked.c` and checked against its
 * real server by the differential suites (`test/redis/*.diff.test.ts` run once per version).
 */

/** The server versions pelsim models, oldest first. */
export const REDIS_VERSIONS = ['7.0', '7.2', '7.4', 'valkey-8.0'] as const;

/** A server version pelsim models: Redis 7.0, 7.2, 7.4 or Valkey 8.0. */
export type RedisVersion = (typeof REDIS_VERSIONS)[number];

/** The version a model uses when none is named: the newest proven against its server. */
export const DEFAULT_REDIS_VERSION: RedisVersion = '7.0';

/** The semantics rules of one version. */
export interface SemanticsProfile {
  readonly version: RedisVersion;
  /**
   * XREADGROUP, XCLAIM and XAUTOCLAIM look the consumer up before doing anything, create it when
   * missing and refresh its seen-time, even when they then serve or claim nothing (7.2+:
   * `streamCreateConsumer` + `seen_time = commandTimeSnapshot()` up front). False: only a served
   * read or a successful claim creates or refreshes the consumer (7.0).
   */
  readonly consumerSeenOnAttempt: boolean;
  /**
   * Consumers keep an active-time, set when a `>` read delivers with a PEL record or a claim moves an
   * entry; `XINFO CONSUMERS` reports it as `inactive` (ms since, -1 never) and `XINFO STREAM FULL`
   * as `active-time` (7.2+).
   */
  readonly activeTime: boolean;
  /**
   * A woken blocked read re-executes its command (7.2+ `unblockClientOnKey`): no 1000-entry cap,
   * the command's own errors for a vanished group or key, and a read that still finds nothing
   * blocks again behind the other waiting clients. False: 7.0's `serveClientsBlockedOnStreamKey`.
   */
  readonly blockedReadReexecutes: boolean;
}

const V7_0: SemanticsProfile = {
  version: '7.0',
  consumerSeenOnAttempt: false,
  activeTime: false,
  blockedReadReexecutes: false,
};

const V7_2: SemanticsProfile = {
  version: '7.2',
  consumerSeenOnAttempt: true,
  activeTime: true,
  blockedReadReexecutes: true,
};

const PROFILES: Readonly<Record<RedisVersion, SemanticsProfile>> = {
  '7.0': V7_0,
  '7.2': V7_2,
  '7.4': { ...V7_2, version: '7.4' },
  'valkey-8.0': { ...V7_2, version: 'valkey-8.0' },
};

/** The rules of `version`. */
export function profileFor(version: RedisVersion): SemanticsProfile {
  return PROFILES[version];
}

/** True when `value` names a modelled version. */
export function isRedisVersion(value: unknown): value is RedisVersion {
  return typeof value === 'string' && (REDIS_VERSIONS as readonly string[]).includes(value);
}
