/**
 * XGROUP CREATE / SETID / DESTROY / CREATECONSUMER / DELCONSUMER / HELP (Redis 7.0).
 * The dispatcher has already checked each subcommand's arity.
 */
import { eqi, noGroupForKey, subcommandSyntaxError } from '../args.js';
import { counterArg, type Counter } from '../counters.js';
import { Group } from '../group.js';
import { MIN_ID, parseId, type StreamId } from '../ids.js';
import type { Keyspace } from '../keyspace.js';
import { INVALID_ENTRIES_READ } from '../lag.js';
import type { Stream } from '../stream.js';
import { RedisReplyError, type Reply } from '../types.js';

const ERR_KEY_REQUIRED =
  'ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want to use the ' +
  'MKSTREAM option to create an empty stream automatically.';

const HELP: readonly string[] = [
  'XGROUP <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'CREATE <key> <groupname> <id|$> [option]',
  '    Create a new consumer group. Options are:',
  '    * MKSTREAM',
  '      Create the empty stream if it does not exist.',
  '    * ENTRIESREAD entries_read',
  "      Set the group's entries_read counter (internal use).",
  'CREATECONSUMER <key> <groupname> <consumer>',
  '    Create a new consumer in the specified group.',
  'DELCONSUMER <key> <groupname> <consumer>',
  '    Remove the specified consumer.',
  'DESTROY <key> <groupname>',
  '    Remove the specified group.',
  'SETID <key> <groupname> <id|$> [ENTRIESREAD entries_read]',
  '    Set the current group ID and entries_read counter.',
  'HELP',
];

function entriesReadArg(text: string): Counter {
  const n = counterArg(text);
  if (n < 0 && n !== INVALID_ENTRIES_READ) {
    throw new RedisReplyError('ERR value for ENTRIESREAD must be positive or -1');
  }
  return n;
}

/** `XGROUP <subcommand> ...`; `sub` is the canonical upper-case subcommand name. */
export function xgroup(ks: Keyspace, argv: readonly string[], sub: string, now: number): Reply {
  if (sub === 'HELP') return [...HELP, ks.profile.helpFooter];
  const argc = argv.length;
  const key = argv[2] as string;
  const groupName = argv[3] as string;
  let mkstream = false;
  let entriesRead: Counter = INVALID_ENTRIES_READ;

  // CREATE and SETID options are read first, whatever the argument count (checked per subcommand below).
  for (let i = 5; i < argc; ) {
    const opt = argv[i] as string;
    if (sub === 'CREATE' && eqi(opt, 'MKSTREAM')) {
      mkstream = true;
      i++;
    } else if ((sub === 'CREATE' || sub === 'SETID') && eqi(opt, 'ENTRIESREAD') && i + 1 < argc) {
      entriesRead = entriesReadArg(argv[i + 1] as string);
      i += 2;
    } else {
      throw subcommandSyntaxError(argv);
    }
  }

  let stream = ks.get(key);
  const group = stream?.groups.get(groupName);
  if (!mkstream) {
    if (stream === undefined) throw new RedisReplyError(ERR_KEY_REQUIRED);
    if (group === undefined && (sub === 'SETID' || sub === 'CREATECONSUMER' || sub === 'DELCONSUMER')) {
      throw noGroupForKey(key, groupName);
    }
  }

  switch (sub) {
    case 'CREATE': {
      if (argc > 8) throw subcommandSyntaxError(argv);
      const idArg = argv[4] as string;
      const id: StreamId = idArg === '$' ? (stream?.lastId ?? MIN_ID) : parseId(idArg, 0, true);
      if (stream === undefined) stream = ks.create(key);
      if (stream.groups.has(groupName)) {
        throw new RedisReplyError('BUSYGROUP Consumer Group name already exists');
      }
      stream.groups.set(groupName, new Group(groupName, id, entriesRead));
      return 'OK';
    }
    case 'SETID': {
      if (argc !== 5 && argc !== 7) throw subcommandSyntaxError(argv);
      const s = stream as Stream;
      const g = group as Group;
      const idArg = argv[4] as string;
      g.lastId = idArg === '$' ? s.lastId : parseId(idArg, 0, false);
      g.entriesRead = entriesRead;
      return 'OK';
    }
    case 'DESTROY': {
      if (group === undefined) return 0;
      (stream as Stream).groups.delete(groupName);
      // Wakes readers blocked on this group so they get -NOGROUP.
      ks.signal(key);
      return 1;
    }
    case 'CREATECONSUMER':
      return (group as Group).createConsumer(argv[4] as string, now) ? 1 : 0;
    case 'DELCONSUMER':
      return (group as Group).deleteConsumer(argv[4] as string);
    default:
      throw subcommandSyntaxError(argv);
  }
}
