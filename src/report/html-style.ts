/** The page's stylesheet: readable on screen and printable, no external fonts. */
export const REPORT_CSS = `
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; margin: 0 auto; max-width: 1480px; padding: 24px; color: #222; line-height: 1.45; }
h1 { font-size: 1.6rem; margin: 0 0 .3rem; overflow-wrap: anywhere; }
h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #ddd; padding-bottom: .2rem; }
p.description { color: #444; max-width: 72rem; overflow-wrap: anywhere; }
table { border-collapse: collapse; font-size: .9rem; margin: .5rem 0 1rem; }
th, td { border: 1px solid #ddd; padding: 4px 8px; vertical-align: top; }
th { background: #f6f6f6; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; margin-right: 6px; vertical-align: -1px; }
nav.toc a { margin-right: 12px; white-space: nowrap; }
figure.chart { margin: 1.5rem 0; padding: 8px; border: 1px solid #eee; border-radius: 6px; overflow-x: auto; }
figure.chart svg { max-width: 100%; height: auto; }
figure.chart .interactive svg { max-width: none; }
figcaption { font-size: .85rem; color: #555; margin-top: 4px; }
p.not-drawn { color: #555; font-style: italic; margin: 4px 0; }
ul.chains { font-size: .88rem; }
ul.chains li { margin: .2rem 0; overflow-wrap: anywhere; }
p.failure { color: #b00020; overflow-wrap: anywhere; }
footer { margin-top: 3rem; font-size: .8rem; color: #666; }
.better { color: #2a7a3a; } .worse { color: #b3261e; }
`;
