import type { Command } from 'commander';
import { relative } from 'node:path';
import type { CliIo } from '../io.js';

/** `pelsim report <folder>`: rebuilds report.html, summary.md and charts/ from results.json and events.jsonl. */
export function registerReport(program: Command, io: CliIo): void {
  program
    .command('report')
    .description('rebuild report.html, summary.md and charts/ of a run folder from its results.json and events.jsonl, without simulating')
    .argument('<folder>', 'a folder written by `pelsim run` (holding results.json and events.jsonl)')
    .action(async (folder: string) => {
      // Loaded here, not at start-up: every other command would pay for Vega and resvg.
      const { writeReport } = await import('../../report/index.js');
      const summary = await writeReport(folder, { flag: '', given: folder });
      const shown = relative(process.cwd(), summary.dir) || '.';
      for (const line of summary.skipped) io.out(`note: ${line}\n`);
      io.out(`wrote ${shown}/report.html, summary.md and ${summary.charts.length} charts (charts/*.vl.json, .svg, .png) in ${(summary.millis / 1000).toFixed(2)} s\n`);
    });
}
