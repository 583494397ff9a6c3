import { describe, expect, it } from 'vitest';
import { ExpectationError, METRIC_NAMES, holds, parseExpectation } from '../../src/check/index.js';

describe('parseExpectation', () => {
  it('reads <metric> <op> <number> with any operator and optional spaces', () => {
    expect(parseExpectation('duplicatePRs == 0')).toEqual({ text: 'duplicatePRs == 0', metric: 'duplicatePRs', op: '==', value: 0 });
    expect(parseExpectation('  issuesPerHour>=1.5 ')).toMatchObject({ metric: 'issuesPerHour', op: '>=', value: 1.5 });
    for (const op of ['==', '!=', '<', '<=', '>', '>=']) expect(parseExpectation(`lostIssues ${op} -2`).op).toBe(op);
  });

  it('knows every numeric metric and nothing else', () => {
    expect(METRIC_NAMES).toContain('strandedIssues');
    expect(METRIC_NAMES).toContain('latencyP95Minutes');
    expect(METRIC_NAMES).not.toContain('duplicatesByMechanism');
  });

  const cases: [string, string][] = [
    ['', 'expected <metric> <op> <number>, e.g. "duplicatePRs == 0", found an empty expression'],
    ['duplicatePR == 0', 'found "duplicatePR" (did you mean "duplicatePRs"?)'],
    ['duplicatePRs = 0', 'expected an operator after duplicatePRs: one of == != <= >= < >, found "=" (did you mean "=="?)'],
    ['duplicatePRs', 'found nothing'],
    ['duplicatePRs ~ 0', 'found "~ 0"'],
    ['duplicatePRs == ', 'expected a number after duplicatePRs ==, found nothing'],
    ['issuesPerHour >= 1.5x', 'expected a number after issuesPerHour >=, found "1.5x"'],
    ['issuesPerHour >= 1 and lostIssues == 0', 'found "1 and lostIssues == 0"'],
    ['== 0', 'expected a metric name first'],
  ];
  for (const [text, message] of cases) {
    it(`rejects ${JSON.stringify(text)} naming the expression and what was expected`, () => {
      let error: unknown;
      try {
        parseExpectation(text);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ExpectationError);
      expect((error as Error).message).toContain(`invalid expectation ${JSON.stringify(text)}: `);
      expect((error as Error).message).toContain(message);
    });
  }
});

describe('holds', () => {
  it('compares, and an undefined metric satisfies nothing', () => {
    expect(holds(parseExpectation('duplicatePRs == 0'), 0)).toBe(true);
    expect(holds(parseExpectation('duplicatePRs == 0'), 2)).toBe(false);
    expect(holds(parseExpectation('issuesPerHour >= 1.5'), 1.5)).toBe(true);
    expect(holds(parseExpectation('issuesPerHour > 1.5'), 1.5)).toBe(false);
    expect(holds(parseExpectation('latencyP95Minutes != 3'), null)).toBe(false);
  });
});
