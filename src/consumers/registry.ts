import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { PelsimError } from '../errors.js';
import type { ConsumerSpec } from '../scenario/types.js';
import { ackFirst } from './ack-first.js';
import { autoclaim } from './autoclaim.js';
import type { ConsumerLoop } from './context.js';
import { guarded } from './guard.js';
import { describeLoadFailure, nodeSyntaxError } from './load-failure.js';
import { newOnly } from './new-only.js';
import { rig } from './rig.js';

/** An input error: a consumer module that cannot be used; the message names the file and what was wrong. */
export class ConsumerModuleError extends PelsimError {
  override readonly name = 'ConsumerModuleError';
  declare readonly file: string;
  constructor(
    file: string,
    /** What is wrong with the module, e.g. `file not found`. */
    readonly reason: string,
    /** Where in the file, when known (a compile error): shown as `file:line:column`. */
    location?: { readonly line: number; readonly column: number },
  ) {
    const at = location === undefined ? '' : `:${location.line}:${location.column}`;
    super('input', `${file}${at}: ${reason}`, { file, ...(location === undefined ? {} : { path: `${location.line}:${location.column}` }) });
  }
}

/** The built-in loop for a strategy, or the user's module, wrapped with its guard. */
export async function resolveConsumer(spec: ConsumerSpec): Promise<ConsumerLoop> {
  const loop = await baseLoop(spec);
  return spec.idempotent ? guarded(loop, spec.idempotent) : loop;
}

async function baseLoop(spec: ConsumerSpec): Promise<ConsumerLoop> {
  switch (spec.strategy) {
    case 'rig':
      return rig;
    case 'new-only':
      return newOnly;
    case 'ack-first':
      return ackFirst;
    case 'autoclaim':
      return autoclaim(spec);
    case 'module':
      return loadConsumerModule(spec.module);
  }
}

const loaded = new Map<string, Promise<ConsumerLoop>>();

/**
 * Loads a user's consumer module: its default export (or an export named `consumer`) must be an
 * async function of a {@link ConsumerContext}. TypeScript modules load through tsx, so users need no
 * build step.
 */
export function loadConsumerModule(file: string): Promise<ConsumerLoop> {
  let pending = loaded.get(file);
  if (!pending) {
    pending = importConsumer(file);
    loaded.set(file, pending);
  }
  return pending;
}

async function importConsumer(file: string): Promise<ConsumerLoop> {
  if (!existsSync(file)) throw new ConsumerModuleError(file, 'file not found');
  let mod: Record<string, unknown>;
  const typescript = /\.(c|m)?tsx?$/.test(file);
  try {
    if (typescript) {
      const { tsImport } = await import('tsx/esm/api');
      mod = (await tsImport(pathToFileURL(file).href, import.meta.url)) as Record<string, unknown>;
    } else {
      mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    }
  } catch (error) {
    // A JavaScript module's error carries no place: if the file does not parse, Node's check says where.
    const failure = (typescript ? undefined : nodeSyntaxError(file)) ?? describeLoadFailure(error);
    const { line, column } = failure;
    throw new ConsumerModuleError(file, failure.reason, line === undefined || column === undefined ? undefined : { line, column });
  }
  const candidate = typeof mod.default === 'function' ? mod.default : mod.consumer;
  if (typeof candidate !== 'function') {
    const exported = Object.keys(mod).join(', ') || 'nothing';
    throw new ConsumerModuleError(
      file,
      `expected a default export (or an export named "consumer") that is an async function (ctx) => Promise<void>, found ${exported}`,
    );
  }
  return candidate as ConsumerLoop;
}
