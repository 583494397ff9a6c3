/**
 * The checkpoint survives `kill -9`: a real `pelsim sweep` child is SIGKILLed mid-sweep, `--resume`
 * finishes it, and the result is byte for byte the uninterrupted sweep's, every run exactly once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSweep } from '../../src/sweep/run-sweep.js';

const SCENARIO = 'test/sweep/fixtures/small.yaml';
const SEEDS = 20;
const TOTAL = 4 * 2 * SEEDS;

/** `node bin/pelsim.js …` as a real child process, so it can be killed with SIGKILL. */
function pelsim(args: string[]): ChildProcess {
  return spawn(process.execPath, ['bin/pelsim.js', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout?.resume();
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr })));
}

/** The whole lines of a file: a torn last line (no newline yet) is not counted. */
const lines = (path: string): string[] => (existsSync(path) ? readFileSync(path, 'utf8').split('\n').slice(0, -1) : []);

describe('kill -9 mid-sweep, then --resume', () => {
  it('loses no run, repeats none, and writes what an uninterrupted sweep writes', async () => {
    const root = mkdtempSync(join(tmpdir(), 'pelsim-sweep-kill-'));
    const out = join(root, 'killed');
    const checkpoint = join(out, 'checkpoint.jsonl');
    const args = ['sweep', SCENARIO, '--seeds', String(SEEDS), '--workers', '2', '--out', out];

    const child = pelsim(args);
    const done = exited(child);
    let saved = 0;
    for (let waited = 0; waited < 30_000 && saved < 25; waited += 10) {
      await new Promise((r) => setTimeout(r, 10));
      saved = lines(checkpoint).length - 1;
    }
    child.kill('SIGKILL');
    const killed = await done;
    expect(killed.signal, killed.stderr).toBe('SIGKILL');
    const before = lines(checkpoint).length - 1;
    expect(before).toBeGreaterThanOrEqual(25);
    expect(before).toBeLessThan(TOTAL);
    expect(existsSync(join(out, 'sweep.json'))).toBe(false);

    const resumed = await exited(pelsim([...args, '--resume']));
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(new RegExp(`${TOTAL} runs, ${before} resumed from the checkpoint`));

    const reference = await runSweep({ scenario: SCENARIO, seeds: SEEDS, workers: 2, out: join(root, 'reference') });
    expect(reference.ran).toBe(TOTAL);
    expect(readFileSync(join(out, 'sweep.json'), 'utf8')).toBe(readFileSync(join(reference.dir, 'sweep.json'), 'utf8'));
    const runs = readFileSync(join(out, 'runs.jsonl'), 'utf8');
    expect(runs).toBe(readFileSync(join(reference.dir, 'runs.jsonl'), 'utf8'));
    const keys = runs.trim().split('\n').map((l) => {
      const r = JSON.parse(l) as { cell: number; variant: string; seed: number };
      return `${r.cell}/${r.variant}/${r.seed}`;
    });
    expect(new Set(keys).size).toBe(TOTAL);
    expect(existsSync(checkpoint)).toBe(false);
  }, 90_000);
});
