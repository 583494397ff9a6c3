/**
 * Property-based differential test: fast-check generates command sequences that interleave XADD,
 * XREADGROUP (new and history), XACK, XCLAIM, XAUTOCLAIM, XPENDING, XDEL, XTRIM, XGROUP and XINFO
 * across several consumers and groups; each sequence runs on a real redis-server and on the model,
 * and every reply (or error message) must agree. A failure prints fast-check's seed and the shrunk
 * command sequence, ready to paste into a hand-written case.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { useDifferential } from '../support/differential.js';
import { cycle } from '../support/items.js';

const RUNS = Number(process.env.PELSIM_PROPERTY_RUNS ?? 300);

const KEYS = ['s1', 's1', 's1', 's1', 's1', 's1', 's1', 's2'];
const GROUPS = ['g1', 'g1', 'g1', 'g2'];
const CONSUMERS = ['c1', 'c2', 'c3'];
const FAR = '86400000'; // a min-idle no entry reaches during a test: claims are deterministic

/** One generated step; `pick` chooses among IDs added so far, resolved when the sequence is built. */
type Step = { readonly op: string; readonly a: number; readonly b: number; readonly c: number; readonly pick: number };

const step: fc.Arbitrary<Step> = fc.record({
  // Weighted towards the operations that build and move PEL state; rare ones tear it down.
  op: fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('xadd', 'read-new', 'read-new', 'read-history', 'ack', 'claim', 'autoclaim', 'pending-ext') },
    { weight: 2, arbitrary: fc.constantFrom('read-noack', 'claim-far', 'claim-force', 'pending', 'info-consumers', 'info-groups', 'del', 'range', 'len') },
    { weight: 1, arbitrary: fc.constantFrom('xadd-star-seq', 'xadd-stale', 'create', 'createconsumer', 'delconsumer', 'destroy', 'setid', 'trim') },
  ),
  a: fc.nat(5),
  b: fc.nat(5),
  c: fc.nat(9),
  pick: fc.nat(50),
});

/** Turns steps into commands, giving XADD strictly increasing explicit IDs (plus deliberate misses). */
function materialize(steps: readonly Step[]): string[][] {
  const added: string[] = [];
  let ms = 1;
  const id = (pick: number) => (added.length === 0 ? '1-0' : cycle(added, pick));
  const key = (s: Step) => cycle(KEYS, s.a);
  const group = (s: Step) => cycle(GROUPS, s.b);
  const consumer = (s: Step) => cycle(CONSUMERS, s.c);
  // Every sequence starts from a stream with two groups and a few entries, so commands meet state.
  const prefix: string[][] = [
    ['XGROUP', 'CREATE', 's1', 'g1', '0', 'MKSTREAM'],
    ['XADD', 's1', '1-1', 'issue', '200'],
    ['XGROUP', 'CREATE', 's1', 'g2', '$'],
  ];
  added.push('1-1');
  return prefix.concat(steps.map((s): string[] => {
    switch (s.op) {
      case 'xadd': {
        ms += 1 + (s.c % 3);
        const newId = `${ms}-${s.b % 2}`;
        added.push(newId);
        const trim = s.pick % 7 === 0 ? ['MAXLEN', String(3 + (s.c % 4))] : [];
        return ['XADD', key(s), ...trim, newId, 'issue', String(200 + added.length)];
      }
      case 'xadd-star-seq':
        return ['XADD', key(s), `${ms}-*`, 'f', 'v'];
      case 'xadd-stale':
        return ['XADD', key(s), '1-0', 'f', 'v'];
      case 'create':
        return ['XGROUP', 'CREATE', key(s), group(s), cycle(['0', '$', id(s.pick)], s.c), ...(s.pick % 2 ? ['MKSTREAM'] : [])];
      case 'createconsumer':
        return ['XGROUP', 'CREATECONSUMER', key(s), group(s), consumer(s)];
      case 'delconsumer':
        return ['XGROUP', 'DELCONSUMER', key(s), group(s), consumer(s)];
      case 'destroy':
        return ['XGROUP', 'DESTROY', key(s), group(s)];
      case 'setid':
        return ['XGROUP', 'SETID', key(s), group(s), cycle(['0', '$', id(s.pick)], s.c)];
      case 'read-new':
        return ['XREADGROUP', 'GROUP', group(s), consumer(s), 'COUNT', String(1 + (s.pick % 3)), 'STREAMS', key(s), '>'];
      case 'read-history':
        return ['XREADGROUP', 'GROUP', group(s), consumer(s), ...(s.pick % 2 ? ['COUNT', '2'] : []), 'STREAMS', key(s), s.pick % 3 ? '0' : id(s.pick)];
      case 'read-noack':
        return ['XREADGROUP', 'GROUP', group(s), consumer(s), 'NOACK', 'STREAMS', key(s), '>'];
      case 'ack':
        return ['XACK', key(s), group(s), id(s.pick), ...(s.c % 2 ? [id(s.pick + 1)] : [])];
      case 'claim':
        return ['XCLAIM', key(s), group(s), consumer(s), '0', id(s.pick), ...(s.c % 2 ? ['JUSTID'] : []), ...(s.c % 3 === 0 ? ['RETRYCOUNT', '5'] : [])];
      case 'claim-far':
        return ['XCLAIM', key(s), group(s), consumer(s), FAR, id(s.pick), id(s.pick + 2)];
      case 'claim-force':
        return ['XCLAIM', key(s), group(s), consumer(s), '0', id(s.pick), 'FORCE', 'JUSTID', 'LASTID', id(s.pick + 1)];
      case 'autoclaim':
        return ['XAUTOCLAIM', key(s), group(s), consumer(s), s.c % 4 === 0 ? FAR : '0', s.pick % 2 ? '0-0' : id(s.pick), 'COUNT', String(1 + (s.c % 3)), ...(s.b % 2 ? ['JUSTID'] : [])];
      case 'pending':
        return ['XPENDING', key(s), group(s)];
      case 'pending-ext':
        return ['XPENDING', key(s), group(s), '-', '+', String(1 + (s.pick % 10)), ...(s.c % 2 ? [consumer(s)] : [])];
      case 'del':
        return ['XDEL', key(s), id(s.pick)];
      case 'trim':
        return ['XTRIM', key(s), 'MAXLEN', String(s.c % 5)];
      case 'info-groups':
        return ['XINFO', 'GROUPS', key(s)];
      case 'info-consumers':
        return ['XINFO', 'CONSUMERS', key(s), group(s)];
      case 'len':
        return ['XLEN', key(s)];
      default:
        return ['XRANGE', key(s), '-', '+', 'COUNT', String(1 + (s.pick % 5))];
    }
  }));
}

describe('model vs redis-server on generated command sequences', () => {
  const { diff } = useDifferential();

  it(`agrees on ${RUNS} sequences of up to 30 commands`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 30 }).map(materialize), async (argvs) => {
        await diff().reset();
        await diff().check(argvs);
      }),
      { numRuns: RUNS, verbose: fc.VerbosityLevel.None },
    );
  }, 240_000);
});
