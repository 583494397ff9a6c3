/**
 * XINFO STREAM [FULL [COUNT n]] / GROUPS / CONSUMERS / HELP. Consumers carry 7.2's `inactive` /
 * `active-time` where the profile keeps active-times. Maps come back as flat arrays, as ioredis
 * returns them over RESP2.
 */
import { eqi, integerArg, noGroupForKey, subcommandSyntaxError } from '../args.js';
import { counterReply, type Counter } from '../counters.js';
import { sortByName, type Group } from '../group.js';
import { MAX_ID, MIN_ID, formatId, type StreamId } from '../ids.js';
import type { Keyspace } from '../keyspace.js';
import type { SemanticsProfile } from '../profile.js';
import { INVALID_ENTRIES_READ, groupLag } from '../lag.js';
import { entryReply, type Stream } from '../stream.js';
import { RedisReplyError, type Reply } from '../types.js';
import { rangeReply } from './xrange.js';

const HELP: readonly string[] = [
  'XINFO <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'CONSUMERS <key> <groupname>',
  '    Show consumers of <groupname>.',
  'GROUPS <key>',
  '    Show the stream consumer groups.',
  'STREAM <key> [FULL [COUNT <count>]',
  '    Show information about the stream.',
  'HELP',
];

function fmt(id: StreamId): string {
  return formatId(id.ms, id.seq);
}

function entriesRead(g: Group): Counter | null {
  return g.entriesRead === INVALID_ENTRIES_READ ? null : g.entriesRead;
}

function groupsInfo(s: Stream): Reply {
  return sortByName([...s.groups.values()]).map((g) => [
    'name',
    g.name,
    'consumers',
    g.consumers.size,
    'pending',
    g.pel.size,
    'last-delivered-id',
    fmt(g.lastId),
    'entries-read',
    entriesRead(g),
    'lag',
    groupLag(s, g.lastId, g.entriesRead),
  ]);
}

function consumersInfo(g: Group, now: number, profile: SemanticsProfile): Reply {
  return g.sortedConsumers().map((c) => {
    const idle = now - c.seenTime;
    // Unlike idle, inactive is not clamped at 0 (t_stream.c xinfoCommand). Each row is made whole
    // at once: the monitor and every pod's consumer GC list all consumers every few minutes.
    return profile.activeTime
      ? ['name', c.name, 'pending', c.pel.size, 'idle', idle < 0 ? 0 : idle, 'inactive', c.activeTime === -1 ? -1 : now - c.activeTime]
      : ['name', c.name, 'pending', c.pel.size, 'idle', idle < 0 ? 0 : idle];
  });
}

function header(s: Stream): Reply[] {
  return [
    'length',
    s.length,
    'radix-tree-keys',
    s.nodeCount,
    'radix-tree-nodes',
    s.rax.nodes,
    'last-generated-id',
    fmt(s.lastId),
    'max-deleted-entry-id',
    fmt(s.maxDeletedId),
    'entries-added',
    counterReply(s.entriesAdded),
    'recorded-first-entry-id',
    fmt(s.firstId),
  ];
}

function fullGroup(s: Stream, g: Group, count: number, profile: SemanticsProfile): Reply {
  const pending: Reply[] = [];
  for (const n of g.pel.items) {
    if (count !== 0 && pending.length >= count) break;
    pending.push([n.entry.id, n.owner === null ? null : n.owner.name, n.deliveryTime, counterReply(n.deliveryCount)]);
  }
  const consumers = g.sortedConsumers().map((c) => {
    const own: Reply[] = [];
    for (const n of c.pel.items) {
      if (count !== 0 && own.length >= count) break;
      own.push([n.entry.id, n.deliveryTime, counterReply(n.deliveryCount)]);
    }
    return profile.activeTime
      ? ['name', c.name, 'seen-time', c.seenTime, 'active-time', c.activeTime, 'pel-count', c.pel.size, 'pending', own]
      : ['name', c.name, 'seen-time', c.seenTime, 'pel-count', c.pel.size, 'pending', own];
  });
  return [
    'name',
    g.name,
    'last-delivered-id',
    fmt(g.lastId),
    'entries-read',
    entriesRead(g),
    'lag',
    groupLag(s, g.lastId, g.entriesRead),
    'pel-count',
    g.pel.size,
    'pending',
    pending,
    'consumers',
    consumers,
  ];
}

function streamInfo(s: Stream, argv: readonly string[], profile: SemanticsProfile): Reply {
  const opts = argv.length - 3;
  if (opts === 0) {
    const first = s.firstLive();
    const last = s.lastLive();
    const out = header(s);
    out.push(
      'groups',
      s.groups.size,
      'first-entry',
      first === null ? null : entryReply(first),
      'last-entry',
      last === null ? null : entryReply(last),
    );
    return out;
  }
  if (!eqi(argv[3] as string, 'FULL')) throw subcommandSyntaxError(argv);
  let count = 10;
  if (opts > 1) {
    if (opts !== 3 || !eqi(argv[4] as string, 'COUNT')) throw subcommandSyntaxError(argv);
    count = integerArg(argv[5] as string);
    // A negative COUNT falls back to the default; 0 means everything.
    if (count < 0) count = 10;
  }
  const out = header(s);
  out.push(
    'entries',
    rangeReply(s, MIN_ID, MAX_ID, count, false),
    'groups',
    sortByName([...s.groups.values()]).map((g) => fullGroup(s, g, count, profile)),
  );
  return out;
}

/** `XINFO <subcommand> ...`; `sub` is the canonical upper-case subcommand name. */
export function xinfo(ks: Keyspace, argv: readonly string[], sub: string, now: number): Reply {
  if (sub === 'HELP') return [...HELP, ks.profile.helpFooter];
  const key = argv[2] as string;
  const s = ks.get(key);
  if (s === undefined) throw new RedisReplyError('ERR no such key');
  switch (sub) {
    case 'CONSUMERS': {
      const g = s.groups.get(argv[3] as string);
      if (g === undefined) throw noGroupForKey(key, argv[3] as string);
      return consumersInfo(g, now, ks.profile);
    }
    case 'GROUPS':
      return groupsInfo(s);
    default:
      return streamInfo(s, argv, ks.profile);
  }
}
