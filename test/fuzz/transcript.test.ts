/**
 * The random suite's own machinery: seeded generation, shrinking to a minimal sequence, and
 * transcripts that paste into redis-cli.
 */
import { describe, expect, it } from 'vitest';
import { sampleSequences, type Sequence, type Step } from './generator.js';
import type { RunResult } from './runner.js';
import { cliArg, cliLine, divergenceTranscript, shrink } from './transcript.js';

const cmd = (...argv: string[]): Step => ({ kind: 'command', argv });

describe('generator', () => {
  it('gives the same sequences for the same seed, and others for another', () => {
    expect(sampleSequences(42, 20)).toEqual(sampleSequences(42, 20));
    expect(sampleSequences(43, 20)).not.toEqual(sampleSequences(42, 20));
  });

  it('covers every stream command, wrong types, blocking reads, wakes and transactions', () => {
    const names = new Set<string>();
    let wakes = 0;
    for (const sequence of sampleSequences(7, 300)) {
      for (const step of sequence) {
        if (step.kind === 'wake') wakes++;
        const argv = step.kind === 'wake' ? step.blocked : step.argv;
        names.add((argv[0] as string).toUpperCase());
        if (argv.includes('BLOCK')) names.add('(BLOCK)');
      }
    }
    for (const name of ['XADD', 'XTRIM', 'XLEN', 'XRANGE', 'XREVRANGE', 'XDEL', 'XREAD', 'XREADGROUP', 'XACK', 'XPENDING', 'XCLAIM', 'XAUTOCLAIM', 'XGROUP', 'XINFO', 'XSETID', 'SET', 'DEL', 'MULTI', 'EXEC', 'CONFIG', '(BLOCK)']) {
      expect(names, name).toContain(name);
    }
    expect(wakes).toBeGreaterThan(0);
  });
});

describe('shrink', () => {
  it('removes every step the divergence does not need', async () => {
    const sequence: Sequence = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((x) => cmd('SET', x, '1'));
    // Diverges whenever both 'b' and 'f' are still in.
    const diverges = async (candidate: Sequence): Promise<RunResult | null> => {
      const keys = candidate.map((s) => (s.kind === 'command' ? s.argv[1] : ''));
      return keys.includes('b') && keys.includes('f') ? { results: [], divergence: { at: 0, what: 'x' } } : null;
    };
    const small = await shrink(sequence, diverges);
    expect(small.sequence).toEqual([cmd('SET', 'b', '1'), cmd('SET', 'f', '1')]);
  });
});

describe('transcripts', () => {
  it('quotes arguments as redis-cli reads them', () => {
    expect(cliArg('XADD')).toBe('XADD');
    expect(cliArg('')).toBe('""');
    expect(cliArg(' 1')).toBe('" 1"');
    expect(cliArg('a"b')).toBe('"a\\"b"');
    expect(cliLine(['XADD', 's', '1-1', 'f', 'two words'])).toBe('XADD s 1-1 f "two words"');
  });

  it('prints the commands, the second connection as a comment, and both answers', () => {
    const sequence: Sequence = [
      cmd('XADD', 's', '1-1', 'f', 'v'),
      { kind: 'wake', blocked: ['XREAD', 'BLOCK', '100', 'STREAMS', 's', '$'], argv: ['XADD', 's', '2-0', 'f', 'v'] },
    ];
    const result: RunResult = {
      results: [
        { argv: ['XADD', 's', '1-1', 'f', 'v'], connection: 1, real: { reply: '1-1' }, model: { reply: '1-1' } },
        { argv: ['XADD', 's', '2-0', 'f', 'v'], connection: 1, real: { reply: '2-0' }, model: { reply: '2-0' } },
        { argv: ['XREAD', 'BLOCK', '100', 'STREAMS', 's', '$'], connection: 2, real: { reply: null }, model: { error: 'ERR x' } },
      ],
      divergence: { at: 2, what: 'outcome kind or error text' },
    };
    expect(divergenceTranscript('7.0: seed 1', sequence, result).split('\n')).toEqual([
      '# 7.0: seed 1',
      'XADD s 1-1 f v',
      '# in a second redis-cli, blocking: XREAD BLOCK 100 STREAMS s $',
      'XADD s 2-0 f v',
      '# differs at: (second connection) XREAD BLOCK 100 STREAMS s $  [outcome kind or error text]',
      '#   real : null',
      '#   model: (error) ERR x',
    ]);
  });
});
