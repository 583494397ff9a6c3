/**
 * Progress lines (issue 13): `pelsim hunt` shows schedules simulated against its budget, the
 * variant, wall time and an ETA on a terminal; no command ever draws a progress bar into a pipe.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { createHuntProgress } from '../../src/cli/hunt-progress.js';

/** A writable that says it is a terminal, keeping what is written. */
function fakeTerminal(): NodeJS.WriteStream & { text: string } {
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      stream.text += chunk.toString();
      done();
    },
  }) as unknown as NodeJS.WriteStream & { text: string };
  stream.text = '';
  Object.assign(stream, { isTTY: true, columns: 160, rows: 40, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
  return stream;
}

describe('the hunt progress line', () => {
  it('shows nothing in the first second, then schedules, variant, phase, wall time and ETA; stop clears it', () => {
    const terminal = fakeTerminal();
    let now = 0;
    const progress = createHuntProgress(terminal, () => now);
    now = 500;
    progress.update({ variant: 'a', index: 0, variants: 2, runs: 3, budget: 10, shrinking: false });
    expect(terminal.text).toBe('');
    now = 2_000;
    progress.update({ variant: 'b', index: 1, variants: 2, runs: 5, budget: 10, shrinking: false });
    // 15 of 20 schedules in 2 s: 5 left at 7.5/s.
    expect(terminal.text).toMatch(/hunting .* 15\/20 schedules \| variant 2\/2 \| searching \| 2s wall \| ETA 1s/);
    progress.stop();
  });

  it('has no ETA while shrinking (when fast-check stops cannot be foreseen)', () => {
    const terminal = fakeTerminal();
    let now = 0;
    const progress = createHuntProgress(terminal, () => now);
    now = 3_000;
    progress.update({ variant: 'b', index: 1, variants: 2, runs: 14, budget: 10, shrinking: true });
    expect(terminal.text).toMatch(/20\/20 schedules \| variant 2\/2 \| shrinking a violation \| 3s wall \| ETA \?/);
    progress.stop();
  });
});

describe('no progress bar into a pipe', () => {
  // The real CLI in a child process with stdout and stderr piped (not terminals), on work that
  // takes seconds: on a terminal each of these would draw a progress line.
  const dir = mkdtempSync(join(tmpdir(), 'pelsim-progress-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const cases: [string, string[]][] = [
    ['run', ['run', 'bench/scenarios/fleet-20-pods.yaml', '--no-charts', '--out', join(dir, 'run')]],
    ['sweep', ['sweep', 'scenarios/seed-story.yaml', '--seeds', '10', '--workers', '1', '--out', join(dir, 'sweep')]],
    ['hunt', ['hunt', 'scenarios/seed-story.yaml', '--invariant', 'no-lost-issues', '--variant', '2 replicas, pod-name id', '--budget', '60', '--out', join(dir, 'hunt.yaml')]],
  ];
  for (const [command, args] of cases) {
    it(`pelsim ${command}`, () => {
      const child = spawnSync(process.execPath, ['bin/pelsim.js', ...args], { encoding: 'utf8', timeout: 240_000 });
      expect(child.status, child.stderr).toBe(0);
      // No bar, no carriage return, no cursor escapes. (A sweep logs a plain line every 10 s and at
      // the end instead, on purpose: `kubectl logs` of a long sweep shows where it is.)
      for (const text of [child.stdout, child.stderr]) expect(text).not.toMatch(/[\r\u001b░█]|\| wall/);
      if (command !== 'sweep') expect(child.stderr).not.toMatch(/ETA/);
    }, 300_000);
  }
});
