import { textToBytes } from './bytes.js';

/** An argument as ioredis accepts it: strings, numbers, and arrays of them (flattened one level). */
export type RedisArg = string | number | Buffer | readonly (string | number | Buffer)[];

/** One argument as the bytes ioredis would send: a Buffer as is, text and numbers as UTF-8. */
function argBytes(arg: string | number | Buffer): string {
  if (typeof arg === 'string') return textToBytes(arg);
  if (typeof arg === 'number') return String(arg);
  return arg.toString('latin1');
}

/**
 * Flattens arguments the way ioredis does before sending them, into byte strings (see bytes.ts):
 * a Buffer keeps its exact bytes, text becomes its UTF-8 encoding.
 */
export function flattenArgs(args: readonly RedisArg[]): string[] {
  const out: string[] = [];
  for (const arg of args) {
    if (Array.isArray(arg)) {
      for (const inner of arg as readonly (string | number | Buffer)[]) out.push(argBytes(inner));
    } else {
      out.push(argBytes(arg as string | number | Buffer));
    }
  }
  return out;
}
