import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeHtml, escapeMarkdown, jsonInScript } from '../../src/report/escape.js';
import { writeReport } from '../../src/report/index.js';
import { writeStory } from './fixtures/write-fixture.js';
import { listFiles, tempDirs } from './helpers.js';

const XSS = '<script>alert(1)</script>';
const newDir = tempDirs('escape');

describe('escaping helpers', () => {
  it('escapeHtml escapes the five HTML specials', () => {
    expect(escapeHtml(`${XSS} & "q" 'a'`)).toBe('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; &#39;a&#39;');
  });

  it('jsonInScript cannot close its script element and round-trips', () => {
    const value = { name: `${XSS}<!-- -->&\u2028` };
    const text = jsonInScript(value);
    expect(text).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(text)).toEqual(value);
  });

  it('escapeMarkdown keeps table cells intact and raw HTML out', () => {
    const cell = escapeMarkdown(`a | b ${XSS} *x* \`c\``);
    expect(cell).not.toContain('<');
    expect(cell).not.toMatch(/(^|[^\\])\|/);
    expect(cell).toContain('\\*x\\*');
  });
});

describe('a scenario, variants and issue titles named <script>alert(1)</script>', () => {
  it('show as text in report.html, summary.md and every SVG', async () => {
    const dir = await writeStory(await newDir(), { scenario: XSS, rename: (s) => `${s} ${XSS}` });
    await writeReport(dir);
    const html = await readFile(join(dir, 'report.html'), 'utf8');
    expect(html).not.toContain(XSS);
    expect(html).toContain(`<h1>pelsim: &lt;script&gt;alert(1)&lt;/script&gt;</h1>`);
    expect(html).toContain('<title>pelsim: &lt;script&gt;alert(1)&lt;/script&gt;</title>');
    // Script elements: the inlined vega, vega-lite and vega-embed, the boot script, one spec per chart.
    const charts = (html.match(/<figure class="chart"/g) ?? []).length;
    expect((html.match(/<script[\s>]/gi) ?? []).length).toBe(4 + charts);
    expect(html).toContain('\\u003cscript\\u003ealert(1)\\u003c/script\\u003e');

    const md = await readFile(join(dir, 'summary.md'), 'utf8');
    expect(md).not.toMatch(/<script/i);
    expect(md).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');

    const svgs = (await listFiles(join(dir, 'charts'))).filter((f) => f.endsWith('.svg'));
    expect(svgs.length).toBe(charts);
    for (const svg of svgs) {
      const text = await readFile(join(dir, 'charts', svg), 'utf8');
      expect(text, svg).not.toMatch(/<script/i);
    }
    const swimlane = await readFile(join(dir, 'charts', svgs.find((s) => s.startsWith('swimlane-')) ?? ''), 'utf8');
    expect(swimlane).toContain('&lt;script&gt;');
  });
});
