/** An argument as ioredis accepts it: strings, numbers, and arrays of them (flattened one level). */
export type RedisArg = string | number | Buffer | readonly (string | number | Buffer)[];

/** Flattens and stringifies arguments the way ioredis does before sending them. */
export function flattenArgs(args: readonly RedisArg[]): string[] {
  const out: string[] = [];
  for (const arg of args) {
    if (Array.isArray(arg)) {
      for (const inner of arg as readonly (string | number | Buffer)[]) out.push(String(inner));
    } else {
      out.push(String(arg));
    }
  }
  return out;
}
