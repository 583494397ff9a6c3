import type { Command } from 'commander';
import { mergeShards } from '../../sweep/index.js';
import { formatSweepTable } from '../../sweep/table.js';
import type { CliIo } from '../io.js';

/** `pelsim merge <shard dirs...> --out DIR`: shard outputs → what one unsharded sweep writes. */
export function registerMerge(program: Command, io: CliIo): void {
  program
    .command('merge')
    .description('combine the output folders of sweep shards (--shard i/n) into one sweep')
    .argument('<dirs...>', "the shards' --out folders, one per shard 0..n-1 (any order)")
    .requiredOption('--out <dir>', 'output folder of the merged sweep')
    .action(async (dirs: string[], options: { out: string }) => {
      const result = await mergeShards(dirs, options.out);
      io.out(`${result.report.scenario}: merged ${result.shards} shards, ${result.report.runs} runs\n\n`);
      io.out(`${formatSweepTable(result.report)}\n\n`);
      if (result.replaced > 0) io.out(`replaced the earlier sweep in ${options.out} (only files pelsim wrote there)\n`);
      io.out(`wrote ${result.dir}/ sweep.json, sweep.csv, runs.jsonl and charts/\n`);
    });
}
