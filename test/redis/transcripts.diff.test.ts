/**
 * The redis-cli transcripts A–D of duplicate-mechanism.md, replayed on a real redis-server and on
 * the model (same commands, same sleeps; idle values compared within the usual tolerance).
 */
import { describe, it } from 'vitest';
import { script, useDifferential } from '../support/differential.js';

describe('duplicate-mechanism.md transcripts', () => {
  const d = useDifferential();
  const check = (text: string) => d.diff().check(script(text));

  it('A: two processes sharing one consumer name', () =>
    check(`
      XGROUP CREATE jobs workers $ MKSTREAM
      XADD jobs 1-0 task a
      XADD jobs 2-0 task b
      # P1 (consumer name 'worker') takes 1-0
      XREADGROUP GROUP workers worker COUNT 1 STREAMS jobs >
      # P2 boots with the same name and drains 'its' history with ID 0: the duplicate
      XREADGROUP GROUP workers worker STREAMS jobs 0
      XPENDING jobs workers - + 10
      XINFO CONSUMERS jobs workers
      # P2 switches to > and gets only never-delivered entries
      XREADGROUP GROUP workers worker COUNT 1 STREAMS jobs >
      XREADGROUP GROUP workers worker STREAMS jobs 0
      # P2 acks 1-0 first, P1 acks it later
      XACK jobs workers 1-0
      XACK jobs workers 1-0
    `));

  it('B: restart under a new name, stranded entries, XAUTOCLAIM recovery', () =>
    check(`
      XGROUP CREATE jobs workers $ MKSTREAM
      XADD jobs 1-0 task a
      XADD jobs 2-0 task b
      XADD jobs 3-0 task c
      XREADGROUP GROUP workers pod-a COUNT 2 STREAMS jobs >
      SLEEP 1200
      XREADGROUP GROUP workers pod-b STREAMS jobs 0
      XREADGROUP GROUP workers pod-b STREAMS jobs >
      XPENDING jobs workers
      XINFO CONSUMERS jobs workers
      XAUTOCLAIM jobs workers pod-b 1000 0-0
      XPENDING jobs workers - + 10
      XINFO CONSUMERS jobs workers
      XGROUP DELCONSUMER jobs workers pod-a
    `));

  it('C: processing outlasts min-idle-time, the entry is claimed while still being worked on', () =>
    check(`
      XGROUP CREATE jobs workers $ MKSTREAM
      XADD jobs 1-0 task slow
      XREADGROUP GROUP workers pod-a STREAMS jobs >
      SLEEP 1200
      XAUTOCLAIM jobs workers pod-b 1000 0-0
      XPENDING jobs workers - + 10
      XREADGROUP GROUP workers pod-a STREAMS jobs 0
      SLEEP 1200
      XAUTOCLAIM jobs workers pod-c 1000 0-0 JUSTID
      XPENDING jobs workers - + 10
      XACK jobs workers 1-0
      XACK jobs workers 1-0
    `));

  it('D: DELCONSUMER on a consumer that still owns entries loses them', () =>
    check(`
      XGROUP CREATE jobs workers $ MKSTREAM
      XADD jobs 1-0 task a
      XREADGROUP GROUP workers pod-a STREAMS jobs >
      XGROUP DELCONSUMER jobs workers pod-a
      XPENDING jobs workers
      XAUTOCLAIM jobs workers pod-b 0 0-0
      XREADGROUP GROUP workers pod-b STREAMS jobs >
      XRANGE jobs - +
    `));
});
