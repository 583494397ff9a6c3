/**
 * Incremental parser of client requests: RESP arrays of bulk strings (what every client library
 * sends) and inline commands (what `telnet`/`redis-cli` piping may send). Arguments come out as
 * latin1 strings, one char per byte, so binary payloads pass through unchanged.
 */

/** A malformed request; Redis replies `-ERR Protocol error: ...` and closes the connection. */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
}

/** Redis's limits (proto-max-bulk-len 512 MB; 1M multibulk arguments). */
const MAX_BULK_LENGTH = 512 * 1024 * 1024;
const MAX_MULTIBULK = 1024 * 1024;

const CR = 13;
const STAR = 42;
const DOLLAR = 36;

/** Feeds bytes in, takes complete commands out. */
export class RequestParser {
  private buffer: Buffer = Buffer.alloc(0);
  private offset = 0;

  /** Appends received bytes. */
  push(chunk: Buffer): void {
    if (this.offset >= this.buffer.length) {
      this.buffer = chunk;
    } else {
      this.buffer = Buffer.concat([this.buffer.subarray(this.offset), chunk]);
    }
    this.offset = 0;
  }

  /**
   * The next complete command, or undefined when more bytes are needed. An empty inline line is
   * skipped, as Redis does.
   * @throws ProtocolError for malformed input; the connection cannot continue after one.
   */
  next(): string[] | undefined {
    for (;;) {
      const buf = this.buffer;
      const start = this.offset;
      if (start >= buf.length) return undefined;
      if (buf[start] !== STAR) {
        const line = this.readLine(start);
        if (line === undefined) return undefined;
        this.offset = line.next;
        const argv = splitInline(line.text);
        if (argv.length === 0) continue;
        return argv;
      }
      const header = this.readLine(start + 1);
      if (header === undefined) return undefined;
      const count = parseCount(header.text, 'multibulk length');
      if (count > MAX_MULTIBULK) throw new ProtocolError('Protocol error: invalid multibulk length');
      let at = header.next;
      if (count <= 0) {
        this.offset = at;
        continue;
      }
      const argv: string[] = new Array<string>(count);
      for (let i = 0; i < count; i++) {
        if (at >= buf.length) return undefined;
        if (buf[at] !== DOLLAR) {
          throw new ProtocolError(`Protocol error: expected '$', got '${String.fromCharCode(buf[at] as number)}'`);
        }
        const len = this.readLine(at + 1);
        if (len === undefined) return undefined;
        const n = parseCount(len.text, 'bulk length');
        if (n < 0 || n > MAX_BULK_LENGTH) throw new ProtocolError('Protocol error: invalid bulk length');
        const end = len.next + n;
        if (end + 2 > buf.length) return undefined;
        argv[i] = buf.toString('latin1', len.next, end);
        at = end + 2;
      }
      this.offset = at;
      return argv;
    }
  }

  private readLine(from: number): { text: string; next: number } | undefined {
    const buf = this.buffer;
    const cr = buf.indexOf(CR, from);
    if (cr < 0 || cr + 1 >= buf.length) {
      if (buf.length - from > 64 * 1024) throw new ProtocolError('Protocol error: too big inline request');
      return undefined;
    }
    return { text: buf.toString('latin1', from, cr), next: cr + 2 };
  }
}

function parseCount(text: string, what: string): number {
  if (!/^-?[0-9]+$/.test(text)) throw new ProtocolError(`Protocol error: invalid ${what}`);
  return Number(text);
}

/** Splits an inline command on blanks, honouring "double" and 'single' quotes like redis-cli. */
function splitInline(line: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  for (let m = re.exec(line); m !== null; m = re.exec(line)) {
    if (m[1] !== undefined) out.push(m[1].replace(/\\(.)/g, '$1'));
    else out.push(m[2] ?? (m[3] as string));
  }
  return out;
}
