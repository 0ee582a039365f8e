import type { Paint, Style } from './colour.js';

/** A table cell: its text, and a style used only when colour is on. */
export type Cell = string | { readonly text: string; readonly style?: Style | undefined };

/**
 * A plain aligned text table. Styles are applied after padding, so columns
 * line up with and without colour (logs and pipes get none).
 */
export function formatTable(
  header: readonly string[],
  rows: ReadonlyArray<readonly Cell[]>,
  paint: Paint = (_style, text) => text,
): string {
  const textOf = (cell: Cell | undefined) => (typeof cell === 'string' ? cell : (cell?.text ?? ''));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => textOf(row[i]).length)));
  const line = (cells: readonly Cell[]) =>
    cells
      .map((cell, i) => {
        const padded = textOf(cell).padEnd(widths[i] ?? 0);
        const style = typeof cell === 'string' ? undefined : cell.style;
        // Only the text is styled, not the padding: trailing spaces stay plain and are trimmed.
        return style === undefined ? padded : paint(style, textOf(cell)) + padded.slice(textOf(cell).length);
      })
      .join('  ')
      .trimEnd();
  return [
    line(header.map((text) => ({ text, style: 'bold' as const }))),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
  ].join('\n');
}
