/**
 * The one representation of Redis strings inside pelsim: a JS string whose every char is one byte
 * (latin1), exactly the bytes Redis stores. The RESP connection hands the model such strings
 * already; the direct client turns its callers' text into UTF-8 bytes on the way in and back into
 * text on the way out, as ioredis does on a socket. Sizes (listpack, MEMORY USAGE), hashes and Lua
 * then count bytes, whichever client wrote the value.
 */

/**
 * True when every char of `s` is ASCII, so its text and its bytes are the same string. A loop, not
 * a regular expression: every string of every reply passes here, most of them a few chars long.
 */
export function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** Text as the byte string of its UTF-8 encoding (ASCII text is returned as is). */
export function textToBytes(s: string): string {
  return isAscii(s) ? s : Buffer.from(s, 'utf8').toString('latin1');
}

/** A byte string read back as UTF-8 text, as ioredis decodes a bulk reply (ASCII as is). */
export function bytesToText(s: string): string {
  return isAscii(s) ? s : Buffer.from(s, 'latin1').toString('utf8');
}
