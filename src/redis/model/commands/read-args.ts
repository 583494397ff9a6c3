/**
 * The options of XREAD and XREADGROUP, parsed by one loop as Redis's `xreadCommand` parses both:
 * the same tokens mean the same things, and the group-only tokens are refused on XREAD with its
 * own texts.
 */
import { ERR_SYNTAX, blockTimeoutArg, eqi, integerArg } from '../args.js';
import type { Keyspace } from '../keyspace.js';
import { RedisReplyError, type ExecOptions } from '../types.js';

const ERR_GROUP = 'ERR The GROUP option is only supported by XREADGROUP. You called XREAD instead.';
const ERR_NOACK = 'ERR The NOACK option is only supported by XREADGROUP. You called XREAD instead.';

/** What a read command asked for, before any key is looked at. */
export interface ReadArgs {
  /** BLOCK's milliseconds; -1 without BLOCK. */
  readonly timeout: number;
  /** Some BLOCK value is long enough (16+ characters) for its deadline to depend on the clock. */
  readonly blockNeedsClock: boolean;
  /** COUNT, 0 for none. */
  readonly count: number;
  readonly noack: boolean;
  /** Index in argv of the first key after STREAMS, and how many keys there are. */
  readonly streamsArg: number;
  readonly streamsCount: number;
  /** GROUP's group and consumer (XREADGROUP only); `null` when GROUP was not given. */
  readonly group: { readonly name: string; readonly consumer: string } | null;
}

/** Parses `argv` (the command name first) of `XREAD` (`xgroup` false) or `XREADGROUP`. */
export function parseReadArgs(ks: Keyspace, argv: readonly string[], now: number, xgroup: boolean, options: ExecOptions): ReadArgs {
  const argc = argv.length;
  let timeout = -1;
  let blockNeedsClock = false;
  let count = 0;
  let noack = false;
  let streamsArg = 0;
  let streamsCount = 0;
  let group: ReadArgs['group'] = null;
  for (let i = 1; i < argc; i++) {
    const more = argc - i - 1;
    const o = argv[i] as string;
    if (more > 0 && eqi(o, 'BLOCK')) {
      if (options.fromScript === true && ks.profile.scripting.blockRefused) {
        throw new RedisReplyError(`ERR ${argv[0] as string} command is not allowed with BLOCK option from scripts`);
      }
      i++;
      if ((argv[i] as string).length >= 16) blockNeedsClock = true;
      timeout = blockTimeoutArg(argv[i] as string, now, ks.profile);
    } else if (more > 0 && eqi(o, 'COUNT')) {
      i++;
      count = Math.max(0, integerArg(argv[i] as string));
    } else if (more > 0 && eqi(o, 'STREAMS')) {
      streamsArg = i + 1;
      streamsCount = argc - streamsArg;
      if (streamsCount % 2 !== 0) throw new RedisReplyError(ks.profile.unbalancedStreams(xgroup ? 'xreadgroup' : 'xread'));
      streamsCount /= 2;
      break;
    } else if (more >= 2 && eqi(o, 'GROUP')) {
      if (!xgroup) throw new RedisReplyError(ERR_GROUP);
      group = { name: argv[i + 1] as string, consumer: argv[i + 2] as string };
      i += 2;
    } else if (eqi(o, 'NOACK')) {
      if (!xgroup) throw new RedisReplyError(ERR_NOACK);
      noack = true;
    } else {
      throw new RedisReplyError(ERR_SYNTAX);
    }
  }
  if (streamsArg === 0) throw new RedisReplyError(ERR_SYNTAX);
  return { timeout, blockNeedsClock, count, noack, streamsArg, streamsCount, group };
}
