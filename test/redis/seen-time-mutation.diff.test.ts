/**
 * The seen-time cases must be able to fail: a model whose XACK refreshes every consumer's seen-time
 * (a plausible bug, invisible while time-sensitive cases slept less than the clock tolerance) is
 * run on the XACK case of pending.diff.test.ts and must disagree with the server, while the real
 * model agrees. test/mutation/ checks more mutants against the whole suite.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Group } from '../../src/redis/model/group.js';
import { STALE_MS, expectSame, script, useDifferential } from '../support/differential.js';

const XACK_CASE = `
  XADD s 1 f v
  XADD s 2 f v
  XADD s 3 f v
  XGROUP CREATE s g 0
  XREADGROUP GROUP g a COUNT 2 STREAMS s >
  XREADGROUP GROUP g b STREAMS s >
  SLEEP ${STALE_MS}
  XACK s g 1
  XINFO CONSUMERS s g
  XINFO STREAM s FULL
`;

describe('a model whose XACK refreshes seen-times is caught', () => {
  const d = useDifferential();
  const realAck = Object.getOwnPropertyDescriptor(Group.prototype, 'ack') as PropertyDescriptor;
  afterEach(() => {
    Object.defineProperty(Group.prototype, 'ack', realAck);
  });

  it('the model as it is agrees with the server', async () => {
    await d.diff().check(script(XACK_CASE));
  });

  it('the mutated model differs on idle / seen-time by more than the tolerance', async () => {
    const ack = realAck.value as Group['ack'];
    Object.defineProperty(Group.prototype, 'ack', {
      ...realAck,
      // The diff harness runs the model at now = Date.now(), so this is the mutant's "now".
      value(this: Group, ms: Parameters<Group['ack']>[0], seq: Parameters<Group['ack']>[1]): boolean {
        for (const c of this.consumers.values()) c.seenTime = Date.now();
        return ack.call(this, ms, seq);
      },
    });
    const both = await d.diff().runBoth(script(XACK_CASE));
    expect(() => expectSame(both)).toThrow(/idle|seen-time|clock/);
  });
});
