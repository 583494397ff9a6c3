/**
 * Whole-simulator speed: simulated hours per wall-clock second and peak memory, for the seed story
 * (3 variants x 24 h, 1-2 pods) and the stress scenario (50 pods x 30 days).
 */
import { analyze } from '../src/metrics/index.js';
import { loadScenarioFile } from '../src/scenario/index.js';
import { runVariant } from '../src/world/run-variant.js';

async function measure(file: string): Promise<string> {
  const scenario = await loadScenarioFile(file);
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const start = process.hrtime.bigint();
  let simulatedHours = 0;
  let podHours = 0;
  let events = 0;
  for (const variant of scenario.variants) {
    const run = await runVariant(variant);
    analyze(run);
    simulatedHours += run.durationMs / 3_600_000;
    podHours += (run.durationMs / 3_600_000) * variant.deployment.replicas;
    events += run.events.length;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  return (
    `  ${scenario.name.padEnd(24)} ${seconds.toFixed(2)} s wall, ${(simulatedHours / seconds).toFixed(0)} simulated h/s, ` +
    `${(podHours / seconds).toFixed(0)} pod-h/s, ${events.toLocaleString('en')} trace events, peak rss ${(peak / 2 ** 20).toFixed(0)} MiB`
  );
}

export async function benchScenarios(): Promise<string[]> {
  return [
    'scenarios: whole simulator, metrics included (one process, sequential variants)',
    await measure('scenarios/seed-story.yaml'),
    await measure('scenarios/stress-50-pods-30-days.yaml'),
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await benchScenarios()) console.log(line);
}
