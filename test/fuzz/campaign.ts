/**
 * A fuzz campaign against one real server: start it, run `count` seeded sequences against it and
 * against the model, count divergences, and shrink the first few to minimal transcripts.
 */
import { Redis } from 'ioredis';
import type { RedisVersion } from '../../src/redis/model/index.js';
import { startRedisServer } from '../support/redis-server.js';
import { commandsIn, sampleSequences, type Sequence } from './generator.js';
import { openRealSide, runSequence, type RealSide } from './runner.js';
import { divergenceTranscript, shrink } from './transcript.js';

/** Options of {@link runCampaign}. */
export interface CampaignOptions {
  /** Path of the server binary. */
  readonly binary: string;
  /** The model version profile matching the server. */
  readonly version: RedisVersion;
  readonly seed: number;
  readonly sequences: number;
  /** How many divergences to shrink into transcripts (each costs a few dozen reruns). Default 3. */
  readonly shrinkFirst?: number;
  /** Called after each sequence (progress). */
  readonly onProgress?: (done: number, divergent: number) => void;
}

/** What a campaign saw. */
export interface CampaignResult {
  readonly version: RedisVersion;
  readonly sequences: number;
  /** Commands sent to each side (the divergent sequences up to their first divergence). */
  readonly commands: number;
  readonly divergent: number;
  /** Minimal redis-cli transcripts of the first divergences. */
  readonly transcripts: string[];
}

function connect(port: number): Redis {
  return new Redis({ port, lazyConnect: false, maxRetriesPerRequest: 0, enableOfflineQueue: true });
}

/** Runs a campaign; the server is started for it and stopped after. */
export async function runCampaign(options: CampaignOptions): Promise<CampaignResult> {
  const server = await startRedisServer(options.binary);
  let real: RealSide | undefined;
  try {
    real = await openRealSide(server.port, connect);
    const side = real;
    const sequences = sampleSequences(options.seed, options.sequences);
    const transcripts: string[] = [];
    let commands = 0;
    let divergent = 0;
    for (let i = 0; i < sequences.length; i++) {
      const sequence = sequences[i] as Sequence;
      const result = await runSequence(side, options.version, sequence);
      commands += result.results.length;
      if (result.divergence !== null) {
        divergent++;
        if (transcripts.length < (options.shrinkFirst ?? 3)) {
          const small = await shrink(sequence, async (candidate) => {
            const r = await runSequence(side, options.version, candidate);
            return r.divergence === null ? null : r;
          });
          const header =
            `${options.version}: seed ${options.seed}, sequence ${i} ` +
            `(${sequence.reduce((n, s) => n + commandsIn(s), 0)} commands, shrunk to ${small.sequence.length} steps)`;
          transcripts.push(divergenceTranscript(header, small.sequence, small.result ?? result));
        }
      }
      options.onProgress?.(i + 1, divergent);
    }
    return { version: options.version, sequences: sequences.length, commands, divergent, transcripts };
  } finally {
    real?.main.disconnect();
    real?.second.disconnect();
    await server.stop();
  }
}
