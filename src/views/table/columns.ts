/**
 * The column spec every resource view declares (k9s's "header" of columns),
 * and the pure functions the generic table builds on: cell rendering and
 * sorting (the layout is layout.ts).
 */
import { sanitize, type Align } from '../../util/text.js';
import { PLAIN, type RowDecoration } from './decoration.js';
import type { Cell, CellStyle } from './cell.js';

export type { Align, Cell, CellStyle };

export interface Column<Row> {
  /** Stable; used as the sort key and React key. */
  id: string;
  title: string;
  /** A fixed width in cells; otherwise the column is as wide as its widest cell (layout.ts), within: */
  width?: number;
  /** The narrowest it may be shrunk to (default: its title's width, at least 4). */
  minWidth?: number;
  /** The widest it grows to while room is short; beyond it only with room to spare. */
  maxWidth?: number;
  /** Default 'left'. */
  align?: Align;
  /** 0 = always shown; on narrow terminals columns with the highest numbers drop first (k9s "wide" columns). */
  priority: number;
  /**
   * The cell content; strings are sanitized by the table. `decoration` says
   * why the row stands out (a status just changed, a delete in flight): only
   * a cell that shows it (the status) needs to look.
   */
  render: (row: Row, decoration: RowDecoration) => string | Cell;
  /** Default: the rendered text. */
  sortValue?: (row: Row) => string | number | null;
  /**
   * What the column would take given room to spare, from its widest cell:
   * the status column room for `OLD → NEW` (layout.ts gives it only what
   * is left over). Default: its widest cell.
   */
  roomFor?: (contentWidth: number) => number;
  /** What the column is, for the keys that sort by it at once (k9s's Shift-letter): Shift-N by name, and so on. */
  sortRole?: SortRole;
  /**
   * Long free text a person reads whole in the details (an image, labels,
   * an ssh command): it gives way to half its width before an optional
   * column is dropped, where other columns keep nine cells in ten whole.
   */
  givesWay?: boolean;
  /** Its text reads another list's names (ViewContext.nameOf), so its widths are measured again when they change. */
  readsNames?: boolean;
  /** Shown only where the config file's `views.<tab>.columns` names it (and by `--output wide`): most people need it rarely. */
  onRequest?: boolean;
}

/** The columns one key sorts by, whatever their title on a tab. */
export type SortRole = 'name' | 'status' | 'age' | 'price';

export type SortValue = string | number | null;

/** The cell as one string: what a plain table (`--once`) prints. */
export function cellText(cell: Cell): string {
  return cell.from === undefined ? cell.text : `${cell.from} → ${cell.text}`;
}

/** A column's cell for `row`, sanitized. A throwing renderer yields an empty cell rather than a crashed frame. */
export function renderCell<Row>(column: Column<Row>, row: Row, decoration: RowDecoration = PLAIN): Cell {
  let value: string | Cell;
  try {
    value = column.render(row, decoration);
  } catch {
    return { text: '' };
  }
  if (typeof value === 'string') return { text: sanitize(value) };
  if (value === null || typeof value !== 'object') return { text: sanitize(value) };
  const cell = { ...value, text: sanitize(value.text) };
  if (value.from !== undefined) cell.from = sanitize(value.from);
  return cell;
}

/** The value a row sorts by in `column`: `sortValue` when given, else the rendered text. */
export function columnSortValue<Row>(column: Column<Row>, row: Row): SortValue {
  if (column.sortValue) {
    const value = column.sortValue(row);
    return typeof value === 'number' && Number.isNaN(value) ? null : value;
  }
  return renderCell(column, row).text;
}

/** Ascending order; nulls (and empty strings) always last; numbers before strings. */
export function compareSortValues(a: SortValue, b: SortValue): number {
  const aMissing = a === null || a === '';
  const bMissing = b === null || b === '';
  if (aMissing || bMissing) return aMissing === bMissing ? 0 : aMissing ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return naturalCompare(a, b);
}

/**
 * Text as people order names: letters without regard to case, and runs of
 * digits by their value, so `pod-9` comes before `pod-10` and `8b` before
 * `70b`. A run of digits inside something hexadecimal (`bench-3f11`, a
 * UUID) is not a number, and such words compare character by character, so
 * `bench-3303, bench-35c6, bench-3f11` stay in the order they read. Built by
 * hand: Intl.Collator loads ICU's collation data (about 3 MB of resident
 * memory) and is slower per comparison. Other characters compare by code unit.
 */
export function naturalCompare(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(j);
    if (isDigit(x) && isDigit(y)) {
      const aHex = inHexWord(a, i);
      const bHex = inHexWord(b, j);
      // A number comes before hexadecimal at the same place; two hexadecimal words read character by character.
      if (aHex !== bHex) return aHex ? 1 : -1;
    }
    if (isDigit(x) && isDigit(y) && !inHexWord(a, i)) {
      // Two numbers: the one with more digits (past leading zeros) is larger, else the first differing digit decides.
      const aFrom = pastLeadingZeros(a, i);
      const bFrom = pastLeadingZeros(b, j);
      const aEnd = endOfDigits(a, aFrom);
      const bEnd = endOfDigits(b, bFrom);
      if (aEnd - aFrom !== bEnd - bFrom) return aEnd - aFrom - (bEnd - bFrom);
      for (let k = 0; k < aEnd - aFrom; k++) {
        const difference = a.charCodeAt(aFrom + k) - b.charCodeAt(bFrom + k);
        if (difference !== 0) return difference;
      }
      i = aEnd;
      j = bEnd;
      continue;
    }
    const difference = foldCase(x) - foldCase(y);
    if (difference !== 0) return difference;
    i++;
    j++;
  }
  return a.length - i - (b.length - j);
}

/**
 * Whether the word (run of letters and digits) around `at` reads as
 * hexadecimal: four or more of 0-9 a-f with a digit, and two letters or
 * letters and digits interleaved (`3f11`, `2cfc`, a UUID's parts), not a
 * name and a number (`a100`, `003b`, `8b`).
 */
function inHexWord(text: string, at: number): boolean {
  let start = at;
  while (start > 0 && isAlphanumeric(text.charCodeAt(start - 1))) start--;
  let end = at;
  while (end < text.length && isAlphanumeric(text.charCodeAt(end))) end++;
  if (end - start < 4) return false;
  let digits = 0;
  let letters = 0;
  let digitThenLetter = false;
  let letterThenDigit = false;
  for (let k = start; k < end; k++) {
    const code = foldCase(text.charCodeAt(k));
    if (isDigit(code)) {
      digits++;
      letterThenDigit ||= letters > 0;
    } else if (code >= 0x61 && code <= 0x66) {
      letters++;
      digitThenLetter ||= digits > 0;
    } else return false;
  }
  return digits > 0 && (letters >= 2 || (digitThenLetter && letterThenDigit));
}

const isAlphanumeric = (code: number): boolean =>
  isDigit(code) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);

function pastLeadingZeros(text: string, start: number): number {
  let i = start;
  while (text.charCodeAt(i) === 0x30 && isDigit(text.charCodeAt(i + 1))) i++;
  return i;
}

function endOfDigits(text: string, start: number): number {
  let i = start;
  while (isDigit(text.charCodeAt(i))) i++;
  return i;
}

const isDigit = (code: number): boolean => code >= 0x30 && code <= 0x39;
const foldCase = (code: number): number => (code >= 0x41 && code <= 0x5a ? code + 0x20 : code);

/**
 * Rows sorted by a column, stable, ties broken by name then id so the order never
 * flickers between polls. Missing values stay last in both directions. Each
 * row's sort value is computed once (not once per comparison).
 */
export function sortRows<Row>(
  rows: readonly Row[],
  columns: readonly Column<Row>[],
  sort: { columnId: string; descending: boolean } | undefined,
  identity: RowIdentity<Row>,
): Row[] {
  const column = sort ? columns.find((c) => c.id === sort.columnId) : undefined;
  if (!sort || !column) return rows.slice();
  const keyed = rows.map((row) => keyRow(column, identity, row));
  keyed.sort(keyedComparator(sort.descending));
  return keyed.map((k) => k.row);
}

/** A row with its sort value, name and id computed once. */
export interface KeyedRow<Row> {
  row: Row;
  value: SortValue;
  /** What ties are broken by first (a row's name), then `id`. */
  name: string;
  id: string;
}

/**
 * Missing values last in both directions; ties broken by name, then by id,
 * in that order whatever the direction, so equal rows (a sort by STATUS)
 * keep one order that reads sensibly and never flickers between polls.
 */
export function keyedComparator<Row>(descending: boolean): (x: KeyedRow<Row>, y: KeyedRow<Row>) => number {
  const direction = descending ? -1 : 1;
  return (x, y) => {
    const xMissing = x.value === null || x.value === '';
    const yMissing = y.value === null || y.value === '';
    if (xMissing !== yMissing) return xMissing ? 1 : -1;
    const byValue = compareSortValues(x.value, y.value) * direction;
    if (byValue !== 0) return byValue;
    const byName = x.name === y.name ? 0 : naturalCompare(x.name, y.name);
    if (byName !== 0) return byName;
    return x.id < y.id ? -1 : x.id > y.id ? 1 : 0;
  };
}

/** How a sort keys a row: its id, and its name for ties (the id when it has none). */
export interface RowIdentity<Row> {
  getId: (row: Row) => string;
  getName?: (row: Row) => string;
}

export function keyRow<Row>(column: Column<Row>, identity: RowIdentity<Row>, row: Row): KeyedRow<Row> {
  const id = identity.getId(row);
  return { row, value: columnSortValue(column, row), name: identity.getName?.(row) ?? id, id };
}
