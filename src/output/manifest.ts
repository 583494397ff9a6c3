/**
 * The manifest of an output folder: `.pelsim-manifest.json` lists every file pelsim wrote there, by
 * group (`results`, `report`, `sweep`, `comparison`, `hunt`). pelsim overwrites a file only if the
 * manifest lists it, and removes only files the manifest lists under the group it is rewriting
 * (a chart of a variant that no longer exists), so a user's own files beside pelsim's survive.
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, normalize, sep } from 'node:path';

/** File name of the manifest inside an output folder. */
export const MANIFEST_FILE = '.pelsim-manifest.json';

/** What kind of output a file belongs to; a command rewrites whole groups. */
export type OutputGroup = 'results' | 'report' | 'sweep' | 'comparison' | 'hunt';

const GROUPS: readonly OutputGroup[] = ['results', 'report', 'sweep', 'comparison', 'hunt'];

/** The manifest as stored. */
interface ManifestJson {
  readonly format: 'pelsim-outputs/1';
  /** Path relative to the folder, with `/` → group. */
  readonly files: Readonly<Record<string, OutputGroup>>;
}

/** Relative path (with `/`) → group. */
export type Manifest = Map<string, OutputGroup>;

/**
 * True when `rel` names a file strictly inside a folder: relative, no `..`, no empty segment.
 * Everything pelsim writes passes this; a manifest entry that does not (a hand-edited or hostile
 * manifest) is ignored, so pelsim never removes anything outside its folder.
 */
export function isInside(rel: string): boolean {
  if (rel === '' || isAbsolute(rel) || rel.includes('\\') || rel.includes('\0')) return false;
  const normal = normalize(rel);
  return normal === rel.split('/').join(sep) && !normal.split(sep).some((part) => part === '..' || part === '.' || part === '');
}

/** Reads the manifest of `dir`; an absent or unreadable one is empty (nothing there is pelsim's). */
export async function readManifest(dir: string): Promise<Manifest> {
  let text: string;
  try {
    text = await readFile(join(dir, MANIFEST_FILE), 'utf8');
  } catch {
    return new Map();
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return new Map();
  }
  const files = (parsed as Partial<ManifestJson> | null)?.files;
  const manifest: Manifest = new Map();
  if (typeof files !== 'object' || files === null) return manifest;
  for (const [rel, group] of Object.entries(files)) {
    if (isInside(rel) && (GROUPS as readonly string[]).includes(group)) manifest.set(rel, group);
  }
  return manifest;
}

/** The manifest's text: keys sorted, so the same outputs give the same bytes. */
export function manifestText(manifest: Manifest): string {
  const files = Object.fromEntries([...manifest].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const json: ManifestJson = { format: 'pelsim-outputs/1', files };
  return `${JSON.stringify(json, null, 2)}\n`;
}
