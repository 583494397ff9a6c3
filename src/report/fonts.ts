import { existsSync } from 'node:fs';

/**
 * Font files for resvg, which draws no text without fonts. Explicit files (regular and bold, as
 * chart titles are bold) rather than whatever the system offers, so the PNGs come out the same on
 * every machine that has them; DejaVu first (Debian's default), then Liberation.
 */
const CANDIDATES: readonly { readonly family: string; readonly files: readonly string[] }[] = [
  { family: 'DejaVu Sans', files: ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf'] },
  {
    family: 'Liberation Sans',
    files: ['/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf', '/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf'],
  },
];

/** The fonts resvg should use. */
export interface FontChoice {
  readonly family: string;
  readonly files: readonly string[];
  /** False when no known file exists and resvg must search the system (PNG may differ per machine). */
  readonly explicit: boolean;
}

let cached: FontChoice | undefined;

/** The first candidate family whose files all exist, else the system's sans-serif. */
export function chooseFont(): FontChoice {
  cached ??= (() => {
    for (const c of CANDIDATES) if (c.files.every((f) => existsSync(f))) return { family: c.family, files: c.files, explicit: true };
    return { family: 'sans-serif', files: [], explicit: false };
  })();
  return cached;
}
