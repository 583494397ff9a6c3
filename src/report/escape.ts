/**
 * Escaping for every user string (scenario, variant, issue titles) that reaches a report.
 * Vega escapes the text it writes into SVG itself; these cover what pelsim writes around it.
 */

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text or attribute value for HTML/SVG: `<script>` becomes `&lt;script&gt;`. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);
}

/**
 * JSON that is safe inside `<script type="application/json">`: `<` is written as `\u003c` so no
 * `</script>` or `<!--` can end the element early, and U+2028/U+2029 are escaped for old parsers.
 */
export function jsonInScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * A Markdown table cell: HTML-escaped (Markdown renderers pass raw HTML through), pipes and
 * backslashes escaped so the cell cannot split the table, newlines folded, and the characters
 * that start emphasis, links or code escaped so a name renders as typed.
 */
export function escapeMarkdown(text: string): string {
  return escapeHtml(text)
    .replace(/\\/g, '\\\\')
    .replace(/([|`*_[\]#~])/g, '\\$1')
    .replace(/\r?\n/g, ' ');
}

/** Inline code in Markdown that cannot be broken out of: HTML-escaped inside `<code>`. */
export function markdownCode(text: string): string {
  return `<code>${escapeHtml(text).replace(/\|/g, '&#124;').replace(/\r?\n/g, ' ')}</code>`;
}
