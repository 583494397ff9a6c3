/**
 * The progress line of `pelsim run` on a terminal: simulated time against the whole run, wall
 * time, and an ETA at the rate so far. Shown only when stdout is a terminal (never in pipes, CI
 * logs or tests) and cleared before the results are printed.
 */
import { Presets, SingleBar } from 'cli-progress';
import type { ScenarioProgress } from '../run/simulate.js';
import { formatSeconds } from '../sweep/progress.js';

/** Shows a scenario run's progress; `stop` clears the line. */
export interface RunProgress {
  update(progress: ScenarioProgress): void;
  stop(): void;
}

/** `90_000_000` → `1d01h`; `5_400_000` → `1h30m`: simulated time, coarse on purpose. */
export function formatSimulated(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const hours = Math.floor(minutes / 60);
  const days = Math.floor(hours / 24);
  if (days > 0) return `${days}d${String(hours % 24).padStart(2, '0')}h`;
  return `${hours}h${String(minutes % 60).padStart(2, '0')}m`;
}

/** A progress line on `stream`; wall time is read here, in the CLI, never inside the simulation. */
export function createRunProgress(stream: NodeJS.WriteStream): RunProgress {
  const bar = new SingleBar(
    {
      stream,
      format: 'simulating {bar} {simulated} of {total_simulated} | variant {variant} | {elapsed} wall | ETA {left}',
      hideCursor: true,
      clearOnComplete: true,
      // The simulation holds the event loop between updates: draw from update(), not from a timer.
      noTTYOutput: false,
      synchronousUpdate: true,
      fps: 5,
    },
    Presets.shades_classic,
  );
  const started = performance.now();
  let shown = false;
  return {
    update(p) {
      const seconds = (performance.now() - started) / 1000;
      // Short runs finish before a line would help; only a run past one second gets one.
      if (!shown && seconds < 1) return;
      const rate = seconds > 0 ? p.simulatedMs / seconds : 0;
      const payload = {
        simulated: formatSimulated(p.simulatedMs),
        total_simulated: formatSimulated(p.totalMs),
        variant: `${p.index + 1}/${p.variants}`,
        elapsed: formatSeconds(seconds),
        left: rate > 0 ? formatSeconds((p.totalMs - p.simulatedMs) / rate) : '?',
      };
      if (!shown) {
        bar.start(p.totalMs, p.simulatedMs, payload);
        shown = true;
      } else {
        bar.update(p.simulatedMs, payload);
      }
    },
    stop() {
      if (shown) bar.stop();
    },
  };
}
