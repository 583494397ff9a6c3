/**
 * Variants: runs to compare, each the base settings with some overrides. Kept apart from validation
 * so that each merged variant is validated as a whole, exactly like a file without variants.
 */
import { DISTRIBUTION_KINDS } from './distributions.js';
import { ScenarioError, describeValue, toProblem, type Issue } from './errors.js';
import { deepMerge, isPlainObject, type PlainObject, type ReplacePolicy } from './merge.js';
import { RUN_KEYS } from './schema.js';
import type { QualifiedScenario } from './types.js';

/** A variant entry that passed the list-level checks. */
export interface VariantEntry {
  readonly index: number;
  readonly name: string;
  /** The entry without its name: the overrides. */
  readonly overrides: PlainObject;
}

const EXPECTED_LIST = 'a non-empty list of variants ({ name, ...overrides })';

/**
 * Checks the shape of `variants` (a list of objects with unique names) and returns its entries;
 * undefined when the file has no `variants`. Entries that fail these checks are left out, so their
 * overrides are not validated on top of an already reported problem.
 */
export function readVariants(raw: unknown, issues: Issue[]): VariantEntry[] | undefined {
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw) || raw.length === 0) {
    issues.push({ segments: ['variants'], expected: EXPECTED_LIST, found: describeValue(raw) });
    return [];
  }
  const entries: VariantEntry[] = [];
  const firstIndex = new Map<string, number>();
  raw.forEach((entry: unknown, index) => {
    if (!isPlainObject(entry)) {
      issues.push({ segments: ['variants', index], expected: 'an object { name, ...overrides }', found: describeValue(entry) });
      return;
    }
    const { name, ...overrides } = entry;
    if (typeof name !== 'string' || name === '') {
      issues.push({ segments: ['variants', index, 'name'], expected: 'a non-empty string', found: describeValue(name) });
      return;
    }
    const first = firstIndex.get(name);
    if (first !== undefined) {
      issues.push({
        segments: ['variants', index, 'name'],
        expected: `a name not used by another variant (variants[${first}] is ${JSON.stringify(name)})`,
        found: describeValue(name),
      });
      return;
    }
    firstIndex.set(name, index);
    entries.push({ index, name, overrides });
  });
  return entries;
}

/** The run settings of the top level: what variants inherit. */
export function runPart(file: PlainObject): PlainObject {
  return Object.fromEntries(Object.entries(file).filter(([key]) => RUN_KEYS.includes(key)));
}

/** The settings of one variant: `base` (see {@link runPart}) with the entry's overrides. */
export function mergeVariant(base: PlainObject, entry: VariantEntry): PlainObject {
  const inherited: PlainObject = { ...base };
  const { overrides } = entry;
  // The two ways to end a run exclude each other: choosing one drops the other.
  if ('duration' in overrides) {
    delete inherited.until;
    delete inherited.maxDuration;
  }
  if ('until' in overrides) delete inherited.duration;
  // A shorthand ("autoclaim") is the object { strategy: autoclaim }, so options can merge into it.
  expandShorthand(inherited, overrides, 'consumer');
  if (isPlainObject(inherited.deployment) && isPlainObject(overrides.deployment)) {
    inherited.deployment = { ...inherited.deployment };
    expandShorthand(inherited.deployment as PlainObject, overrides.deployment, 'consumerId');
  }
  return { name: entry.name, ...(deepMerge(inherited, overrides, switchesKind) as PlainObject) };
}

function expandShorthand(base: PlainObject, overrides: PlainObject, key: string): void {
  const value = base[key];
  if (typeof value === 'string' && isPlainObject(overrides[key])) base[key] = { strategy: value };
}

const strategyKind = (v: PlainObject): string | undefined =>
  typeof v.strategy === 'string' ? v.strategy : 'module' in v ? 'module' : undefined;

const keyKind =
  (keys: readonly string[]) =>
  (v: PlainObject): string | undefined =>
    keys.find((k) => k in v);

const distributionKind = keyKind(DISTRIBUTION_KINDS);

/** The one-of settings, by path, and how to tell which kind an object is. */
function kindAt(path: readonly string[]): ((v: PlainObject) => string | undefined) | undefined {
  const at = path.join('.');
  if (at === 'consumer' || at === 'deployment.consumerId') return strategyKind;
  if (at === 'conductor.arrivals') return keyKind(['poisson', 'timeline']);
  if (at === 'work.review' || at === 'work.operatorClose' || /^work\.minutes\.[^.]+$/.test(at)) return distributionKind;
  return undefined;
}

/**
 * Switching kinds (rig → autoclaim, lognormal → exponential) replaces rather than mixes fields. An
 * empty object names no kind and changes nothing: it replaces too, so it is refused as it would be
 * at the top level (`consumerId: {}`) instead of silently inheriting the base.
 */
const switchesKind: ReplacePolicy = (path, base, override) => {
  const kind = kindAt(path);
  if (kind === undefined) return false;
  if (Object.keys(override).length === 0) return true;
  const overrideKind = kind(override);
  return overrideKind !== undefined && overrideKind !== kind(base);
};

/** `scenario` narrowed to the variant called `name`; a {@link ScenarioError} lists the names there are. */
export function selectVariant(scenario: QualifiedScenario, name: string): QualifiedScenario {
  const variant = scenario.variants.find((v) => v.name === name);
  if (variant !== undefined) return { ...scenario, variants: [variant] };
  const names = scenario.variants.map((v) => JSON.stringify(v.name)).join(', ');
  throw new ScenarioError(scenario.source, [
    toProblem({ segments: ['variants'], expected: `the name of a variant (${names})`, found: JSON.stringify(name) }),
  ]);
}
