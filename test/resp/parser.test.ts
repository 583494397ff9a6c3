import { describe, expect, it } from 'vitest';
import { encodeReply } from '../../src/redis/resp/encoder.js';
import { ProtocolError, RequestParser } from '../../src/redis/resp/parser.js';
import { MapReply, StatusReply } from '../../src/redis/resp/values.js';
import { RedisReplyError } from '../../src/redis/model/types.js';

function parseAll(...chunks: Buffer[]): string[][] {
  const parser = new RequestParser();
  const out: string[][] = [];
  for (const chunk of chunks) {
    parser.push(chunk);
    for (let argv = parser.next(); argv !== undefined; argv = parser.next()) out.push(argv);
  }
  return out;
}

describe('RequestParser', () => {
  it('parses pipelined arrays split at every byte, keeping every byte value', () => {
    const payload = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const wire = Buffer.concat([
      Buffer.from(`*3\r\n$4\r\nXADD\r\n$1\r\ns\r\n$${payload.length}\r\n`),
      payload,
      Buffer.from('\r\n*1\r\n$4\r\nPING\r\n'),
    ]);
    const split = [...wire].map((b) => Buffer.from([b]));
    const commands = parseAll(...split);
    expect(commands).toHaveLength(2);
    expect(Buffer.from(commands[0]?.[2] as string, 'latin1').equals(payload)).toBe(true);
    expect(commands[1]).toEqual(['PING']);
  });

  it('parses inline commands with quotes and skips empty lines', () => {
    expect(parseAll(Buffer.from('\r\nSET k "a b"\r\nGET \'k\'\r\n'))).toEqual([['SET', 'k', 'a b'], ['GET', 'k']]);
  });

  it('rejects a malformed request with a protocol error', () => {
    const parser = new RequestParser();
    parser.push(Buffer.from('*1\r\n+PING\r\n'));
    expect(() => parser.next()).toThrow(ProtocolError);
  });
});

describe('encodeReply', () => {
  it('writes statuses, bulks, nils, maps and nested errors in RESP2 and RESP3', () => {
    const value = [new StatusReply('OK'), 'é', null, 7, new MapReply([['k', 1]]), new RedisReplyError('ERR x')];
    expect(encodeReply(value, 2)).toBe('*6\r\n+OK\r\n$1\r\né\r\n$-1\r\n:7\r\n*2\r\n$1\r\nk\r\n:1\r\n-ERR x\r\n');
    expect(encodeReply(value, 3)).toBe('*6\r\n+OK\r\n$1\r\né\r\n_\r\n:7\r\n%1\r\n$1\r\nk\r\n:1\r\n-ERR x\r\n');
  });
});
