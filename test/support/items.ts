/**
 * Reads of list items a test expects to be there. Each fails the test on the spot, saying which
 * item was missing, instead of a TypeError a few calls later (and, with noUncheckedIndexedAccess,
 * gives the item's type without a cast).
 */

/** `items[index]`, failing the test when the list is shorter. */
export function nth<T>(items: readonly T[], index: number, what = 'the list'): T {
  const item = items[index];
  if (item === undefined) throw new Error(`expected an item at index ${index} of ${what}, which has ${items.length}`);
  return item;
}

/** The first item of `items`, failing the test when there is none. */
export function first<T>(items: readonly T[], what = 'the list'): T {
  return nth(items, 0, what);
}

/** `items[n % items.length]`: the item a non-negative number picks, going round the list. */
export function cycle<T>(items: readonly T[], n: number): T {
  return nth(items, n % items.length, 'the cycled list');
}

/** `record[key]`, failing the test when the record has no such key. */
export function valueAt<T>(record: Readonly<Record<string, T>>, key: string): T {
  const value = record[key];
  if (value === undefined) throw new Error(`expected a value at ${JSON.stringify(key)}, found keys ${Object.keys(record).join(', ')}`);
  return value;
}
