/** What a process waits on, in words, for errors about it (stuck, livelocked, waiting on something foreign). */
import { Process } from './process.js';

/**
 * What a process waits on, as given to `createWait`: a command's argv, a sleep's milliseconds, a
 * joined process, or a phrase.
 */
export type OperationLabel = string | number | Process | readonly string[];

/** `XREADGROUP GROUP g c …`, `sleep 5000 ms`, `join "pod-a"`: an operation for an error message. */
export function describeOperation(what: OperationLabel | undefined): string | undefined {
  if (what === undefined) return undefined;
  if (typeof what === 'number') return `sleep ${what} ms`;
  if (typeof what === 'string') return what;
  if (what instanceof Process) return `join "${what.name}"`;
  const [command = '', ...args] = what;
  const text = [command.toUpperCase(), ...args].join(' ');
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
