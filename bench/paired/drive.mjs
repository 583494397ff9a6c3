// One measured run of one build, in its own process: `node drive.mjs <dist> <mode> <scenario> <out> [cli args…]`.
// Plain JS on purpose: it loads any commit's compiled dist/ (old or new) without a TypeScript loader.
// Prints one JSON line: CPU ms (user+system, all threads: GC helpers count), wall ms, peak RSS MiB.
// The clock starts after the modules are loaded, so start-up is excluded for every mode alike.
//   simulate: load the scenario, simulate every variant, write results.json and events.jsonl
//   cli:      pelsim's main() with ['run', scenario, '--out', out, …args] (charts included unless args skip them)
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

const [dist, mode, scenario, out, ...extra] = process.argv.slice(2);
const load = (path) => import(pathToFileURL(join(dist, path)).href);

let body;
if (mode === 'simulate') {
  const [{ loadScenarioFile }, { simulateScenario }, { writeRunOutputs }] = await Promise.all([
    load('scenario/index.js'),
    load('run/simulate.js'),
    load('run/write-results.js'),
  ]);
  body = async () => {
    const run = await simulateScenario(await loadScenarioFile(scenario));
    await writeRunOutputs(out, run);
  };
} else if (mode === 'cli') {
  // The report renderer (Vega, resvg) is loaded here too: newer CLIs import it only when they
  // draw, and module loading stays outside the measurement on every side alike.
  const [{ main }] = await Promise.all([load('cli/main.js'), load('report/index.js')]);
  const quiet = { out: () => {}, err: (text) => process.stderr.write(text) };
  body = async () => {
    const code = await main(['run', scenario, '--out', out, ...extra], quiet);
    if (code !== 0) throw new Error(`pelsim run exited with ${code}`);
  };
} else {
  throw new Error(`unknown mode ${mode}: expected simulate or cli`);
}

const cpu = process.cpuUsage();
const started = performance.now();
await body();
const wallMs = performance.now() - started;
const used = process.cpuUsage(cpu);
const maxRssMiB = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify({ cpuMs: (used.user + used.system) / 1000, wallMs, maxRssMiB }));
