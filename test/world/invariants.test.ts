import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/metrics/index.js';
import { loadScenarioFile } from '../../src/scenario/index.js';
import { runVariant } from '../../src/world/run-variant.js';

const SHIPPED = readdirSync('scenarios')
  .filter((f) => f.endsWith('.yaml') && !f.startsWith('stress'))
  .sort();

describe('invariants on every shipped scenario (3 seeds each)', () => {
  for (const file of SHIPPED) {
    it(`${file}: counts reconcile and every pending entry has a listed owner`, async () => {
      const scenario = await loadScenarioFile(`scenarios/${file}`);
      for (const variant of scenario.variants) {
        for (const seed of [1, 2, 3]) {
          const run = await runVariant({ ...variant, seed });
          const result = analyze(run).result;
          const m = result.metrics;
          const where = `${file} / ${variant.name} / seed ${seed}`;
          expect(m.issuesDispatched, where).toBe(m.issuesCompleted + m.inFlightIssues + m.strandedIssues + m.lostIssues);
          const consumers = new Set(run.final.consumers.map((c) => c.name));
          for (const p of run.final.pending) expect(consumers.has(p.consumer), `${where}: owner of ${p.entryId}`).toBe(true);
          // XINFO CONSUMERS pending counts add up to the PEL.
          expect(run.final.consumers.reduce((n, c) => n + c.pending, 0), where).toBe(run.final.pending.length);
          // Nothing completes twice and nothing completes that was never dispatched.
          expect(m.issuesCompleted, where).toBeLessThanOrEqual(m.issuesDispatched);
        }
      }
    }, 60_000);
  }
});
