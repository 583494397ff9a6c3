/** Word wrapping for terminal output, so no line pelsim prints runs past the screen. */

/** Widest line pelsim prints to a terminal by default (`--wide` lifts it for the run table only). */
export const TERMINAL_WIDTH = 100;

/**
 * `text` broken at spaces into lines of at most `width` characters: the first line starts with
 * `first`, the rest with `rest` (a hanging indent). A word longer than a whole line is cut, so the
 * limit holds for any input.
 */
export function wrapWords(text: string, width: number, first = '', rest = first): string[] {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  const push = () => {
    lines.push(line.trimEnd());
    line = rest;
    empty = true;
  };
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    let w = word;
    if (!empty && line.length + 1 + w.length > width) push();
    // A word that cannot fit on a fresh line is cut into pieces that do.
    while (line.length + w.length > width && w.length > 0) {
      const room = Math.max(1, width - line.length);
      line += w.slice(0, room);
      w = w.slice(room);
      push();
    }
    if (w === '') continue;
    line += empty ? w : ` ${w}`;
    empty = false;
  }
  if (!empty || lines.length === 0) lines.push(line.trimEnd());
  return lines;
}
