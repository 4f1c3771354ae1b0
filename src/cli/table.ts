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
 */
export function renderTable(head: readonly string[], rows: readonly (readonly Cell[])[], paint: Painter): string {
  const table = new Table({
    head: head.map((h) => paint.bold(h)),
    chars: NO_BORDER,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0, compact: true },
  });
  for (const row of rows) table.push(row.map(cellText));
  return table
    .toString()
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
}
