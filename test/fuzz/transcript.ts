/**
 * Shrinking a diverging sequence to a minimal one, and printing it as lines to paste into
 * `redis-cli` (each with what the real server and the model answered).
 */
import type { Outcome } from '../support/differential.js';
import type { Sequence, Step } from './generator.js';
import type { RunResult } from './runner.js';

/**
 * The smallest sequence (no single step can be removed) that still diverges, found by removing
 * chunks of steps, halving the chunk size down to one step (delta debugging). `diverges` runs a
 * candidate from empty servers.
 */
export async function shrink(
  sequence: Sequence,
  diverges: (candidate: Sequence) => Promise<RunResult | null>,
): Promise<{ sequence: Sequence; result: RunResult | null }> {
  let current = sequence;
  let result: RunResult | null = null;
  for (let chunk = Math.max(1, Math.floor(current.length / 2)); chunk >= 1; chunk = Math.floor(chunk / 2)) {
    let removedAny = true;
    while (removedAny) {
      removedAny = false;
      for (let start = 0; start < current.length; start += chunk) {
        const candidate = [...current.slice(0, start), ...current.slice(start + chunk)];
        if (candidate.length === 0) continue;
        const r = await diverges(candidate);
        if (r !== null) {
          current = candidate;
          result = r;
          removedAny = true;
          start -= chunk;
        }
      }
    }
  }
  return { sequence: current, result };
}

/** Quotes one argument the way redis-cli reads it back. */
export function cliArg(arg: string): string {
  if (arg !== '' && /^[\x21-\x7e]+$/.test(arg) && !/["'\\]/.test(arg)) return arg;
  return `"${arg.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r')}"`;
}

/** A command as one redis-cli line. */
export function cliLine(argv: readonly string[]): string {
  return argv.map(cliArg).join(' ');
}

/** An outcome as redis-cli would print it, on one line. */
export function describeOutcome(o: Outcome): string {
  if ('error' in o) return `(error) ${o.error}`;
  if ('blocked' in o) return '(blocked)';
  return JSON.stringify(o.reply);
}

/** The steps as redis-cli lines; a wake step's blocking read is a comment (it needs a second redis-cli). */
export function sequenceLines(sequence: Sequence): string[] {
  const out: string[] = [];
  for (const step of sequence as Step[]) {
    if (step.kind === 'command') {
      out.push(cliLine(step.argv));
    } else {
      out.push(`# in a second redis-cli, blocking: ${cliLine(step.blocked)}`);
      out.push(cliLine(step.argv));
    }
  }
  return out;
}

/** A minimal diverging transcript: the commands, then both answers to the one that differs. */
export function divergenceTranscript(header: string, sequence: Sequence, result: RunResult): string {
  const lines = [`# ${header}`, ...sequenceLines(sequence)];
  const d = result.divergence;
  if (d !== null) {
    const r = result.results[d.at];
    if (r !== undefined) {
      lines.push(`# differs at: ${r.connection === 2 ? '(second connection) ' : ''}${cliLine(r.argv)}  [${d.what}]`);
      lines.push(`#   real : ${describeOutcome(r.real)}`);
      lines.push(`#   model: ${describeOutcome(r.model)}`);
    }
  }
  return lines.join('\n');
}
