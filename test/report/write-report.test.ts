import { Command } from 'commander';
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registerReport } from '../../src/cli/commands/report.js';
import { isPelsimError } from '../../src/errors.js';
import { writeReport } from '../../src/report/index.js';
import { writeStory } from './fixtures/write-fixture.js';
import { listFiles, tempDirs, thrown } from './helpers.js';
import { nth } from '../support/items.js';

const newDir = tempDirs('report');

describe('writeReport', () => {
  it('writes report.html, summary.md and a .vl.json, .svg and .png per chart', async () => {
    const dir = await writeStory(await newDir());
    const summary = await writeReport(dir);
    const files = await listFiles(dir);
    expect(files).toEqual(['.pelsim-manifest.json', 'events.jsonl', 'report.html', 'results.json', ...summary.files.filter((f) => f !== 'report.html')].sort());
    for (const name of summary.charts) {
      for (const ext of ['vl.json', 'svg', 'png']) expect(files).toContain(`charts/${name}.${ext}`);
      const spec = JSON.parse(await readFile(join(dir, 'charts', `${name}.vl.json`), 'utf8'));
      expect(spec.$schema).toMatch(/vega-lite/);
      const png = await readFile(join(dir, 'charts', `${name}.png`));
      expect(png.subarray(1, 4).toString()).toBe('PNG');
    }
    const md = await readFile(join(dir, 'summary.md'), 'utf8');
    expect(md).toContain('| issues completed / hour | 1.00 | 1.75 |');
    for (const name of summary.charts) expect(md).toContain(`](charts/${name}.png)`);
    const html = await readFile(join(dir, 'report.html'), 'utf8');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//); // nothing from the network
    expect((html.match(/<figure class="chart"/g) ?? []).length).toBe(summary.charts.length);
  });

  it('shows each latency percentile as the run table does: minutes, or >N beyond the N minutes observed', async () => {
    const dir = await writeStory(await newDir());
    const results = JSON.parse(await readFile(join(dir, 'results.json'), 'utf8')) as {
      variants: { metrics: { latencyP50Minutes: number | null; latencyP95Minutes: number | null; latencyHorizonMinutes: number | null } }[];
    };
    const censored = structuredClone(results);
    // The second variant as a run that merged under half its issues: p50 and p95 beyond the horizon.
    Object.assign(nth(censored.variants, 1).metrics, { latencyP50Minutes: null, latencyP95Minutes: null, latencyHorizonMinutes: 1440 });
    await writeFile(join(dir, 'results.json'), JSON.stringify(censored));
    await writeReport(dir);
    const cells = (p: 'P50' | 'P95') =>
      censored.variants.map((v) => {
        const value = v.metrics[`latency${p}Minutes`];
        return value === null ? `>${Math.round(v.metrics.latencyHorizonMinutes ?? Number.NaN).toLocaleString('en-US')}` : Math.round(value).toLocaleString('en-US');
      });
    const html = await readFile(join(dir, 'report.html'), 'utf8');
    const md = await readFile(join(dir, 'summary.md'), 'utf8');
    for (const p of ['P50', 'P95'] as const) {
      const label = `latency ${p.toLowerCase()} (min)`;
      const htmlRow = html.split('\n').find((l) => l.startsWith(`<tr><th>${label}</th>`));
      expect(htmlRow).toBe(`<tr><th>${label}</th>${cells(p).map((c) => `<td class="num">${c.replace('>', '&gt;')}</td>`).join('')}</tr>`);
      const mdRow = md.split('\n').find((l) => l.startsWith(`| ${label} |`));
      expect(mdRow).toBe(`| ${label} | ${cells(p).map((c) => c.replace('>', '&gt;')).join(' | ')} |`);
    }
  });

  it('is deterministic: rebuilding gives byte-identical files, PNGs included', async () => {
    const dir = await writeStory(await newDir());
    await writeReport(dir);
    const first = new Map<string, Buffer>();
    for (const f of await listFiles(dir)) first.set(f, await readFile(join(dir, f)));
    await writeReport(dir);
    const second = await listFiles(dir);
    expect(second).toEqual([...first.keys()]);
    for (const f of second) expect((await readFile(join(dir, f))).equals(first.get(f) as Buffer), f).toBe(true);
  });

  it('leaves the previous report untouched and no staging folder when the input is broken', async () => {
    const dir = await writeStory(await newDir());
    await writeReport(dir);
    const before = await readFile(join(dir, 'report.html'));
    const events = await readFile(join(dir, 'events.jsonl'), 'utf8');
    await writeFile(join(dir, 'events.jsonl'), `${events}{"kind": "merge", "at": 1,\n`);
    const error = await thrown(() => writeReport(dir));
    expect(isPelsimError(error, 'input')).toBe(true);
    expect(error.message).toMatch(/events\.jsonl: line \d+ is not JSON/);
    expect((await readFile(join(dir, 'report.html'))).equals(before)).toBe(true);
    expect((await readdir(dir)).filter((f) => f.startsWith('.'))).toEqual(['.pelsim-manifest.json']);
  });

  it.each([
    ['a missing folder', async (dir: string) => join(dir, 'nope'), /nope: no such file or folder/],
    ['a folder without results.json', async (dir: string) => dir, /no results\.json in this folder/],
    ['results.json that is not JSON', async (dir: string) => (await writeFile(join(dir, 'results.json'), '{'), dir), /results\.json: not valid JSON/],
    [
      'results.json of the wrong shape',
      async (dir: string) => (await writeFile(join(dir, 'results.json'), JSON.stringify({ scenario: 'x', seed: 1, variants: [{ name: 3 }] })), dir),
      /not a pelsim results\.json: variants\[0\]\.name: .*expected string/i,
    ],
    [
      'a folder without events.jsonl',
      async (dir: string) => {
        await writeStory(dir);
        await rm(join(dir, 'events.jsonl'));
        return dir;
      },
      /no events\.jsonl beside results\.json/,
    ],
  ] as const)('%s is an input error with a precise message', async (_, prepare, message) => {
    const target = await prepare(await newDir());
    const error = await thrown(() => writeReport(target));
    expect(isPelsimError(error, 'input')).toBe(true);
    expect(error.message).toMatch(message);
  });
});

describe('pelsim report <folder>', () => {
  function program(out: string[]): Command {
    const p = new Command().exitOverride();
    registerReport(p, { out: (t) => out.push(t), err: (t) => out.push(t) });
    return p;
  }

  it('rebuilds the report and says what it wrote', async () => {
    const dir = await writeStory(await newDir());
    const out: string[] = [];
    await program(out).parseAsync(['report', dir], { from: 'user' });
    expect(out.join('')).toMatch(/report\.html, summary\.md and 7 charts/);
    expect(await listFiles(dir)).toContain('report.html');
  });

  it('rejects a missing folder with an input error (exit 2 in the CLI)', async () => {
    const error = await thrown(() => program([]).parseAsync(['report', '/nonexistent/pelsim-run'], { from: 'user' }));
    expect(isPelsimError(error, 'input')).toBe(true);
    expect(error.message).toBe('/nonexistent/pelsim-run: no such file or folder');
  });
});
