import { describe, expect, it } from 'vitest';
import { DURATION_PATTERN, ScenarioError, durationMs, parseDuration } from '../../src/scenario/index.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('parseDuration', () => {
  it.each([
    ['7d', 7 * DAY],
    ['36h', 36 * HOUR],
    ['90m', 90 * MIN],
    ['45s', 45_000],
    ['250ms', 250],
    ['1h30m', 90 * MIN],
    ['1h 30m', 90 * MIN],
    ['2d12h', 60 * HOUR],
    ['1.5h', 90 * MIN],
    ['0s', 0],
    ['1m30s', 90_000],
  ])('unit string %s', (text, ms) => {
    expect(parseDuration(text, 'x')).toBe(ms);
  });

  it.each([
    ['09:00', 9 * HOUR],
    ['9:05', 9 * HOUR + 5 * MIN],
    ['00:00', 0],
    ['23:59:30', 23 * HOUR + 59 * MIN + 30_000],
    ['33:00', 33 * HOUR],
  ])('time of day %s is the offset from 00:00 of the first day', (text, ms) => {
    expect(parseDuration(text, 'x')).toBe(ms);
  });

  it('numbers are minutes, rounded to whole milliseconds', () => {
    expect(parseDuration(90, 'x')).toBe(90 * MIN);
    expect(parseDuration(0, 'x')).toBe(0);
    expect(parseDuration(0.5, 'x')).toBe(30_000);
    expect(parseDuration(1 / 3, 'x')).toBe(20_000);
    expect(Number.isInteger(parseDuration('0.0001s', 'x'))).toBe(true);
  });

  it.each([['5'], ['5x'], ['-5m'], ['m'], [''], ['1h1d'], ['09:60'], ['7 days'], ['30M']])('rejects %j', (text) => {
    expect(durationMs(text)).toBeUndefined();
    expect(new RegExp(DURATION_PATTERN).test(text)).toBe(false);
  });

  it('rejects negative, infinite and non-numeric values', () => {
    for (const v of [-1, Infinity, NaN, true, null, undefined, {}, ['1h']]) expect(durationMs(v)).toBeUndefined();
  });

  it('names a CLI flag verbatim, with no file', () => {
    let error: unknown;
    try {
      parseDuration('soon', '--duration');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScenarioError);
    const e = error as ScenarioError;
    expect(e.message).toBe(
      '--duration: expected a duration like "45s", "90m", "1h30m", "36h", "7d", a time of day like "09:00", or a number of minutes, found "soon"',
    );
    expect(e.file).toBeUndefined();
    expect(e.path).toBe('--duration');
    expect(e.found).toBe('"soon"');
  });

  it('formats a segment path', () => {
    expect(() => parseDuration(-2, ['faults', 'scale', 0, 'at'])).toThrow(/^faults\.scale\[0\]\.at: expected a duration/);
  });

  it('the exported pattern accepts exactly what the parser accepts', () => {
    const re = new RegExp(DURATION_PATTERN);
    for (const text of ['7d', '1h30m', '09:00', '250ms', '1.5h', '5', 'x', '1h 30m', '12:61']) {
      expect(re.test(text)).toBe(durationMs(text) !== undefined);
    }
  });
});
