import type { Command } from 'commander';
import { relative } from 'node:path';
import { checkOutFolder } from '../../output/index.js';
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
      const label = { flag: '--out', given: options.out };
      await checkOutFolder(options.out, label, ['report.html', 'summary.md', 'comparison.json']);
      const summary = await writeComparison(inputs, options.out, label);
      const shown = relative(process.cwd(), summary.dir) || '.';
      for (const line of summary.skipped) io.out(`note: ${line}\n`);
      if (summary.replaced > 0) io.out(`replaced the earlier comparison in ${options.out} (only files pelsim wrote there)\n`);
      io.out(`wrote ${shown}/report.html, summary.md, comparison.json and ${summary.charts.length} charts in ${(summary.millis / 1000).toFixed(2)} s\n`);
    });
}
