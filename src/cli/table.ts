/**
 * Borderless, left-aligned tables in the style of kubectl and etcdctl's `-w table`
 * alternative: an upper-case header row and two spaces between columns. Built on cli-table3 so
 * wide and coloured cells keep their alignment.
 */
import Table from 'cli-table3';
import type { Painter } from './style.js';

/** A cell: null and undefined print as "-" (unknown), numbers and booleans as themselves. */
export type Cell = string | number | boolean | null | undefined;

/**
 * The text of a cell, on one line: control characters (a newline or tab in a stored value) are
 * shown escaped (`\n`, `\t`, `\x1b`), so a row stays a row and a value cannot move the cursor.
 */
export function cellText(value: Cell): string {
  if (value === null || value === undefined) return '-';
  return String(value).replace(/[\x00-\x08\x0a-\x1a\x1c-\x1f\x7f]|\t|\x1b(?!\[[0-9;]*m)/g, escapeControl);
}

/**
 * User data (keys, values) for a human line or cell: every control character escaped, the ESC
 * of a colour sequence too (cellText keeps those, since our own painted cells carry them), so a
 * stored key can neither colour nor move the terminal.
 */
export function dataText(text: string): string {
  // A backslash is doubled so an escaped control (\n) cannot be mistaken for stored text.
  return text.replace(/\\/g, '\\\\').replace(/[\x00-\x1f\x7f-\x9f]/g, escapeControl);
}

function escapeControl(c: string): string {
  if (c === '\n') return '\\n';
  if (c === '\r') return '\\r';
  if (c === '\t') return '\\t';
  return `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
}

const NO_BORDER = {
  top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
  bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
  left: '', 'left-mid': '', mid: '', 'mid-mid': '',
  right: '', 'right-mid': '', middle: '  ',
};

/**
 * Renders `rows` under `head` (no trailing newline). Cells are already strings so callers can
 * colour them; `paint` only styles the header.
 *
 * The last column is appended to each line as it is, never padded: cli-table3 pads every cell
 * of a column to the widest one, so one large value in `kv scan`'s VALUE column made every row
 * that wide (1,200 keys beside one 900 KB value: a 1 GB string, "Invalid string length", exit 1).
 */
export function renderTable(head: readonly string[], rows: readonly (readonly Cell[])[], paint: Painter): string {
  const last = head.length - 1;
  const lastCells = [paint.bold(head[last] ?? ''), ...rows.map((row) => cellText(row[last]))];
  if (last <= 0) return lastCells.map((line) => line.trimEnd()).join('\n');
  const table = new Table({
    head: head.slice(0, last).map((h) => paint.bold(h)),
    chars: NO_BORDER,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0, compact: true },
  });
  for (const row of rows) table.push(head.slice(0, last).map((_, i) => cellText(row[i])));
  // Cells are one line each (cellText escapes line breaks), so line i is row i - 1.
  return table
    .toString()
    .split('\n')
    .map((line, i) => `${line}  ${lastCells[i]}`.trimEnd())
    .join('\n');
}
