/**
 * The default output folder of a scenario is a slug of its name, never the name itself: a name is
 * free text (`../../../x`, `a/b`, `C:\x`), a folder name must stay one path segment below
 * `reports/`.
 */

/** Longest slug; long names are cut (folder names have limits, and nobody types 200 characters). */
const MAX_SLUG = 80;

/**
 * `name` as one safe path segment: lower-case ASCII letters, digits, `-` and `_`; every other run
 * of characters (slashes, dots, spaces, accents, control characters) becomes one `-`; never empty,
 * never `.` or `..`. `"2 replicas / static id"` → `2-replicas-static-id`, `"../../../x"` → `x`.
 */
export function folderSlug(name: string): string {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG)
    .replace(/-+$/, '');
  return slug === '' ? 'scenario' : slug;
}
