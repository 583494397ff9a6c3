/**
 * `npm run fuzz -- [--sequences N] [--seed S] [--versions 7.0,7.2]`: the random differential suite
 * at full size. Every real server found (see test/support/redis-server.ts) gets N seeded sequences
 * (default 20,000), one process per server, in parallel; then a table of sequences, commands and
 * divergent sequences per server, and minimal redis-cli transcripts of the first divergences.
 * Exits 1 when any sequence diverged or an expected server is missing under CI=true.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { findRedisServers, missingServerLine } from '../support/redis-server.js';
import type { CampaignResult } from './campaign.js';

const { values } = parseArgs({
  options: {
    sequences: { type: 'string', default: '20000' },
    seed: { type: 'string', default: '1' },
    versions: { type: 'string' },
  },
});
const sequences = Number(values.sequences);
const seed = Number(values.seed);
if (!Number.isInteger(sequences) || sequences <= 0) {
  console.error(`--sequences: expected a whole number > 0, got ${values.sequences}`);
  process.exit(2);
}
if (!Number.isInteger(seed)) {
  console.error(`--seed: expected a whole number, got ${values.seed}`);
  process.exit(2);
}

const search = findRedisServers();
for (const version of search.missing) console.warn(missingServerLine(version));
if (process.env.CI === 'true' && search.missing.length > 0) {
  console.error(`CI=true: missing servers for ${search.missing.join(', ')}`);
  process.exit(1);
}
const wanted = values.versions?.split(',');
const servers = search.found.filter((s) => wanted === undefined || wanted.includes(s.version));

const worker = fileURLToPath(new URL('./worker.ts', import.meta.url));
const started = Date.now();
const results = await Promise.all(
  servers.map(
    (server) =>
      new Promise<CampaignResult & { reported: string }>((resolve, reject) => {
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', worker, server.path, server.version, String(seed), String(sequences)],
          { stdio: ['ignore', 'pipe', 'inherit'] },
        );
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
        child.on('error', reject);
        child.on('exit', (code) => {
          if (code !== 0) reject(new Error(`fuzz worker for ${server.version} exited with ${code}`));
          else resolve({ ...(JSON.parse(out.trim().split('\n').pop() as string) as CampaignResult), reported: server.reported });
        });
      }),
  ),
);

for (const r of results) for (const t of r.transcripts) console.log(`\n${t}`);
const rows = results.map((r) => [r.reported, String(r.sequences), String(r.commands), String(r.divergent)]);
const head = ['server', 'sequences', 'commands', 'divergent sequences'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] as string).length)));
const line = (cells: readonly string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join(' | ')} |`;
console.log(`\nseed ${seed}, ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(line(head));
console.log(`|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
for (const row of rows) console.log(line(row));
process.exit(results.some((r) => r.divergent > 0) ? 1 : 0);
