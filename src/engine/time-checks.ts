/** Virtual time is whole milliseconds: the checks every time and delay given to the engine passes. */

/** Throws a RangeError naming `what` unless `value` is a finite whole number of milliseconds. */
export function assertTime(value: number, what: string): void {
  if (!Number.isFinite(value) || !Number.isInteger(value)) {
    throw new RangeError(`${what} must be a whole number of milliseconds, got ${value}`);
  }
}

/** Throws a RangeError unless `ms` is a whole, non-negative number of milliseconds. */
export function assertDelay(ms: number): void {
  if (!Number.isFinite(ms) || !Number.isInteger(ms)) {
    throw new RangeError(`delay must be a whole number of milliseconds, got ${ms}`);
  }
  if (ms < 0) throw new RangeError(`negative delay ${ms}`);
}
