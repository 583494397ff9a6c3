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
export const DEFAULT_REDIS_VERSION: RedisVersion = '7.4';

/** How a server names itself to clients. */
export interface ServerIdentity {
  /** HELLO's `server` field. */
  readonly name: 'redis' | 'valkey';
  /** HELLO's `version` field: the release the profile was proven against. */
  readonly release: string;
  /** INFO's `redis_version` (Valkey reports the Redis release it is compatible with). */
  readonly redisVersion: string;
}

/**
 * How the Lua scripting engine speaks on one version (`script_lua.c`, `script.c`, `function_lua.c`):
 * Valkey 8 renamed the API table to `server` (keeping `redis` as an alias) and dropped "Redis" and
 * "redis lib" from its error texts.
 */
export interface ScriptingDialect {
  /** The globals the API table is published under; the first is the name its error texts use. */
  readonly apiGlobals: readonly [string, ...string[]];
  /** `redis.call()` with no argument. */
  readonly noArguments: string;
  /** `redis.call` with an argument that is neither a string nor a number. */
  readonly badArgumentType: string;
  /** `redis.call` of a command the server does not know. */
  readonly unknownCommand: string;
  /** `redis.call` with an arity the command refuses. */
  readonly wrongArity: string;
  /** EVALSHA / FCALL of a script the cache does not hold (`shared.noscripterr`). */
  readonly noScript: string;
  /**
   * XREAD / XREADGROUP with BLOCK from a script is refused (`<cmd> command is not allowed with BLOCK
   * option from scripts`, 7.0 and 7.2). 7.4 and Valkey 8 dropped that check: the script's client may
   * not block, so the command answers as its BLOCK had timed out at once (nil when nothing is there).
   */
  readonly blockRefused: boolean;
  /** The version fields of the API table, in the order the server sets them. */
  readonly versionFields: readonly (readonly [string, string | number])[];
  /** `SCRIPT SHOW <sha1>` returns a cached script's body (Valkey 8); its SCRIPT HELP lists it. */
  readonly scriptShow: boolean;
  /** FUNCTION HELP's LIST text names `* Library description` (7.0, 7.2; gone in 7.4). */
  readonly functionListHelpNamesDescription: boolean;
}

/** The semantics rules of one version. */
export interface SemanticsProfile {
  readonly version: RedisVersion;
  /** What the server calls itself: HELLO's `server` and `version`, INFO's `redis_version`. */
  readonly identity: ServerIdentity;
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
  /** The last line of every `HELP` reply (`addReplyHelp` in `server.c`). */
  readonly helpFooter: string;
  /**
   * A BLOCK whose deadline (now + ms) overflows a signed 64-bit ms clock is refused with
   * `ERR timeout is out of range` (7.2+ `getTimeoutFromObjectOrReply`); 7.0 accepts it.
   */
  readonly blockDeadlineChecked: boolean;
  /**
   * XREAD takes `+` for "the last entry" (its ID is the stream's last ID minus one) and XREADGROUP
   * refuses it with its own error (7.4+); before, `+` is an invalid ID to both.
   */
  readonly xreadPlusId: boolean;
  /**
   * XSETID refuses a last ID below the stream's current max-deleted-entry-id (7.2+), before
   * comparing with the top entry; 7.0 does not look at it.
   */
  readonly xsetidChecksMaxDeleted: boolean;
  /**
   * `XADD key <ms>-*` when `<ms>` is the last ID's and its sequence is exhausted: 7.0's
   * `streamAppendItem` fails without setting errno (`Elements are too large to be stored`); 7.2+
   * sets EDOM (the ID is equal or smaller than the top item).
   */
  readonly xaddExhaustedSeqIsTooSmall: boolean;
  /**
   * A pub/sub message a connection's own command publishes to it (RESP3) is written after that
   * command's reply, after a whole EXEC or script (7.2+: `server.pending_push_messages`); 7.0
   * writes it where it is made, before the reply.
   */
  readonly ownPushesAfterReply: boolean;
  /**
   * UNSUBSCRIBE and PUNSUBSCRIBE on a connection that is not subscribed are refused with `NOSUB`
   * (Valkey 8); Redis answers them with a nil-named unsubscribe reply.
   */
  readonly unsubscribeNeedsSubscription: boolean;
  /** The error for an odd number of arguments after STREAMS in XREAD / XREADGROUP. */
  unbalancedStreams(command: 'xread' | 'xreadgroup'): string;
  /**
   * Commands pelsim models that carry `CMD_NO_MULTI` (lower case): inside a transaction
   * `processCommand` refuses them with `Command not allowed inside a transaction` and EXEC aborts.
   * Valkey 8 flags MULTI and WATCH so; Redis runs them, and they answer their own error (`MULTI calls
   * can not be nested`, `WATCH inside MULTI is not allowed`) while the transaction goes on.
   */
  readonly noMultiCommands: readonly string[];
  /**
   * SCAN refuses a TYPE it does not know with `unknown type name '<type>'` (Valkey 8); before, such
   * a TYPE just matches no key (7.4 has the check commented out "until 8.0").
   */
  readonly scanRefusesUnknownType: boolean;
  /**
   * Keys-only options SCAN's parser knows although they belong to HSCAN / ZSCAN, each refused with its
   * own error (`NOVALUES option can only be used in HSCAN`: 7.4+; `NOSCORES … in ZSCAN`: Valkey 8).
   * Any other version answers a syntax error for them.
   */
  readonly scanKeysOnlyOptions: readonly ('NOVALUES' | 'NOSCORES')[];
  /** The Lua scripting engine's names, texts and rules. */
  readonly scripting: ScriptingDialect;
}

/** Redis's scripting dialect, with the release whose version scripts see (`redis.REDIS_VERSION`). */
function redisScripting(release: string, blockRefused: boolean, functionListHelpNamesDescription: boolean): ScriptingDialect {
  return {
    apiGlobals: ['redis'],
    noArguments: 'ERR Please specify at least one argument for this redis lib call',
    badArgumentType: 'ERR Lua redis lib command arguments must be strings or integers',
    unknownCommand: 'ERR Unknown Redis command called from script',
    wrongArity: 'ERR Wrong number of args calling Redis command from script',
    noScript: 'NOSCRIPT No matching script. Please use EVAL.',
    blockRefused,
    versionFields: [
      ['REDIS_VERSION_NUM', versionNumber(release)],
      ['REDIS_VERSION', release],
    ],
    scriptShow: false,
    functionListHelpNamesDescription,
  };
}

/** `7.2.6` as `0x070206`, as `REDIS_VERSION_NUM` encodes it. */
function versionNumber(release: string): number {
  const [major = 0, minor = 0, patch = 0] = release.split('.').map(Number);
  return (major << 16) | (minor << 8) | patch;
}

const V7_0: SemanticsProfile = {
  version: '7.0',
  identity: { name: 'redis', release: '7.0.15', redisVersion: '7.0.15' },
  consumerSeenOnAttempt: false,
  activeTime: false,
  blockedReadReexecutes: false,
  helpFooter: '    Prints this help.',
  blockDeadlineChecked: false,
  xreadPlusId: false,
  xsetidChecksMaxDeleted: false,
  xaddExhaustedSeqIsTooSmall: false,
  ownPushesAfterReply: false,
  unsubscribeNeedsSubscription: false,
  // 7.0 words it as XREAD's for both commands.
  unbalancedStreams: () => "ERR Unbalanced XREAD list of streams: for each stream key an ID or '$' must be specified.",
  noMultiCommands: [],
  scanRefusesUnknownType: false,
  scanKeysOnlyOptions: [],
  scripting: redisScripting('7.0.15', true, true),
};

const V7_2: SemanticsProfile = {
  version: '7.2',
  identity: { name: 'redis', release: '7.2.6', redisVersion: '7.2.6' },
  consumerSeenOnAttempt: true,
  activeTime: true,
  blockedReadReexecutes: true,
  helpFooter: '    Print this help.',
  blockDeadlineChecked: true,
  xreadPlusId: false,
  xsetidChecksMaxDeleted: true,
  xaddExhaustedSeqIsTooSmall: true,
  ownPushesAfterReply: true,
  unsubscribeNeedsSubscription: false,
  unbalancedStreams: (command) =>
    `ERR Unbalanced '${command}' list of streams: for each stream key an ID or '${command === 'xread' ? '$' : '>'}' must be specified.`,
  noMultiCommands: [],
  scanRefusesUnknownType: false,
  scanKeysOnlyOptions: [],
  scripting: redisScripting('7.2.6', true, true),
};

const V7_4: SemanticsProfile = {
  ...V7_2,
  version: '7.4',
  identity: { name: 'redis', release: '7.4.1', redisVersion: '7.4.1' },
  xreadPlusId: true,
  scanKeysOnlyOptions: ['NOVALUES'],
  scripting: redisScripting('7.4.1', false, false),
};

const VALKEY_8_0: SemanticsProfile = {
  ...V7_4,
  version: 'valkey-8.0',
  identity: { name: 'valkey', release: '8.0.1', redisVersion: '7.2.4' },
  noMultiCommands: ['multi', 'watch'],
  unsubscribeNeedsSubscription: true,
  scanRefusesUnknownType: true,
  scanKeysOnlyOptions: ['NOVALUES', 'NOSCORES'],
  scripting: {
    apiGlobals: ['server', 'redis'],
    noArguments: 'ERR Please specify at least one argument for this call',
    badArgumentType: 'ERR Command arguments must be strings or integers',
    unknownCommand: 'ERR Unknown command called from script',
    wrongArity: 'ERR Wrong number of args calling command from script',
    noScript: 'NOSCRIPT No matching script.',
    blockRefused: false,
    // Valkey keeps the Redis compatibility version for old scripts, then adds its own.
    versionFields: [
      ['REDIS_VERSION_NUM', versionNumber('7.2.4')],
      ['REDIS_VERSION', '7.2.4'],
      ['VALKEY_VERSION_NUM', versionNumber('8.0.1')],
      ['VALKEY_VERSION', '8.0.1'],
      ['SERVER_NAME', 'valkey'],
    ],
    scriptShow: true,
    functionListHelpNamesDescription: false,
  },
};

const PROFILES: Readonly<Record<RedisVersion, SemanticsProfile>> = {
  '7.0': V7_0,
  '7.2': V7_2,
  '7.4': V7_4,
  'valkey-8.0': VALKEY_8_0,
};

/** The rules of `version`. */
export function profileFor(version: RedisVersion): SemanticsProfile {
  return PROFILES[version];
}

/** True when `value` names a modelled version. */
export function isRedisVersion(value: unknown): value is RedisVersion {
  return typeof value === 'string' && (REDIS_VERSIONS as readonly string[]).includes(value);
}
