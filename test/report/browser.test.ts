import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReport } from '../../src/report/index.js';
import { writeStory } from './fixtures/write-fixture.js';
import { tempDirs } from './helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
/** Screenshots are kept here for a person to look at. */
const SHOTS = join(tmpdir(), 'pelsim-report-screenshots');

/** True (after one line saying so) when Chromium is missing; with CI=true a missing browser fails instead. */
function skipWithoutChromium(): boolean {
  if (existsSync(CHROMIUM)) return false;
  const why = `report browser test: no Chromium at ${CHROMIUM} (apt-get install chromium)`;
  if (process.env.CI === 'true') throw new Error(`${why}; mandatory when CI=true`);
  console.warn(`skipped ${why}`);
  return true;
}

const newDir = tempDirs('browser');

interface PageCheck {
  readonly charts: { name: string; rendered: string; marks: number }[];
  readonly problems: string[];
  readonly requests: string[];
  readonly dialogs: string[];
  readonly heading: string;
  readonly tooltip: string;
}

describe.skipIf(skipWithoutChromium())('report.html in headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    await mkdir(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function open(file: string, shot: string, act?: (page: Page) => Promise<string>): Promise<PageCheck> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const problems: string[] = [];
    const requests: string[] = [];
    const dialogs: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('request', (r) => requests.push(r.url()));
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const url = pathToFileURL(file).href;
    await page.goto(url);
    await page.waitForSelector('body[data-charts="done"]', { timeout: 20_000 });
    const charts = await page.$$eval('figure.chart', (figures) =>
      figures.map((f) => ({
        name: f.getAttribute('data-chart') ?? '',
        rendered: f.getAttribute('data-rendered') ?? '',
        marks: f.querySelectorAll('.interactive svg .mark-group, .interactive svg path, .interactive svg line').length,
      })),
    );
    await page.screenshot({ path: join(SHOTS, `${shot}-top.png`) });
    const figures = await page.$$('figure.chart');
    for (const [i, f] of figures.entries()) await f.screenshot({ path: join(SHOTS, `${shot}-${i + 1}.png`) });
    const heading = (await page.textContent('h1')) ?? '';
    const tooltip = act ? await act(page) : '';
    await page.close();
    return { charts, problems, requests: requests.filter((r) => r !== url), dialogs, heading, tooltip };
  }

  it('renders every chart of the fixture story interactively, with no console error and no network', async () => {
    const dir = await writeStory(await newDir());
    const summary = await writeReport(dir);
    const page = await open(join(dir, 'report.html'), 'fixture');
    expect(page.problems).toEqual([]);
    expect(page.requests).toEqual([]);
    expect(page.charts.map((c) => c.name)).toEqual(summary.charts);
    for (const c of page.charts) {
      expect(c.rendered, c.name).toBe('interactive');
      expect(c.marks, c.name).toBeGreaterThan(5);
    }
  });

  it('shows a scenario named <script>alert(1)</script> as text and runs none of it', async () => {
    const xss = '<script>alert(1)</script>';
    const dir = await writeStory(await newDir(), { scenario: xss, rename: (s) => `${s} <img src=x onerror=alert(2)>` });
    await writeReport(dir);
    // Hover the work bars of the last swimlane: their tooltips carry the (hostile) issue titles.
    const hover = async (page: Page): Promise<string> => {
      const bars = await page.$$('figure.chart:last-of-type .interactive svg g.mark-rect path');
      for (const bar of bars.slice(-12)) await bar.hover({ force: true });
      return (await page.textContent('#vg-tooltip-element')) ?? '';
    };
    const page = await open(join(dir, 'report.html'), 'escape', hover);
    expect(page.heading).toBe(`pelsim: ${xss}`);
    expect(page.tooltip).toContain('<img src=x onerror=alert(2)>');
    expect(page.dialogs).toEqual([]);
    expect(page.problems).toEqual([]);
    expect(page.requests).toEqual([]); // the <img src=x> was never created
    for (const c of page.charts) expect(c.rendered, c.name).toBe('interactive');
  });

  const committed = resolve('reports/seed-story/report.html');
  it.runIf(existsSync(committed))('renders the committed seed-story report', async () => {
    const page = await open(committed, 'seed-story');
    expect(page.problems).toEqual([]);
    expect(page.requests).toEqual([]);
    expect(page.charts.length).toBeGreaterThanOrEqual(8);
    for (const c of page.charts) expect(c.rendered, c.name).toBe('interactive');
  });
});
