import { clockTime } from '../../metrics/clock-format.js';
import type { Lane, Marker, VariantTimeline, WorkBar } from '../timeline.js';

/** More lanes than this and the lane labels stop being readable. */
export const MAX_LANES = 40;
/** More bars than this and the chart turns into texture (and the SVG into megabytes). */
export const MAX_BARS = 1200;
const DAY = 24 * 3_600_000;

/** The part of a timeline one swimlane draws. */
export interface SwimlaneView {
  readonly fromMs: number;
  readonly toMs: number;
  readonly lanes: readonly Lane[];
  readonly works: readonly WorkBar[];
  readonly markers: readonly Marker[];
  /** Null when everything is shown; otherwise what was left out, for the chart's subtitle. */
  readonly sampled: string | null;
}

/**
 * The whole timeline when it is small enough to read; otherwise the 24 h day with the most
 * duplicate work (then claims and restarts), and within it the {@link MAX_LANES} incarnations with
 * the most duplicate work, then the most work. The subtitle says what was left out.
 */
export function sampleSwimlane(t: VariantTimeline): SwimlaneView {
  if (t.lanes.length <= MAX_LANES && t.works.length <= MAX_BARS) {
    return { fromMs: 0, toMs: t.endMs, lanes: t.lanes, works: t.works, markers: t.markers, sampled: null };
  }
  const [fromMs, toMs] = t.endMs > DAY ? busiestDay(t) : [0, t.endMs];
  const overlaps = (start: number, end: number | null) => start < toMs && (end ?? t.endMs) >= fromMs;
  const works = t.works.filter((w) => overlaps(w.start, w.end));
  const markers = t.markers.filter((m) => m.at >= fromMs && m.at < toMs);
  const score = new Map<number, [number, number, number]>();
  const bump = (inc: number, k: 0 | 1 | 2) => {
    const s = score.get(inc) ?? [0, 0, 0];
    s[k]++;
    score.set(inc, s);
  };
  for (const w of works) bump(w.incarnation, w.duplicate ? 0 : 1);
  for (const m of markers) bump(m.incarnation, 2);
  const scoreOf = (inc: number): readonly [number, number, number] => score.get(inc) ?? [0, 0, 0];
  const inWindow = t.lanes.filter((l) => overlaps(l.start, l.end));
  const ranked = [...inWindow].sort((a, b) => {
    const [sa, sb] = [scoreOf(a.incarnation), scoreOf(b.incarnation)];
    return sb[0] - sa[0] || sb[1] - sa[1] || sb[2] - sa[2] || a.start - b.start || a.incarnation - b.incarnation;
  });
  const kept = new Set(ranked.slice(0, MAX_LANES).map((l) => l.incarnation));
  const lanes = inWindow.filter((l) => kept.has(l.incarnation));
  const window = fromMs === 0 && toMs === t.endMs ? 'the whole run' : `the 24 h from ${clockTime(fromMs)} to ${clockTime(toMs)} (the day with the most duplicate work)`;
  const lanesNote = lanes.length < t.lanes.length ? `${lanes.length} of ${t.lanes.length} pod incarnations (most duplicate work first, then most work); ` : '';
  return {
    fromMs,
    toMs,
    lanes,
    works: works.filter((w) => kept.has(w.incarnation)),
    markers: markers.filter((m) => kept.has(m.incarnation)),
    sampled: `sampled for readability: ${window}; ${lanesNote}every event is in events.jsonl`,
  };
}

/** [from, to) of the day with the most duplicate work starting, then claims and restarts; earliest wins ties. */
function busiestDay(t: VariantTimeline): [number, number] {
  const days = Math.ceil(t.endMs / DAY);
  const score = new Array<number>(days).fill(0);
  // Times are not negative, so day() is an index of score: the `!`s below are safe.
  const day = (at: number) => Math.min(days - 1, Math.floor(at / DAY));
  for (const w of t.works) if (w.duplicate) score[day(w.start)]! += 4;
  for (const m of t.markers) if (m.kind === 'claim' || m.kind === 'restart') score[day(m.at)]! += 1;
  let best = 0;
  for (let d = 1; d < days; d++) if (score[d]! > score[best]!) best = d;
  return [best * DAY, Math.min(t.endMs, (best + 1) * DAY)];
}
