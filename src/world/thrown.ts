/**
 * What consumer code threw, as one line that names its class: the reason a crash is counted under.
 * Two crashes with the same line are the same bug, so the line holds no stack and no object dump.
 */

/** Longest reason kept: enough for a Redis error with its arguments, short enough for a table. */
const MAX_LENGTH = 160;

/** A Redis error reply starts with its code in capitals (`ERR`, `NOGROUP`, `WRONGTYPE`): the code is its class. */
const REDIS_CODE = /^[A-Z][A-Z_]+ /;

/**
 * `TypeError: x is not a function`, `ERR unknown command 'FOO', …`, `NOGROUP No such key …`, or
 * for a thrown non-Error `thrown string: "oops"`. First line only, trimmed to {@link MAX_LENGTH}.
 */
export function describeThrown(error: unknown): string {
  let text: string;
  if (error instanceof Error) {
    const message = (error.message.split('\n')[0] ?? '').trim();
    text = REDIS_CODE.test(message) ? message : message === '' ? error.name : `${error.name}: ${message}`;
  } else {
    text = `thrown ${error === null ? 'null' : typeof error}: ${safeString(error)}`;
  }
  return text.length > MAX_LENGTH ? `${text.slice(0, MAX_LENGTH - 1)}…` : text;
}

function safeString(value: unknown): string {
  try {
    return typeof value === 'string' ? JSON.stringify(value) : String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}
