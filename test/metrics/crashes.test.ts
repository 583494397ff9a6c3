import { describe, expect, it } from 'vitest';
import { accountCrashes, consumerFailure } from '../../src/metrics/crashes.js';
import type { TraceEvent } from '../../src/world/trace.js';
import { describeThrown } from '../../src/world/thrown.js';

const MIN = 60_000;
const pod = (incarnation: number, name = 'p-1') => ({ pod: name, consumer: 'c', incarnation });
const start = (min: number, incarnation: number, reason: 'initial' | 'restart' = 'initial', name = 'p-1'): TraceEvent =>
  ({ kind: 'pod-start', at: min * MIN, ...pod(incarnation, name), reason });
const crash = (min: number, incarnation: number, error: string, origin: 'consumer' | 'fault' = 'consumer', name = 'p-1'): TraceEvent =>
  ({ kind: 'pod-stop', at: min * MIN, ...pod(incarnation, name), reason: 'crash', error, origin });

describe('describeThrown', () => {
  it('names the class of a JavaScript error, keeps a Redis error code as its class, and says what a non-Error was', () => {
    expect(describeThrown(new TypeError('x is not a function'))).toBe('TypeError: x is not a function');
    expect(describeThrown(Object.assign(new Error("ERR unknown command 'FOO'"), { name: 'ReplyError' }))).toBe("ERR unknown command 'FOO'");
    expect(describeThrown(new Error('NOGROUP No such key'))).toBe('NOGROUP No such key');
    expect(describeThrown(new Error('first line\n    at stack'))).toBe('Error: first line');
    expect(describeThrown(new RangeError(''))).toBe('RangeError');
    expect(describeThrown('oops')).toBe('thrown string: "oops"');
    expect(describeThrown(null)).toBe('thrown null: null');
    expect(describeThrown(new Error('x'.repeat(500)))).toHaveLength(160);
  });
});

describe('accountCrashes', () => {
  it('counts crashes and the restarts that followed them per reason, in order of first occurrence', () => {
    const account = accountCrashes([
      start(0, 1), crash(5, 1, 'TypeError: a'), start(6, 2, 'restart'), crash(7, 2, 'injected container restart', 'fault'),
      start(8, 3, 'restart'), crash(9, 3, 'TypeError: a'), // no restart after the last crash: the run ended
    ]);
    expect(account.reasons).toEqual([
      { reason: 'TypeError: a', origin: 'consumer', crashes: 2, restarts: 1, first: { pod: 'p-1', at: 5 * MIN } },
      { reason: 'injected container restart', origin: 'fault', crashes: 1, restarts: 1, first: { pod: 'p-1', at: 7 * MIN } },
    ]);
    expect(account.consumerCrashes).toBe(2);
    // Incarnation 2 ended in an injected fault, not in the consumer's code.
    expect(account.everyStartCrashed).toBe(false);
  });

  it('every start crashed: over every pod, no container ran without its code crashing it', () => {
    const both = [start(0, 1), start(0, 2, 'initial', 'p-2'), crash(0, 1, 'E'), crash(0, 2, 'E', 'consumer', 'p-2'), start(1, 3, 'restart'), crash(1, 3, 'E')];
    expect(accountCrashes(both).everyStartCrashed).toBe(true);
    const oneRuns = [start(0, 1), start(0, 2, 'initial', 'p-2'), crash(0, 1, 'E')];
    expect(accountCrashes(oneRuns).everyStartCrashed).toBe(false);
    expect(accountCrashes([]).everyStartCrashed).toBe(false);
  });
});

describe('consumerFailure', () => {
  const none = accountCrashes([start(0, 1)]);
  it('no progress: issues dispatched, none merged and none being worked at the end', () => {
    expect(consumerFailure(none, { dispatched: 3, completed: 0, beingWorked: 0, consumer: 'c.mjs' })).toEqual({
      kind: 'no-progress',
      summary: 'the consumer never completed an issue while work was available (0/3 issues done, none being worked at the end); consumer: c.mjs',
      consumer: 'c.mjs',
    });
  });
  it('a run too short to finish its first issue, or with nothing to do, is not a failure', () => {
    expect(consumerFailure(none, { dispatched: 3, completed: 0, beingWorked: 1 })).toBeNull();
    expect(consumerFailure(none, { dispatched: 0, completed: 0, beingWorked: 0 })).toBeNull();
    expect(consumerFailure(none, { dispatched: 3, completed: 1, beingWorked: 0 })).toBeNull();
  });
  it('a crash loop names the first crash, its pod and virtual time', () => {
    const loop = accountCrashes([start(0, 1), crash(90.5, 1, 'TypeError: a')]);
    expect(consumerFailure(loop, { dispatched: 2, completed: 0, beingWorked: 0, consumer: 'c.mjs' })?.summary).toBe(
      'the consumer crashed on every start (1 crash, 0/2 issues done); first: TypeError: a (pod p-1, at 01:30:30, c.mjs)',
    );
  });
});
