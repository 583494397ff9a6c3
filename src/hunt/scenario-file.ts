/**
 * The scenario as the user wrote it, and the replayable file a hunt writes: the chosen variant's
 * settings flattened into one run, with the plan's faults as explicit `at:` lists and Poisson fault
 * rates removed, so the file holds the whole fault timeline.
 */
import { readFile } from 'node:fs/promises';
import { dirname, extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { parseDocument } from 'yaml';
import { loadScenarioFile, type QualifiedScenario } from '../scenario/index.js';
import { isPlainObject, type PlainObject } from '../scenario/merge.js';
import { mergeVariant, readVariants, runPart } from '../scenario/variants.js';
import { withVersionNames } from '../scenario/versions.js';
import { FAULT_KINDS, minuteDuration, sortedFaults, type FaultPlan } from './plan.js';

/** A scenario's raw settings next to its qualified form. */
export interface RawScenario {
  readonly raw: PlainObject;
  readonly qualified: QualifiedScenario;
  /** Where `consumer.module` paths resolve. */
  readonly baseDir: string;
}

/** Reads a file (validated with the loader's precise errors first) and keeps the raw object. */
export async function readRawScenario(path: string): Promise<RawScenario> {
  const qualified = await loadScenarioFile(path);
  const text = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  const raw = extname(path).toLowerCase() === '.json' ? (JSON.parse(text) as unknown) : parseDocument(text, { merge: true }).toJS();
  // A hunt writes these settings back out: `redis.version` by name ("7.0"), never YAML's number 7.
  return { raw: withVersionNames(raw as PlainObject), qualified, baseDir: dirname(resolve(path)) };
}

/** One variant's settings as a file without variants would state them (a `ScenarioError` was ruled out before). */
export function variantSettings(raw: PlainObject, variant: string): PlainObject {
  const entries = readVariants(raw.variants, []);
  const base = runPart(raw);
  if (entries === undefined) return { ...base };
  const entry = entries.find((e) => e.name === variant);
  if (entry === undefined) throw new Error(`no variant named ${JSON.stringify(variant)}`);
  const { name: _name, ...settings } = mergeVariant(base, entry);
  return settings;
}

/** What a candidate file says about itself. */
export interface CandidateMeta {
  readonly scenario: string;
  readonly variant: string;
  /** Replaces the run length (`duration`, dropping `until`). */
  readonly duration?: string;
}

/** The settings with the plan applied: the object simulated for the plan, and the file written for it. */
export function candidateScenario(settings: PlainObject, plan: FaultPlan, meta: CandidateMeta): PlainObject {
  const run: PlainObject = { ...settings };
  if (meta.duration !== undefined) {
    delete run.until;
    delete run.maxDuration;
    run.duration = meta.duration;
  }
  const faults: PlainObject = isPlainObject(run.faults) ? { ...run.faults } : {};
  for (const kind of FAULT_KINDS) delete faults[kind];
  for (const kind of FAULT_KINDS) {
    const at = sortedFaults(plan).filter((f) => f.kind === kind).map((f) => ({ at: minuteDuration(f.atMinute), pod: f.pod }));
    if (at.length > 0) faults[kind] = { at };
  }
  if (Object.keys(faults).length > 0) run.faults = faults;
  else delete run.faults;
  if (plan.workMinutes) {
    const work = isPlainObject(run.work) ? run.work : {};
    run.work = { ...work, minutes: { ...plan.workMinutes } };
  }
  return {
    name: `${meta.scenario}-hunt`,
    description: `Fault schedule found by pelsim hunt in ${meta.scenario} / ${meta.variant}.`,
    ...run,
    variants: [{ name: meta.variant }],
  };
}

/** `scenario` with a relative `consumer.module` re-based from `fromDir` to `toDir`. */
export function rebaseModule(scenario: PlainObject, fromDir: string, toDir: string): PlainObject {
  const consumer = scenario.consumer;
  if (!isPlainObject(consumer) || typeof consumer.module !== 'string' || isAbsolute(consumer.module)) return scenario;
  const target = resolve(fromDir, consumer.module);
  let path = relative(toDir, target);
  // Folders that share nothing but the root get the absolute path, not a climb to the root.
  if (target.split(sep)[1] !== resolve(toDir).split(sep)[1]) path = target;
  else if (!path.startsWith('.')) path = `./${path}`;
  return { ...scenario, consumer: { ...consumer, module: path } };
}
