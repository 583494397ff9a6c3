import { InvalidArgumentError } from 'commander';

/** A commander parser for an integer flag, with a precise message. */
export function integerFlag(flag: string, min = Number.MIN_SAFE_INTEGER) {
  return (value: string): number => {
    if (!/^-?\d+$/.test(value)) throw new InvalidArgumentError(`${flag} expects an integer, found "${value}"`);
    const n = Number(value);
    if (n < min) throw new InvalidArgumentError(`${flag} expects an integer >= ${min}, found ${n}`);
    return n;
  };
}
