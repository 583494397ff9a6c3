/**
 * XADD and XTRIM, which share Redis's option parser (`streamParseAddOrTrimArgsOrReply`).
 *
 * Approximate trimming (`~`) is modelled exactly as Redis 7.0 does it: only whole listpack nodes are
 * dropped, so on a small stream (one node) `MAXLEN ~ n` removes nothing. The node layout is tracked
 * in stream.ts for precisely this reason.
 */
import { ERR_NOT_INTEGER, eqi, integerArg, syntaxError } from '../args.js';
import {
  MIN_ID,
  U64_MAX,
  incrPart,
  isMaxId,
  parseId,
  parseXaddId,
  type IdPart,
  type StreamId,
  type XaddId,
} from '../ids.js';
import type { Keyspace } from '../keyspace.js';
import type { TrimSpec } from '../stream.js';
import { RedisReplyError, type Reply } from '../types.js';
import { arityError } from './arity.js';

// Trimming strategies (plain constants: const enums do not survive per-file transpilation).
const NONE = 0;
const MAXLEN = 1;
const MINID = 2;

/**
 * Redis's default LIMIT for `~` trimming: 100 × stream-node-max-entries, at least 1 (10000 when
 * the setting is 0) and at most 1000000.
 */
function defaultApproxLimit(maxEntries: number): number {
  const limit = 100 * maxEntries;
  if (limit <= 0) return 10000;
  return Math.min(limit, 1000000);
}

interface AddTrimArgs {
  trim: TrimSpec | null;
  nomkstream: boolean;
  /** XADD: index of the ID argument (argv.length when none was found). */
  idPos: number;
  /** XADD: the explicit ID, or null for `*`. */
  id: XaddId | null;
}

const ERR_ID_TOO_SMALL = 'ERR The ID specified in XADD is equal or smaller than the target stream top item';

function fail(message: string): never {
  throw new RedisReplyError(message);
}

function parseAddOrTrim(argv: readonly string[], xadd: boolean, nodeMaxEntries: number): AddTrimArgs {
  let strategy: number = NONE;
  let maxlen = -1;
  let minid: StreamId = MIN_ID;
  let approx = false;
  let limit = 0;
  let limitGiven = false;
  let nomkstream = false;
  let id: XaddId | null = null;
  const argc = argv.length;
  let i = 2;
  for (; i < argc; i++) {
    const more = argc - 1 - i;
    const opt = argv[i] as string;
    if (xadd && opt === '*') break;
    const isMaxlen = more > 0 && eqi(opt, 'MAXLEN');
    if (isMaxlen || (more > 0 && eqi(opt, 'MINID'))) {
      if (strategy !== NONE) {
        fail('ERR syntax error, MAXLEN and MINID options at the same time are not compatible');
      }
      approx = false;
      const next = argv[i + 1] as string;
      if (more >= 2 && next === '~') {
        approx = true;
        i++;
      } else if (more >= 2 && next === '=') {
        i++;
      }
      const threshold = argv[i + 1] as string;
      if (isMaxlen) {
        maxlen = integerArg(threshold, ERR_NOT_INTEGER);
        if (maxlen < 0) fail('ERR The MAXLEN argument must be >= 0.');
        strategy = MAXLEN;
      } else {
        minid = parseId(threshold, 0, true);
        strategy = MINID;
      }
      i++;
    } else if (more > 0 && eqi(opt, 'LIMIT')) {
      limit = integerArg(argv[i + 1] as string);
      if (limit < 0) fail('ERR The LIMIT argument must be >= 0.');
      limitGiven = true;
      i++;
    } else if (xadd && eqi(opt, 'NOMKSTREAM')) {
      nomkstream = true;
    } else if (xadd) {
      id = parseXaddId(opt);
      break;
    } else {
      syntaxError();
    }
  }
  if (limit !== 0 && strategy === NONE) {
    fail('ERR syntax error, LIMIT cannot be used without specifying a trimming strategy');
  }
  if (!xadd && strategy === NONE) {
    fail('ERR syntax error, XTRIM must be called with a trimming strategy');
  }
  if (limitGiven) {
    if (!approx) fail('ERR syntax error, LIMIT cannot be used without the special ~ option');
  } else {
    limit = approx ? defaultApproxLimit(nodeMaxEntries) : 0;
  }
  const trim =
    strategy === NONE
      ? null
      : { maxlen: strategy === MAXLEN ? maxlen : -1, minid, approx, limit };
  return { trim, nomkstream, idPos: i, id };
}

/** `XADD key [NOMKSTREAM] [MAXLEN|MINID [=|~] threshold [LIMIT n]] *|id field value [...]`. */
export function xadd(ks: Keyspace, argv: readonly string[], now: number): Reply {
  const args = parseAddOrTrim(argv, true, ks.nodeLimits.maxEntries);
  const fieldPos = args.idPos + 1;
  const nfields = argv.length - fieldPos;
  if (nfields < 2 || nfields % 2 === 1) throw arityError(argv[0] as string);
  const given = args.id;
  if (given !== null && given.seqGiven && given.ms === 0 && given.seq === 0) {
    fail('ERR The ID specified in XADD must be greater than 0-0');
  }
  const key = argv[1] as string;
  let stream = ks.get(key);
  if (stream === undefined) {
    if (args.nomkstream) return null;
    stream = ks.create(key);
  }
  const last = stream.lastId;
  if (isMaxId(last)) fail('ERR The stream has exhausted the last possible ID, unable to add more items');
  // Plain locals rather than an ID object: this is every simulated producer's hot path.
  let ms: IdPart;
  let seq: IdPart;
  if (given === null) {
    if (now > last.ms) {
      ms = now;
      seq = 0;
    } else if (last.seq !== U64_MAX) {
      ms = last.ms;
      seq = incrPart(last.seq);
    } else {
      // last.ms is below UINT64_MAX: the maximal last ID was refused above.
      ms = incrPart(last.ms);
      seq = 0;
    }
  } else if (!given.seqGiven && given.ms === last.ms) {
    if (last.seq === U64_MAX) {
      fail(ks.profile.xaddExhaustedSeqIsTooSmall ? ERR_ID_TOO_SMALL : 'ERR Elements are too large to be stored');
    }
    ms = last.ms;
    seq = incrPart(last.seq);
  } else {
    ms = given.ms;
    seq = given.seq;
  }
  if (ms < last.ms || (ms === last.ms && seq <= last.seq)) fail(ERR_ID_TOO_SMALL);
  const fields = argv.slice(fieldPos) as string[];
  const entry = stream.append(ms, seq, fields);
  if (args.trim !== null) stream.trim(args.trim);
  ks.signal(key);
  return entry.id;
}

/** `XTRIM key MAXLEN|MINID [=|~] threshold [LIMIT n]`. */
export function xtrim(ks: Keyspace, argv: readonly string[]): Reply {
  const args = parseAddOrTrim(argv, false, ks.nodeLimits.maxEntries);
  const stream = ks.get(argv[1] as string);
  if (stream === undefined) return 0;
  return stream.trim(args.trim as TrimSpec);
}
