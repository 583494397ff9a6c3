/**
 * The progress line of `pelsim hunt` on a terminal: fault schedules simulated against the search's
 * budget, the variant, wall time and an ETA at the rate so far (none while shrinking: fast-check
 * stops when no smaller schedule fails, which cannot be foreseen). Shown only when stderr is a
 * terminal (never in pipes, CI logs or tests), and cleared before the result is printed.
 */
import { Presets, SingleBar } from 'cli-progress';
import type { HuntProgress } from '../hunt/index.js';
import { formatSeconds } from '../sweep/progress.js';

/** Shows a hunt's progress; `stop` clears the line. */
export interface HuntProgressLine {
  update(progress: HuntProgress): void;
  stop(): void;
}

/**
 * A progress line on `stream`; wall time is read here, in the CLI, never inside the simulation.
 * `clock` (ms) is for tests.
 */
export function createHuntProgress(stream: NodeJS.WriteStream, clock: () => number = () => performance.now()): HuntProgressLine {
  const bar = new SingleBar(
    {
      stream,
      format: 'hunting {bar} {value}/{total} schedules | variant {variant} | {phase} | {elapsed} wall | ETA {left}',
      hideCursor: true,
      clearOnComplete: true,
      // The simulation holds the event loop between updates: draw from update(), not from a timer.
      synchronousUpdate: true,
      fps: 5,
    },
    Presets.shades_classic,
  );
  const started = clock();
  let shown = false;
  return {
    update(p) {
      const seconds = (clock() - started) / 1000;
      // Short hunts finish before a line would help; only a hunt past one second gets one.
      if (!shown && seconds < 1) return;
      // Searched so far over every variant: earlier variants used their whole budget.
      const total = p.budget * p.variants;
      const searched = Math.min(total, p.index * p.budget + Math.min(p.runs, p.budget));
      const rate = seconds > 0 ? searched / seconds : 0;
      const payload = {
        variant: `${p.index + 1}/${p.variants}`,
        phase: p.shrinking ? 'shrinking a violation' : 'searching',
        elapsed: formatSeconds(seconds),
        left: p.shrinking || rate === 0 ? '?' : formatSeconds((total - searched) / rate),
      };
      if (!shown) {
        bar.start(total, searched, payload);
        shown = true;
      } else {
        bar.update(searched, payload);
      }
    },
    stop() {
      if (shown) bar.stop();
    },
  };
}
