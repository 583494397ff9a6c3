/**
 * A test-only RESP2/RESP3 reply reader that keeps what clients usually blur: status versus bulk
 * strings, maps versus arrays, RESP3 pushes versus arrays, errors. Used to compare raw conversations with a real server.
 */
import type { Socket } from 'node:net';

/** One reply, tagged by RESP type. Bulk strings are plain strings (latin1); nils are null. */
export type Tagged =
  | string
  | number
  | null
  | { readonly status: string }
  | { readonly error: string }
  | { readonly map: [Tagged, Tagged][] }
  | { readonly push: Tagged[] }
  | Tagged[];

/** Parses one reply at `at`; undefined when the buffer holds less than a whole reply. */
function parse(buf: Buffer, at: number): { value: Tagged; next: number } | undefined {
  if (at >= buf.length) return undefined;
  const cr = buf.indexOf(13, at);
  if (cr < 0 || cr + 1 >= buf.length) return undefined;
  const type = String.fromCharCode(buf[at] as number);
  const line = buf.toString('latin1', at + 1, cr);
  let next = cr + 2;
  switch (type) {
    case '+':
      return { value: { status: line }, next };
    case '-':
      return { value: { error: line }, next };
    case ':':
      return { value: Number(line), next };
    case '_':
      return { value: null, next };
    case '$': {
      const n = Number(line);
      if (n < 0) return { value: null, next };
      if (next + n + 2 > buf.length) return undefined;
      return { value: buf.toString('latin1', next, next + n), next: next + n + 2 };
    }
    case '*':
    case '>':
    case '%': {
      const n = Number(line);
      if (n < 0) return { value: null, next };
      const items: Tagged[] = [];
      for (let i = 0; i < (type === '%' ? 2 * n : n); i++) {
        const item = parse(buf, next);
        if (item === undefined) return undefined;
        items.push(item.value);
        next = item.next;
      }
      if (type === '*') return { value: items, next };
      if (type === '>') return { value: { push: items }, next };
      const map: [Tagged, Tagged][] = [];
      for (let i = 0; i < items.length; i += 2) map.push([items[i] as Tagged, items[i + 1] as Tagged]);
      return { value: { map }, next };
    }
    default:
      throw new Error(`unexpected RESP type byte ${JSON.stringify(type)}`);
  }
}

/** Collects replies from a socket, in order. */
export class ReplyReader {
  private buffer = Buffer.alloc(0);
  private readonly replies: Tagged[] = [];
  /** Each reply's bytes as they came (latin1), beside {@link replies}. */
  private readonly raw: string[] = [];
  private waiter: (() => void) | undefined;

  constructor(socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      for (let r = parse(this.buffer, 0); r !== undefined; r = parse(this.buffer, 0)) {
        this.replies.push(r.value);
        this.raw.push(this.buffer.toString('latin1', 0, r.next));
        this.buffer = this.buffer.subarray(r.next);
      }
      this.waiter?.();
    });
  }

  /** Replies received so far and not yet taken. */
  get available(): number {
    return this.replies.length;
  }

  /** Waits for `n` more replies and returns them. */
  async take(n: number): Promise<Tagged[]> {
    while (this.replies.length < n) {
      await new Promise<void>((resolve) => (this.waiter = resolve));
    }
    this.raw.splice(0, n);
    return this.replies.splice(0, n);
  }

  /** Waits for `n` more replies and returns their bytes exactly as received (latin1). */
  async takeRaw(n: number): Promise<string[]> {
    while (this.replies.length < n) {
      await new Promise<void>((resolve) => (this.waiter = resolve));
    }
    this.replies.splice(0, n);
    return this.raw.splice(0, n);
  }
}

/** A command in RESP array form, latin1 (one char per byte). */
export function encodeCommand(argv: readonly string[]): string {
  let out = `*${argv.length}\r\n`;
  for (const a of argv) out += `$${Buffer.byteLength(a, 'latin1')}\r\n${a}\r\n`;
  return out;
}
