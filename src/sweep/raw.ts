/**
 * The raw input of a scenario file (parsed YAML/JSON, nothing applied): what grid values are
 * written into, each `redis.version` by name. Called after `loadScenarioFile` accepted the file, so parsing cannot fail here.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parseDocument } from 'yaml';
import { isPlainObject, type PlainObject } from '../scenario/merge.js';
import { withVersionNames } from '../scenario/versions.js';
import { SweepUsageError } from './errors.js';

/** The parsed top level of the scenario at `path`, parsed the way the loader parses it. */
export async function readRawScenario(path: string): Promise<PlainObject> {
  const text = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  const data: unknown =
    extname(path).toLowerCase() === '.json' ? JSON.parse(text) : parseDocument(text, { merge: true }).toJS();
  if (!isPlainObject(data)) throw new SweepUsageError(`${path}: expected a scenario object`);
  // `redis: { version: 7.0 }` unquoted is the number 7: compared with grid values and shown in labels as "7.0".
  return withVersionNames(data);
}
