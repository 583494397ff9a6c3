/**
 * The top functions of a V8 CPU profile (`node --cpu-prof`), by self time and by total
 * (inclusive) time, as Markdown rows for bench/README.md.
 *
 * `node --import tsx bench/profile-top.ts <file.cpuprofile> [rows] [self|total]`
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** One function's share of the profile. */
export interface FunctionCost {
  readonly name: string;
  readonly selfMs: number;
  readonly totalMs: number;
}

/** Where a frame lives, short: `src/world/cluster.ts:120` (the checkout prefix stripped). */
function where(frame: CallFrame): string {
  const url = frame.url.replace(/^file:\/\//, '');
  // Sources and paired builds (…/bench-dist/ is a compiled src/) print as src/…
  const inSrc = url.search(/\/(src|bench-dist|dist|bench|node_modules)\//);
  const file = inSrc >= 0 ? url.slice(inSrc + 1).replace(/^(bench-dist|dist)\//, 'src/') : url || '(native)';
  return `${frame.functionName || '(anonymous)'} ${file}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;
}

/** Self and inclusive milliseconds per function (frames merged by name and place). */
export function functionCosts(profile: CpuProfile): { costs: FunctionCost[]; totalMs: number } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map<number, number>();
  let totalUs = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    selfUs.set(id, (selfUs.get(id) ?? 0) + dt);
    totalUs += dt;
  });
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const key = where((byId.get(id) as ProfileNode).callFrame);
    self.set(key, (self.get(key) ?? 0) + us);
    // Inclusive: every distinct function on the stack gets the sample once (recursion counted once).
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const k = where((byId.get(at) as ProfileNode).callFrame);
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + us);
    }
  }
  const costs = [...total.keys()].map((name) => ({ name, selfMs: (self.get(name) ?? 0) / 1000, totalMs: (total.get(name) ?? 0) / 1000 }));
  return { costs, totalMs: totalUs / 1000 };
}

/** Markdown table of the `rows` functions with the most self (or, `by: 'total'`, inclusive) time. */
export function topTable(profile: CpuProfile, rows = 15, by: 'self' | 'total' = 'self'): string[] {
  const { costs, totalMs } = functionCosts(profile);
  const pct = (ms: number) => `${((100 * ms) / totalMs).toFixed(1)}%`;
  const lines = ['| function | self | self % | total % |', '|---|---|---|---|'];
  const key = by === 'self' ? (c: FunctionCost) => c.selfMs : (c: FunctionCost) => c.totalMs;
  for (const c of costs.sort((a, b) => key(b) - key(a)).slice(0, rows)) {
    lines.push(`| \`${c.name}\` | ${c.selfMs.toFixed(0)} ms | ${pct(c.selfMs)} | ${pct(c.totalMs)} |`);
  }
  lines.push(`| (profile total) | ${totalMs.toFixed(0)} ms | | |`);
  return lines;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [file, rows, by] = process.argv.slice(2);
  if (file === undefined) {
    console.error('usage: bench/profile-top.ts <file.cpuprofile> [rows]');
    process.exitCode = 2;
  } else {
    const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
    for (const line of topTable(profile, rows === undefined ? 15 : Number(rows), by === 'total' ? 'total' : 'self')) console.log(line);
  }
}
