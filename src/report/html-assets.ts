import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** A library inlined into report.html so the page works from disk with no network. */
export interface InlineScript {
  readonly name: string;
  readonly version: string;
  readonly code: string;
}

/** The browser builds of vega, vega-lite and vega-embed, in load order (embed needs the other two). */
const LIBRARIES: readonly { readonly name: string; readonly file: string }[] = [
  { name: 'vega', file: 'vega.min.js' },
  { name: 'vega-lite', file: 'vega-lite.min.js' },
  { name: 'vega-embed', file: 'vega-embed.min.js' },
];

let cached: Promise<InlineScript[]> | undefined;

/**
 * Reads the minified UMD builds from node_modules (found through module resolution, beside each
 * package's entry point). Source-map comments are dropped (the maps are not shipped) and any
 * `</script` is broken up so the code cannot end its own element.
 */
export function inlineScripts(): Promise<InlineScript[]> {
  cached ??= Promise.all(
    LIBRARIES.map(async ({ name, file }) => {
      const entry = createRequire(import.meta.url).resolve(name);
      const build = dirname(entry);
      const code = (await readFile(join(build, file), 'utf8'))
        .replace(/\n?\/\/# sourceMappingURL=\S*\s*$/, '\n')
        .replace(/<\/script/gi, '<\\/script');
      const pkg = JSON.parse(await readFile(join(build, '..', 'package.json'), 'utf8')) as { version?: string };
      return { name, version: pkg.version ?? 'unknown', code };
    }),
  );
  return cached;
}
