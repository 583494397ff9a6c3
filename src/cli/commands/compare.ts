import type { Command } from 'commander';
import { relative } from 'node:path';
import { writeComparison } from '../../report/index.js';
import type { CliIo } from '../io.js';

/** Where `pelsim compare` writes when no --out is given. */
export const DEFAULT_COMPARE_OUT = 'reports/compare';

/** `pelsim compare <results.json|folder>... [--out DIR]` */
export function registerCompare(program: Command, io: CliIo): void {
  program
    .command('compare')
    .description('compare runs: the report charts with every input overlaid, plus a diff table (95 % CI over seeds of one scenario)')
    .argument('<inputs...>', 'two or more run folders or results.json files; runs of one scenario with different seeds are grouped')
    .option('--out <dir>', 'output folder', DEFAULT_COMPARE_OUT)
    .action(async (inputs: string[], options: { out: string }) => {
      const summary = await writeComparison(inputs, options.out);
      const shown = relative(process.cwd(), summary.dir) || '.';
      io.out(`wrote ${shown}/report.html, summary.md, comparison.json and ${summary.charts.length} charts in ${(summary.millis / 1000).toFixed(2)} s\n`);
    });
}
