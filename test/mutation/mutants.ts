/**
 * Deliberate one-line mistakes in the Redis model, each one a bug a plausible edit could make. The
 * differential suites must notice every one (see run.ts).
 */

/** One mutant: in `file`, the single occurrence of `find` becomes `replace`. */
export interface Mutant {
  readonly name: string;
  readonly file: string;
  readonly find: string;
  readonly replace: string;
}

export const MUTANTS: readonly Mutant[] = [
  {
    name: "XAUTOCLAIM scans one record more than COUNT*10",
    file: 'src/redis/model/commands/claim.ts',
    find: 'let attempts = count * 10;',
    replace: 'let attempts = count * 10 + 1;',
  },
  {
    name: 'XCLAIM leaves the delivery count alone',
    file: 'src/redis/model/commands/claim.ts',
    find: 'else if (!justId) nack.deliveryCount = incrU64(nack.deliveryCount);',
    replace: 'else if (!justId) nack.deliveryCount = nack.deliveryCount;',
  },
  {
    name: 'XAUTOCLAIM bumps the delivery count even with JUSTID',
    file: 'src/redis/model/commands/claim.ts',
    find: 'if (!justId) n.deliveryCount = incrU64(n.deliveryCount);',
    replace: 'n.deliveryCount = incrU64(n.deliveryCount);',
  },
  {
    name: 'a history read does not count as a delivery',
    file: 'src/redis/model/commands/xreadgroup.ts',
    find: 'n.deliveryCount = incrU64(n.deliveryCount);',
    replace: 'n.deliveryCount = n.deliveryCount;',
  },
  {
    name: "XACK refreshes every consumer's seen-time",
    file: 'src/redis/model/group.ts',
    find: '    const i = this.pel.indexOf(ms, seq);\n    if (i < 0) return false;',
    replace:
      '    const i = this.pel.indexOf(ms, seq);\n    for (const c of this.consumers.values()) c.seenTime = Date.now();\n    if (i < 0) return false;',
  },
  {
    name: '7.2+: an empty read or failed claim no longer sees the consumer',
    file: 'src/redis/model/profile.ts',
    find: "  version: '7.2',\n  identity: { name: 'redis', release: '7.2.6', redisVersion: '7.2.6' },\n  consumerSeenOnAttempt: true,",
    replace: "  version: '7.2',\n  identity: { name: 'redis', release: '7.2.6', redisVersion: '7.2.6' },\n  consumerSeenOnAttempt: false,",
  },
  {
    name: '7.2+: a claim does not mark the consumer active',
    file: 'src/redis/model/commands/claim.ts',
    find: '    if (profile.activeTime) consumer.activeTime = now;\n    g.assign(nack, consumer);',
    replace: '    g.assign(nack, consumer);',
  },
  {
    name: '7.0: a woken reader without COUNT gets 999 entries',
    file: 'src/redis/model/commands/xreadgroup.ts',
    find: 'const BLOCKED_DEFAULT_COUNT = 1000;',
    replace: 'const BLOCKED_DEFAULT_COUNT = 999;',
  },
  {
    name: '7.2+: a re-executed read that blocks again keeps its place',
    file: 'src/redis/model/commands/xreadgroup.ts',
    find: "const BLOCKED_AGAIN: ServeOutcome = Object.freeze({ kind: 'blocked-again' });",
    replace: "const BLOCKED_AGAIN: ServeOutcome = Object.freeze({ kind: 'still-blocked' });",
  },
  {
    name: 'a > delivery does not advance entries-read',
    file: 'src/redis/model/group.ts',
    find: 'this.entriesRead = incrI64(this.entriesRead);',
    replace: 'this.entriesRead = this.entriesRead;',
  },
  {
    name: '7.4+: BLOCK from a script is refused again',
    file: 'src/redis/model/commands/read-args.ts',
    find: 'if (options.fromScript === true && ks.profile.scripting.blockRefused) {',
    replace: 'if (options.fromScript === true) {',
  },
  {
    name: 'Valkey: MULTI and WATCH run inside MULTI (the no-multi list is read in upper case)',
    file: 'src/redis/commands/transaction.ts',
    find: 'if (ctx.server.streams.profile.noMultiCommands.includes(spec.name)) {',
    replace: 'if (ctx.server.streams.profile.noMultiCommands.includes(spec.name.toUpperCase())) {',
  },
];
