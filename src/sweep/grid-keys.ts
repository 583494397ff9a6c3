/**
 * Checks a grid path against the scenario format before any cell is built, so a typo reads
 * `unknown scenario key "replicaz" at deployment.replicaz (did you mean "replicas"?)` instead of
 * one schema error per cell. Walks the JSON Schema generated from the loader's own zod schema, so
 * the two cannot disagree about which keys exist.
 */
import { formatPath, suggestKey, type PathSegment } from '../scenario/errors.js';
import { scenarioJsonSchema } from '../scenario/json-schema.js';
import { SweepUsageError } from './errors.js';

type Schema = Record<string, unknown>;

/** Top-level keys a grid may not set, and why. */
const NOT_SWEEPABLE: Readonly<Record<string, string>> = {
  seed: 'the seed is not a grid key: run r of every cell uses seed (base seed + r); set the base with --seed',
  name: 'the scenario name is not a grid key',
  description: 'the description is not a grid key',
  sweep: 'the sweep section is not a grid key',
  variants: 'variants are not a grid key: grid values apply to the base settings every variant inherits',
};

let rootSchema: Schema | undefined;

/** Throws a {@link SweepUsageError} naming `where` unless `segments` is a path the scenario format has. */
export function checkGridPath(segments: readonly PathSegment[], where: string): void {
  rootSchema ??= scenarioJsonSchema();
  const root = rootSchema;
  const first = segments[0];
  if (typeof first === 'string' && first in NOT_SWEEPABLE) throw new SweepUsageError(`${where}: ${NOT_SWEEPABLE[first]}`);
  let here: Schema[] = [root];
  for (const [i, segment] of segments.entries()) {
    const leaves = here.flatMap((s) => alternatives(s, root));
    const at = formatPath(segments.slice(0, i + 1));
    if (typeof segment === 'number') {
      const lists = leaves.filter((s) => s.type === 'array');
      if (lists.length === 0) throw new SweepUsageError(`${where}: ${formatPath(segments.slice(0, i)) || 'the scenario'} is not a list, found the index [${segment}] at ${at}`);
      here = lists.map((s) => (isSchema(s.items) ? s.items : {}));
      continue;
    }
    const objects = leaves.filter((s) => s.type === 'object' || isSchema(s.properties));
    // A record (free-form keys) accepts any key; the scenario layer validates what is under it.
    if (objects.some((s) => s.additionalProperties !== false && !isSchema(s.properties))) return;
    const next = objects.flatMap((s) => {
      const props = isSchema(s.properties) ? s.properties : {};
      const prop = props[segment];
      return isSchema(prop) ? [prop] : [];
    });
    if (next.length === 0) {
      const known = [...new Set(objects.flatMap((s) => Object.keys(isSchema(s.properties) ? s.properties : {})))];
      const parent = formatPath(segments.slice(0, i));
      const detail =
        known.length === 0
          ? ` (${parent} takes a value, not keys)`
          : suggestion(segment, known.filter((k) => i > 0 || !(k in NOT_SWEEPABLE)));
      throw new SweepUsageError(`${where}: unknown scenario key ${JSON.stringify(segment)} at ${at}${detail}`);
    }
    here = next;
  }
}

function suggestion(key: string, known: readonly string[]): string {
  const close = suggestKey(key, known);
  if (close !== undefined) return ` (did you mean ${JSON.stringify(close)}?)`;
  return ` (known keys: ${known.join(', ')})`;
}

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The concrete shapes a schema allows: `$ref` resolved, `anyOf`/`oneOf`/`allOf` flattened. */
function alternatives(schema: Schema, root: Schema, depth = 0): Schema[] {
  if (depth > 20) return [schema];
  if (typeof schema.$ref === 'string') {
    const target = resolveRef(schema.$ref, root);
    return target === undefined ? [] : alternatives(target, root, depth + 1);
  }
  const branches = [schema.anyOf, schema.oneOf, schema.allOf].filter(Array.isArray).flat().filter(isSchema);
  if (branches.length > 0) return branches.flatMap((b) => alternatives(b, root, depth + 1));
  return [schema];
}

function resolveRef(ref: string, root: Schema): Schema | undefined {
  if (!ref.startsWith('#/')) return undefined;
  let here: unknown = root;
  for (const part of ref.slice(2).split('/')) here = isSchema(here) ? here[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  return isSchema(here) ? here : undefined;
}
