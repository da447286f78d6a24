/**
 * The column spec every resource view declares (k9s's "header" of columns),
 * and the pure functions the generic table builds on: layout, cell rendering
 * and sorting.
 */
import { sanitize, textWidth, type Align } from '../../util/text.js';
import { PLAIN, type RowDecoration } from './decoration.js';
import type { Cell, CellStyle } from './cell.js';

export type { Align, Cell, CellStyle };

export interface Column<Row> {
  /** Stable; used as the sort key and React key. */
  id: string;
  title: string;
  /** Fixed width in cells, OR */
  width?: number;
  /** for flexible columns (default: title width, at least 4) */
  minWidth?: number;
  /** Share of leftover width (default 0 = fixed/min only). */
  flex?: number;
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
}

export interface LaidOutColumn<Row> {
  column: Column<Row>;
  width: number;
}

export type SortValue = string | number | null;

const DEFAULT_MIN_WIDTH = 4;

function nonNegativeInt(value: number | undefined): number | undefined {
  if (value === undefined || !Number.isFinite(value)) return undefined;
  return Math.max(0, Math.floor(value));
}

/** The width a column needs before any flex share: its fixed width, or its minimum. */
export function baseWidth<Row>(column: Column<Row>): number {
  const fixed = nonNegativeInt(column.width);
  const max = nonNegativeInt(column.maxWidth);
  let width = fixed ?? nonNegativeInt(column.minWidth) ?? Math.max(textWidth(column.title), DEFAULT_MIN_WIDTH);
  if (fixed === undefined && max !== undefined) width = Math.min(width, max);
  return Math.max(1, width);
}

function flexOf<Row>(column: Column<Row>): number {
  // A fixed-width column never grows, whatever its flex says.
  if (column.width !== undefined) return 0;
  const flex = column.flex ?? 0;
  return Number.isFinite(flex) && flex > 0 ? flex : 0;
}

/**
 * Fit `columns` into `totalWidth` terminal columns with `gap` spaces between
 * neighbours. Drops the highest priority numbers first (ties: rightmost), then
 * shares leftover width among flex columns in proportion to `flex`, each
 * capped at its `maxWidth`; whatever cannot be shared goes to the last flex
 * column that can take it, or stays as trailing space. The sum of widths plus
 * gaps never exceeds `totalWidth`.
 */
export function layoutColumns<Row>(columns: readonly Column<Row>[], totalWidth: number, gap = 1): LaidOutColumn<Row>[] {
  const total = Number.isFinite(totalWidth) ? Math.floor(totalWidth) : 0;
  const spacing = Math.max(0, Math.floor(Number.isFinite(gap) ? gap : 1));
  if (total <= 0 || columns.length === 0) return [];

  const visible = columns.map((column) => ({ column, width: baseWidth(column) }));
  const used = (): number => visible.reduce((sum, c) => sum + c.width, 0) + spacing * Math.max(0, visible.length - 1);

  // Drop optional columns, least important (highest number) first; ties: the rightmost.
  while (used() > total) {
    let drop = -1;
    for (let i = 0; i < visible.length; i++) {
      const priority = visible[i]!.column.priority;
      if (priority > 0 && (drop === -1 || priority >= visible[drop]!.column.priority)) drop = i;
    }
    if (drop === -1) break;
    visible.splice(drop, 1);
  }

  // Even the always-shown columns don't fit: squeeze flex columns (widest first) down to 1 ...
  let overflow = used() - total;
  while (overflow > 0) {
    let widest: (typeof visible)[number] | undefined;
    for (const c of visible) {
      if (flexOf(c.column) > 0 && c.width > 1 && (widest === undefined || c.width > widest.width)) widest = c;
    }
    if (widest === undefined) break;
    const cut = Math.min(overflow, widest.width - 1);
    widest.width -= cut;
    overflow -= cut;
  }
  // ... then cut the last column, and drop it entirely if nothing of it would remain.
  while (overflow > 0 && visible.length > 0) {
    const last = visible[visible.length - 1]!;
    if (last.width > overflow) {
      last.width -= overflow;
      overflow = 0;
    } else {
      visible.pop();
      overflow = used() - total;
    }
  }

  distributeLeftover(visible, total - used());
  return visible;
}

function distributeLeftover<Row>(visible: LaidOutColumn<Row>[], leftover: number): void {
  let remaining = leftover;
  let active = visible.filter((c) => flexOf(c.column) > 0 && room(c) > 0);
  while (remaining > 0 && active.length > 0) {
    const flexSum = active.reduce((sum, c) => sum + flexOf(c.column), 0);
    const shares = active.map((c) => Math.floor((remaining * flexOf(c.column)) / flexSum));
    // Anyone whose share exceeds their room is capped; re-share the rest among the others.
    const capped = active.filter((c, i) => shares[i]! >= room(c));
    if (capped.length > 0) {
      for (const c of capped) {
        remaining -= room(c);
        c.width += room(c);
      }
      active = active.filter((c) => room(c) > 0);
      continue;
    }
    active.forEach((c, i) => {
      c.width += shares[i]!;
      remaining -= shares[i]!;
    });
    // Rounding remainder: to the last flex column (within its cap); anything beyond stays trailing space.
    const last = active[active.length - 1]!;
    const extra = Math.min(remaining, room(last));
    last.width += extra;
    remaining -= extra;
    break;
  }
}

function room<Row>(c: LaidOutColumn<Row>): number {
  const max = nonNegativeInt(c.column.maxWidth);
  return max === undefined ? Number.POSITIVE_INFINITY : Math.max(0, max - c.width);
}

/** Total columns a layout occupies, gaps included. */
export function layoutWidth<Row>(laidOut: readonly LaidOutColumn<Row>[], gap = 1): number {
  if (laidOut.length === 0) return 0;
  return laidOut.reduce((sum, c) => sum + c.width, 0) + gap * (laidOut.length - 1);
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
  return { ...value, text: sanitize(value.text) };
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
 * digits by their value, so `pod-9` comes before `pod-10`. Built by hand:
 * Intl.Collator loads ICU's collation data (about 3 MB of resident memory)
 * and is slower per comparison. Other characters compare by code unit.
 */
export function naturalCompare(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(j);
    if (isDigit(x) && isDigit(y)) {
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
 * Rows sorted by a column, stable, ties broken by id so the order never
 * flickers between polls. Missing values stay last in both directions. Each
 * row's sort value is computed once (not once per comparison).
 */
export function sortRows<Row>(
  rows: readonly Row[],
  columns: readonly Column<Row>[],
  sort: { columnId: string; descending: boolean } | undefined,
  getId: (row: Row) => string,
): Row[] {
  const column = sort ? columns.find((c) => c.id === sort.columnId) : undefined;
  if (!sort || !column) return rows.slice();
  const keyed = rows.map((row) => ({ row, value: columnSortValue(column, row), id: getId(row) }));
  keyed.sort(keyedComparator(sort.descending));
  return keyed.map((k) => k.row);
}

/** A row with its sort value and id computed once. */
export interface KeyedRow<Row> {
  row: Row;
  value: SortValue;
  id: string;
}

/** Missing values last in both directions, ties broken by id so the order never flickers between polls. */
export function keyedComparator<Row>(descending: boolean): (x: KeyedRow<Row>, y: KeyedRow<Row>) => number {
  const direction = descending ? -1 : 1;
  return (x, y) => {
    const xMissing = x.value === null || x.value === '';
    const yMissing = y.value === null || y.value === '';
    if (xMissing !== yMissing) return xMissing ? 1 : -1;
    const byValue = compareSortValues(x.value, y.value) * direction;
    if (byValue !== 0) return byValue;
    return x.id < y.id ? -1 : x.id > y.id ? 1 : 0;
  };
}
