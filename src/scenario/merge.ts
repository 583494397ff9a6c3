/**
 * Deep merge of a variant's overrides into the base settings: objects merge key by key, arrays and
 * scalars replace. A `null` is kept as a value, so the merged variant is refused exactly where the
 * same `null` at the top level would be: a variant is validated as strictly as the file itself
 * (no value means "unset"; leave the key out to inherit it).
 */

export type PlainObject = Record<string, unknown>;

export function isPlainObject(value: unknown): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Decides, where both sides are objects, whether the override replaces the base outright instead
 * of merging into it (a different kind of a one-of setting: merging would mix two kinds' fields).
 */
export type ReplacePolicy = (path: readonly string[], base: PlainObject, override: PlainObject) => boolean;

/** `override` merged into `base`; neither is modified. */
export function deepMerge(base: unknown, override: unknown, replaces: ReplacePolicy = () => false, path: readonly string[] = []): unknown {
  if (!isPlainObject(base) || !isPlainObject(override) || replaces(path, base, override)) return override;
  const merged: PlainObject = { ...base };
  for (const [key, value] of Object.entries(override)) {
    merged[key] = key in base ? deepMerge(base[key], value, replaces, [...path, key]) : value;
  }
  return merged;
}
