/**
 * The JSON Schema of the scenario file format, for editor autocomplete and hover docs (e.g. the
 * YAML language server's `# yaml-language-server: $schema=...`). Generated from the same zod
 * schema the loader validates with, so the two cannot drift apart.
 */
import * as z from 'zod';
import { scenarioFileSchema } from './schema.js';

/** JSON Schema (draft 2020-12) of scenario files; a fresh object on every call. */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(scenarioFileSchema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' });
  return {
    ...schema,
    $id: 'https://github.com/pelsim/pelsim/scenarios/scenario.schema.json',
    title: 'pelsim scenario',
    description:
      'A pelsim scenario: pods consuming a Redis Stream through a consumer group, the faults they meet, and variants to compare.',
  };
}
