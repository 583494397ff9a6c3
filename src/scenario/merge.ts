/**
 * Deep merge of a variant's overrides into the base settings: objects merge key by key, arrays and
 * scalars replace, `null` removes a key (back to its default), since YAML has no other way to say
 * "unset".
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
  if (!isPlainObject(base) || !isPlainObject(override) || replaces(path, base, override)) return withoutNulls(override);
  const merged: PlainObject = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (value === null) delete merged[key];
    else merged[key] = key in base ? deepMerge(base[key], value, replaces, [...path, key]) : withoutNulls(value);
  }
  return merged;
}

/** An override copied in wholesale still honours `null` = "leave unset" inside it. */
function withoutNulls(value: unknown): unknown {
  if (!isPlainObject(value)) return value;
  const out: PlainObject = {};
  for (const [key, inner] of Object.entries(value)) if (inner !== null) out[key] = withoutNulls(inner);
  return out;
}
