/**
 * Expectations such as `duplicatePRs == 0` or `issuesPerHour >= 1.5`: `<metric> <op> <number>`,
 * parsed strictly. A mistake is reported with the expression and what was expected there.
 */
import { PelsimError } from '../errors.js';
import { suggestKey } from '../scenario/errors.js';
import { METRIC_NAMES, isMetricName, type MetricName } from './metrics.js';

/** Comparison operators an expectation may use. */
export type Operator = '==' | '!=' | '<' | '<=' | '>' | '>=';

/** A parsed expectation. */
export interface Expectation {
  /** The expression as written (trimmed). */
  readonly text: string;
  readonly metric: MetricName;
  readonly op: Operator;
  readonly value: number;
}

/**
 * An input error: an expectation that does not parse. The message names the expression, `expected`
 * what a valid expression has at the point of the mistake and `found` what this one has there.
 */
export class ExpectationError extends PelsimError {
  override readonly name = 'ExpectationError';
  declare readonly expected: string;
  declare readonly found: string;
  constructor(
    /** The expression as given. */
    readonly expression: string,
    expected: string,
    found: string,
  ) {
    super('input', `invalid expectation ${JSON.stringify(expression)}: expected ${expected}, found ${found}`, { expected, found });
  }
}

const OPERATORS: readonly Operator[] = ['==', '!=', '<=', '>=', '<', '>'];
const SHAPE = '<metric> <op> <number>, e.g. "duplicatePRs == 0"';
const NUMBER = /^-?\d+(?:\.\d+)?$/;

/** Parses `<metric> <op> <number>`; throws an {@link ExpectationError} for anything else. */
export function parseExpectation(expression: string): Expectation {
  const text = expression.trim();
  const fail = (expected: string, found: string): never => {
    throw new ExpectationError(expression, expected, found);
  };
  if (text === '') fail(SHAPE, 'an empty expression');
  const [, metric, rest] = /^([A-Za-z_]\w*)\s*([\s\S]*)$/.exec(text) ?? [];
  if (metric === undefined || rest === undefined) return fail(`a metric name first (${SHAPE})`, quote(text));
  if (!isMetricName(metric)) {
    const close = suggestKey(metric, METRIC_NAMES);
    return fail(`a metric, one of ${METRIC_NAMES.join(', ')}`, `${quote(metric)}${close ? ` (did you mean ${quote(close)}?)` : ''}`);
  }
  const op = OPERATORS.find((candidate) => rest.startsWith(candidate));
  if (op === undefined) {
    const found = rest === '' ? 'nothing' : rest.startsWith('=') ? `"=" (did you mean "=="?)` : quote(rest);
    return fail(`an operator after ${metric}: one of ${OPERATORS.join(' ')}`, found);
  }
  const number = rest.slice(op.length).trim();
  if (!NUMBER.test(number)) fail(`a number after ${metric} ${op}`, number === '' ? 'nothing' : quote(number));
  return { text, metric, op, value: Number(number) };
}

/** True if `actual` satisfies the expectation; an undefined metric (null) satisfies nothing. */
export function holds(expectation: Expectation, actual: number | null): boolean {
  if (actual === null) return false;
  const { op, value } = expectation;
  switch (op) {
    case '==':
      return actual === value;
    case '!=':
      return actual !== value;
    case '<':
      return actual < value;
    case '<=':
      return actual <= value;
    case '>':
      return actual > value;
    case '>=':
      return actual >= value;
  }
}

function quote(text: string): string {
  return JSON.stringify(text);
}
