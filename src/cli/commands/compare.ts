import type { Command } from 'commander';
import { relative } from 'node:path';
import { checkOutFolder } from '../../output/index.js';
import type { CliIo } from '../io.js';
import { compareJson } from '../json/compare-json.js';
import { JSON_FLAG, JSON_FLAG_HELP, printJson } from '../json/print.js';

/** Where `pelsim compare` writes when no --out is given. */
export const DEFAULT_COMPARE_OUT = 'reports/compare';

/** `pelsim compare <results.json|folder>... [--out DIR] [--json]` */
export function registerCompare(program: Command, io: CliIo): void {
  program
    .command('compare')
    .description('compare runs: the diff table on stdout, and the report charts with every input overlaid (95 % CI over seeds of one scenario)')
    .argument('<inputs...>', 'two or more run folders or results.json files; runs of one scenario with different seeds are grouped')
    .option('--out <dir>', 'output folder', DEFAULT_COMPARE_OUT)
    .option(JSON_FLAG, JSON_FLAG_HELP)
    .action(async (inputs: string[], options: { out: string; json?: boolean }) => {
      const label = { flag: '--out', given: options.out };
      await checkOutFolder(options.out, label, ['report.html', 'summary.md', 'comparison.json']);
      // Loaded here, not at start-up: every other command would pay for Vega and resvg.
      const { diffTableText, writeComparison } = await import('../../report/index.js');
      const summary = await writeComparison(inputs, options.out, label);
      const notes = [
        ...summary.skipped,
        ...(summary.replaced > 0 ? [`replaced the earlier comparison in ${options.out} (only files pelsim wrote there)`] : []),
      ];
      if (options.json === true) {
        printJson(io, compareJson(summary.comparison, summary.dir, summary.files, notes));
        return;
      }
      const shown = relative(process.cwd(), summary.dir) || '.';
      io.out(`${diffTableText(summary.comparison).join('\n')}\n\n`);
      for (const line of notes) io.out(`note: ${line}\n`);
      io.out(`wrote ${shown}/report.html, summary.md, comparison.json and ${summary.charts.length} charts in ${(summary.millis / 1000).toFixed(2)} s\n`);
    });
}
