import { clockTime } from '../../metrics/clock-format.js';
import type { ChartDef, ChartSeries, JsonValue } from '../model.js';
import { OUTCOME_COLOURS } from '../palette.js';
import type { Lane, MarkerKind, VariantTimeline } from '../timeline.js';
import { frame, r3, spec } from './common.js';
import { sampleSwimlane } from './swimlane-sample.js';

const WIDTH = 1000;
const STEP = 22;
const HOUR = 3_600_000;
/** Width (px) a bar needs per label character, and around it, to carry its bold 9 px "#issue" label. */
const LABEL_PX_PER_CHAR = 6;
const LABEL_PADDING_PX = 8;

/**
 * How each marker kind is drawn: its shape, its legend label, and its vertical offset (px from the
 * lane's centre): a reconnect and its history read coincide, so they sit apart.
 */
const MARKERS: Readonly<Record<MarkerKind, { readonly shape: string; readonly label: string; readonly yOffset: number }>> = {
  restart: { shape: 'triangle-up', label: 'container restart', yOffset: -6 },
  replacement: { shape: 'triangle-right', label: 'pod replaced (new pod, new name)', yOffset: -6 },
  rollout: { shape: 'triangle-down', label: 'pod started by a rolling update', yOffset: -6 },
  reconnect: { shape: 'diamond', label: 'reconnect', yOffset: -6 },
  claim: { shape: 'cross', label: 'claim (XCLAIM/XAUTOCLAIM)', yOffset: 6 },
  'history read': { shape: 'square', label: 'history read (ID 0)', yOffset: 6 },
};
const MARKER_STYLES = Object.values(MARKERS);
const DUPLICATE = 'duplicate work (issue worked twice)';

/** Hours on the axis, labelled as the virtual clock: `09:00`, later days `d2 09:00`. */
const CLOCK_LABEL =
  "(floor(round(datum.value * 60) / 1440) > 0 ? 'd' + (floor(round(datum.value * 60) / 1440) + 1) + ' ' : '') + " +
  "pad(floor(round(datum.value * 60) / 60) % 24, 2, '0', 'left') + ':' + pad(round(datum.value * 60) % 60, 2, '0', 'left')";

/**
 * The story as a picture: one lane per pod incarnation, a bar per issue worked (work-start →
 * work-end, coloured by outcome, `#issue` on it), duplicate work outlined, and markers for container
 * restarts, replacements, pods of a rolling update, reconnects, claims and history reads, and a
 * dashed line where a rolling update begins. Large runs are sampled (see the subtitle).
 */
export function swimlaneChart(s: ChartSeries, timeline: VariantTimeline, name: string): ChartDef {
  const view = sampleSwimlane(timeline);
  const labels = laneLabels(view.lanes);
  const from = view.fromMs / HOUR;
  const to = Math.max(view.toMs, view.fromMs + HOUR) / HOUR;
  const clip = (ms: number) => r3(Math.min(to, Math.max(from, ms / HOUR)));
  const hoursPerPx = (to - from) / WIDTH;
  const laneRows: JsonValue[] = view.lanes.map((l) => ({
    lane: labels.get(l.incarnation) ?? '', t0: clip(l.start), t1: clip(l.end ?? view.toMs),
    pod: l.pod, consumer: l.consumer, started: `${clockTime(l.start)} (${l.startReason})`,
    stopped: l.end === null ? 'running at the end' : `${clockTime(l.end)} (${l.stopReason ?? ''})`,
  }));
  const workRows: JsonValue[] = view.works.map((w) => {
    const t0 = clip(w.start);
    const t1 = clip(w.end ?? view.toMs);
    return {
      lane: labels.get(w.incarnation) ?? '', t0, t1, outcome: w.outcome, duplicate: w.duplicate,
      issue: `#${w.issue}`, label: fits(`#${w.issue}`, t1 - t0, hoursPerPx) ? `#${w.issue}` : '',
      title: timeline.titles.get(w.issue) ?? '', from: clockTime(w.start), to: w.end === null ? 'end of run' : clockTime(w.end),
      minutes: Math.round(((w.end ?? view.toMs) - w.start) / 60_000),
    };
  });
  const markerRows: JsonValue[] = view.markers.map((m) => ({
    lane: labels.get(m.incarnation) ?? '', t: clip(m.at), event: MARKERS[m.kind].label, at: clockTime(m.at),
    issue: m.issue === null ? '' : `#${m.issue}`,
  }));
  const rolloutRows: JsonValue[] = timeline.rollouts.filter((at) => at >= view.fromMs && at < view.toMs).map((at) => ({ t: clip(at), at: clockTime(at), what: 'rolling update' }));
  const order = view.lanes.map((l) => labels.get(l.incarnation) ?? '');
  const y = { field: 'lane', type: 'nominal', sort: order, title: null, axis: { labelLimit: 360 } };
  const x = { field: 't0', type: 'quantitative', title: 'virtual time (hh:mm, day 2 on as d2 hh:mm)', scale: { domain: [r3(from), r3(to)], nice: false }, axis: { labelExpr: CLOCK_LABEL, tickMinStep: 1 } };
  const subtitle = [
    'one lane per pod incarnation (pod · container run); a bar per issue worked, work-start → work-end, coloured by outcome',
    'black outline: an issue worked twice at once, or a duplicate PR; markers: restarts, replacements, pods of a rolling update,',
    'reconnects, claims, history reads' + (rolloutRows.length > 0 ? '; dashed vertical line: a rolling update begins' : ''),
    ...sharedConsumerNote(view.lanes),
    ...(view.sampled ? view.sampled.split('; ') : []),
    ...(s.note ? [s.note] : []),
  ];
  const outcomes = Object.keys(OUTCOME_COLOURS);
  const markerLabels = MARKER_STYLES.map((m) => m.label);
  return {
    name,
    title: `Swimlane: ${s.label}`,
    spec: spec({
      ...frame(`Swimlane: ${s.label}`, subtitle),
      // Named datasets: several layers draw the same rows, which are inlined once.
      datasets: { lanes: laneRows, works: workRows, markers: markerRows, rollouts: rolloutRows },
      width: WIDTH,
      height: { step: STEP },
      layer: [
        { data: { name: 'lanes' }, mark: { type: 'bar', color: '#ececec', height: STEP - 2, tooltip: true }, encoding: { x, x2: { field: 't1' }, y } },
        {
          data: { name: 'works' },
          mark: { type: 'bar', height: STEP - 8, tooltip: true },
          encoding: {
            x, x2: { field: 't1' }, y,
            color: { field: 'outcome', type: 'nominal', title: 'work outcome', scale: { domain: outcomes, range: Object.values(OUTCOME_COLOURS) }, legend: { orient: 'bottom', direction: 'vertical' } },
            tooltip: ['issue', 'title', 'from', 'to', 'minutes', 'outcome', 'duplicate', 'lane'].map((f) => ({ field: f })),
          },
        },
        {
          data: { name: 'works' },
          transform: [{ filter: 'datum.duplicate' }],
          mark: { type: 'bar', filled: false, height: STEP - 6, strokeWidth: 2 },
          encoding: { x, x2: { field: 't1' }, y, stroke: { datum: DUPLICATE, type: 'nominal', title: 'highlight', scale: { domain: [DUPLICATE], range: ['#111111'] }, legend: { orient: 'bottom', direction: 'vertical' } } },
        },
        {
          data: { name: 'works' },
          transform: [{ filter: "datum.label !== ''" }],
          mark: { type: 'text', align: 'left', baseline: 'middle', dx: 3, fontSize: 9, color: 'white', fontWeight: 'bold' },
          encoding: { x, y, text: { field: 'label' } },
        },
        {
          data: { name: 'rollouts' },
          mark: { type: 'rule', color: '#555555', strokeDash: [5, 3], strokeWidth: 1.5, tooltip: true },
          encoding: { x: { ...x, field: 't' } },
        },
        {
          data: { name: 'rollouts' },
          mark: { type: 'text', align: 'left', baseline: 'bottom', dx: 3, dy: -2, fontSize: 10, color: '#333333', y: 0 },
          encoding: { x: { ...x, field: 't' }, text: { field: 'what' } },
        },
        // One layer per marker kind, each at its own height in the lane, so a restart and the
        // history read right after it stay apart; they share one shape scale, hence one legend.
        ...MARKER_STYLES.map((marker) => ({
          data: { name: 'markers' },
          transform: [{ filter: { field: 'event', equal: marker.label } }],
          mark: { type: 'point', filled: true, size: 120, color: '#222222', stroke: 'white', strokeWidth: 1, opacity: 1, tooltip: true, yOffset: marker.yOffset },
          encoding: {
            x: { ...x, field: 't' }, y,
            shape: { field: 'event', type: 'nominal', title: 'event', scale: { domain: markerLabels, range: MARKER_STYLES.map((m) => m.shape) }, legend: { orient: 'bottom', direction: 'vertical', symbolSize: 110, symbolStrokeWidth: 0, symbolFillColor: '#222222' } },
          },
        })),
      ],
      resolve: { legend: { color: 'independent', stroke: 'independent' } },
    }),
  };
}

/** Whether a label fits on a bar `hours` long without spilling onto the next bar. */
function fits(label: string, hours: number, hoursPerPx: number): boolean {
  return hours / hoursPerPx >= label.length * LABEL_PX_PER_CHAR + LABEL_PADDING_PX;
}

/** `pod · run n`; unique because a pod's runs are numbered. */
function laneLabels(lanes: readonly Lane[]): Map<number, string> {
  return new Map(lanes.map((l) => [l.incarnation, `${l.pod} · run ${l.run}`]));
}

/** One line saying that every lane reads under one consumer name, when they do: the story's cause. */
function sharedConsumerNote(lanes: readonly Lane[]): string[] {
  const consumers = new Set(lanes.map((l) => l.consumer));
  const [consumer] = consumers;
  if (lanes.length < 2 || consumer === undefined || consumers.size !== 1) return [];
  return [`every lane reads as the one consumer "${consumer}"`];
}
