import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { chooseFont } from './fonts.js';
import type { ChartDef, RenderedChart, VegaLiteSpec } from './model.js';

/** PNG pixels per SVG pixel: crisp on high-density screens and in Markdown previews. */
const PNG_ZOOM = 1.5;

/**
 * Renders a Vega-Lite spec to SVG headlessly. Vega numbers clip paths with a process-wide counter,
 * so ids are renamed to `<name>-<n>` in order of appearance: the SVG is the same however many
 * charts were rendered before it, and ids stay unique when several SVGs are inlined in one page.
 */
export async function renderSvg(name: string, spec: VegaLiteSpec): Promise<string> {
  const vgSpec = compileSpec(spec).vega;
  const view = new vega.View(vega.parse(vgSpec), { renderer: 'none' });
  try {
    return scopeSvgIds(await view.toSVG(), name);
  } finally {
    view.finalize();
  }
}

/**
 * Compiles Vega-Lite to Vega, collecting Vega-Lite's warnings instead of printing them (the tests
 * require every chart to compile without any).
 */
export function compileSpec(spec: VegaLiteSpec): { vega: vega.Spec; warnings: string[] } {
  const warnings: string[] = [];
  const logger = {
    level(): number {
      return vega.Warn;
    },
    error(...args: unknown[]) {
      throw new Error(`Vega-Lite: ${args.map(String).join(' ')}`);
    },
    warn(...args: unknown[]) {
      warnings.push(args.map(String).join(' '));
      return this;
    },
    info() {
      return this;
    },
    debug() {
      return this;
    },
  };
  return { vega: compile(spec as unknown as TopLevelSpec, { logger }).spec, warnings };
}

/** Rasterises an SVG with resvg and the chosen font files. */
export function renderPng(svg: string): Buffer {
  const font = chooseFont();
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: PNG_ZOOM },
    background: 'white',
    font: {
      loadSystemFonts: !font.explicit,
      fontFiles: [...font.files],
      defaultFontFamily: font.family,
      sansSerifFamily: font.family,
    },
  });
  return resvg.render().asPng();
}

/** SVG and PNG of a chart. */
export async function renderChart(chart: ChartDef): Promise<RenderedChart> {
  const svg = await renderSvg(chart.name, chart.spec);
  return { ...chart, svg, png: renderPng(svg) };
}

/** Renames every `id` in an SVG, and the references to it, to `<prefix>-1`, `<prefix>-2`, … */
export function scopeSvgIds(svg: string, prefix: string): string {
  const ids = new Map<string, string>();
  for (const [, id] of svg.matchAll(/\sid="([^"]+)"/g)) if (id !== undefined && !ids.has(id)) ids.set(id, `${prefix}-${ids.size + 1}`);
  if (ids.size === 0) return svg;
  return svg
    .replace(/(\sid=")([^"]+)(")/g, (all, a: string, id: string, b: string) => `${a}${ids.get(id) ?? id}${b}`)
    .replace(/url\(#([^)]+)\)/g, (all, id: string) => (ids.has(id) ? `url(#${ids.get(id)})` : all))
    .replace(/(href=")#([^"]+)(")/g, (all, a: string, id: string, b: string) => (ids.has(id) ? `${a}#${ids.get(id)}${b}` : all));
}
