/**
 * How a table's width is shared among its columns, as k9s does it: each
 * column as wide as its widest cell (and its title), within its bounds.
 *
 * - A column wants its content's width, capped at `maxWidth` (a fixed
 *   `width` wants exactly that).
 * - When that does not fit, the widest columns give way, but only as far
 *   as still shows nine cells in ten whole (a long outlier is cut, not the
 *   names most rows have): beyond that, optional columns go first, least
 *   important (highest `priority`) first, ties the rightmost. Long free
 *   text (Column.givesWay: an image, labels) gives way to half. A name cut to
 *   `llama3-8b-disti…` twice over, or a GPU cut before its `×8`, is worse
 *   than no PROVIDER column.
 * - When even the columns left do not fit, the widest give way further,
 *   down to their `minWidth`; then the last column is cut, and dropped if
 *   nothing of it would remain.
 * - Room left over goes first to the status's room for `OLD → NEW`
 *   (Column.roomFor), then to columns their cap cut short (a long image
 *   name at 200 columns), then stays as trailing space.
 *
 * The widths of the cells come from `ContentWidths`, which remembers each
 * row's per column so that a poll measures only the rows that changed.
 */
import { textWidth } from '../../util/text.js';
import { thousands } from '../format.js';
import { renderCell, type Column } from './columns.js';
import { PLAIN } from './decoration.js';

export interface LaidOutColumn<Row> {
  column: Column<Row>;
  width: number;
}

/** A column's cells: the widest, and the width nine in ten of them fit in. */
export interface ColumnContent {
  widest: number;
  most: number;
}

/** A column's content by id; a column without one wants its minimum. */
export type ContentWidthOf = (columnId: string) => ColumnContent | undefined;

/** The share of a column's cells it keeps whole before an optional column is dropped. */
const WHOLE_SHARE = 0.9;

const DEFAULT_MIN_WIDTH = 4;

function nonNegativeInt(value: number | undefined): number | undefined {
  if (value === undefined || !Number.isFinite(value)) return undefined;
  return Math.max(0, Math.floor(value));
}

/** The narrowest a column may be: its fixed width, or its minimum (default: its title, at least 4). */
export function minWidthOf<Row>(column: Column<Row>): number {
  const fixed = nonNegativeInt(column.width);
  const max = nonNegativeInt(column.maxWidth);
  let width = fixed ?? nonNegativeInt(column.minWidth) ?? Math.max(textWidth(column.title), DEFAULT_MIN_WIDTH);
  if (fixed === undefined && max !== undefined) width = Math.min(width, max);
  return Math.max(1, width);
}

interface Slot<Row> extends LaidOutColumn<Row> {
  min: number;
  /** What the content would take, uncapped. */
  natural: number;
  /** How far it gives way before an optional column is dropped: nine cells in ten whole. */
  comfortable: number;
}

/**
 * Fit `columns` into `totalWidth` terminal columns with `gap` spaces between
 * neighbours (see the file's header). The sum of widths plus gaps never
 * exceeds `totalWidth`, and columns keep their declared order.
 */
export function layoutColumns<Row>(
  columns: readonly Column<Row>[],
  totalWidth: number,
  gap = 1,
  contentWidth: ContentWidthOf = () => undefined,
): LaidOutColumn<Row>[] {
  const total = Number.isFinite(totalWidth) ? Math.floor(totalWidth) : 0;
  const spacing = Math.max(0, Math.floor(Number.isFinite(gap) ? gap : 1));
  if (total <= 0 || columns.length === 0) return [];

  const slots: Slot<Row>[] = columns.map((column) => {
    const min = minWidthOf(column);
    const fixed = nonNegativeInt(column.width);
    if (fixed !== undefined) return { column, min, natural: min, width: min, comfortable: min };
    // Room for the title and its sort arrow.
    const title = textWidth(column.title) + 1;
    const cells = contentWidth(column.id);
    const content = Math.max(min, title, cells?.widest ?? 0);
    const max = nonNegativeInt(column.maxWidth) ?? Number.POSITIVE_INFINITY;
    // The room a column would take is reckoned from its widest cell, not its minimum.
    const room = column.roomFor?.(cells?.widest ?? content) ?? content;
    const natural = Math.min(Math.max(content, room), Math.max(max, content));
    const width = Math.max(min, Math.min(content, max));
    const comfortable = column.givesWay
      ? Math.max(min, title, Math.ceil(width / 2))
      : Math.min(width, Math.max(min, title, cells?.most ?? 0));
    return { column, min, natural, width, comfortable };
  });
  const gaps = (): number => spacing * Math.max(0, slots.length - 1);
  const used = (): number => slots.reduce((sum, slot) => sum + slot.width, 0) + gaps();
  const usedAtMin = (): number => slots.reduce((sum, slot) => sum + slot.min, 0) + gaps();

  // Optional columns go while the rest cannot fit even cut to three quarters of what they want …
  const comfortable = (): number => slots.reduce((sum, slot) => sum + comfortableWidth(slot), 0) + gaps();
  while (comfortable() > total) {
    const drop = leastImportant(slots);
    if (drop === -1) break;
    slots.splice(drop, 1);
  }
  // … then the widest give way, first to that, then down to their minimums …
  shrinkWidest(slots, used() - total, comfortableWidth);
  shrinkWidest(slots, used() - total, (slot) => slot.min);
  // … and when even the minimums do not fit, optional columns go after all, then the last is cut.
  while (usedAtMin() > total && leastImportant(slots) !== -1) {
    slots.splice(leastImportant(slots), 1);
    shrinkWidest(slots, used() - total, (slot) => slot.min);
  }
  let overflow = used() - total;
  while (overflow > 0 && slots.length > 0) {
    const last = slots[slots.length - 1]!;
    if (last.width > overflow) {
      last.width -= overflow;
      overflow = 0;
    } else {
      slots.pop();
      overflow = used() - total;
    }
  }
  // The status's room for `OLD → NEW` comes first: a change is what a person must read whole.
  growCapped(
    slots.filter((slot) => slot.column.roomFor !== undefined),
    total - used(),
  );
  growCapped(slots, total - used());
  return slots.map(({ column, width }) => ({ column, width }));
}

/** The optional column to drop first (highest priority number, ties the rightmost); -1 when none is optional. */
function leastImportant<Row>(slots: readonly Slot<Row>[]): number {
  let drop = -1;
  for (let i = 0; i < slots.length; i++) {
    const priority = slots[i]!.column.priority;
    if (priority > 0 && (drop === -1 || priority >= slots[drop]!.column.priority)) drop = i;
  }
  return drop;
}

function comfortableWidth<Row>(slot: Slot<Row>): number {
  return slot.comfortable;
}

/** Takes `overflow` columns from the widest slots (ties: the rightmost), one at a time, never below `floor`. */
function shrinkWidest<Row>(slots: Slot<Row>[], overflow: number, floor: (slot: Slot<Row>) => number): void {
  const floors = new Map(slots.map((slot) => [slot, floor(slot)]));
  for (let remaining = overflow; remaining > 0; remaining--) {
    let widest: Slot<Row> | undefined;
    for (const slot of slots)
      if (slot.width > floors.get(slot)! && (!widest || slot.width >= widest.width)) widest = slot;
    if (!widest) return;
    widest.width -= 1;
  }
}

/** Gives leftover room to columns that their cap cut short, evenly, up to what their content takes. */
function growCapped<Row>(slots: Slot<Row>[], leftover: number): void {
  let remaining = leftover;
  while (remaining > 0) {
    const cut = slots.filter((slot) => slot.width < slot.natural);
    if (cut.length === 0) return;
    for (const slot of cut) {
      if (remaining === 0) return;
      slot.width += 1;
      remaining -= 1;
    }
  }
}

/** Spaces between columns. */
export const COLUMN_GAP = 1;
/** Columns the gutter takes when rows are decorated: up to two glyphs (cursor, mark) and a space. */
export const MARKER_WIDTH = 3;

export interface TableFit {
  /** The table's whole width. */
  lineWidth: number;
  /** Whether rows have a gutter (the cursor and a decoration glyph). */
  gutter: boolean;
  /** Rows in all, and rows on screen: when not all fit, the header keeps room at its right end for the position (`18/240`). */
  rowCount: number;
  visibleRows: number;
  contentWidth?: ContentWidthOf;
  /**
   * The column the rows are sorted by: kept like one that always shows, so
   * the order on screen has its reason in view (an offer list sorted by
   * $/GPU-hour must not drop that column at 80 columns).
   */
  sortedBy?: string;
}

/** The position at the right end of the header: `first–last/total`, or `last/total` where that is all that fits. */
export function positionTexts(start: number, end: number, total: string): [string, string] {
  return [`${thousands(start + 1)}–${thousands(end)}/${total}`, `${thousands(end)}/${total}`];
}

/** Room the header keeps for the position: its short form at its widest, and a space. */
export function positionReserve(rowCount: number, visibleRows: number): number {
  if (rowCount <= visibleRows) return 0;
  const total = thousands(rowCount);
  return textWidth(`${total}/${total}`) + 1;
}

/** The columns a table of this shape shows, and their widths: what the table draws and what `o` cycles through. */
export function fitTable<Row>(columns: readonly Column<Row>[], fit: TableFit): LaidOutColumn<Row>[] {
  const gutter = fit.gutter ? MARKER_WIDTH : 0;
  const reserve = positionReserve(fit.rowCount, fit.visibleRows);
  const kept = columns.map((column) => (column.id === fit.sortedBy ? { ...column, priority: 0 } : column));
  const laidOut = layoutColumns(kept, fit.lineWidth - gutter - reserve, COLUMN_GAP, fit.contentWidth);
  // The columns themselves, not the copy that kept one: rows are drawn again only when a column changes.
  return laidOut.map(({ column, width }) => ({ column: columns[kept.indexOf(column)]!, width }));
}

/** Total columns a layout occupies, gaps included. */
export function layoutWidth<Row>(laidOut: readonly LaidOutColumn<Row>[], gap = 1): number {
  if (laidOut.length === 0) return 0;
  return laidOut.reduce((sum, c) => sum + c.width, 0) + gap * (laidOut.length - 1);
}

/**
 * The cells of each flexible column over a list's rows, as drawn
 * undecorated (a status change draws within the width of its column, see
 * decoration.ts): the widest, and the width nine in ten fit in. Each row's
 * widths are remembered by the row object, which stays the same while the
 * row does (structural sharing), so a poll measures only new and changed
 * rows; the answer is remembered per list. A column that reads another
 * list's names (Column.readsNames) is measured again when `names` (the
 * names it reads, ViewContext.nameOf) is a new one.
 */
export class ContentWidths<Row extends object> {
  private readonly byRow = new WeakMap<Row, { names: unknown; widths: Map<string, number> }>();
  private last: {
    rows: readonly Row[];
    columns: readonly Column<Row>[];
    names: unknown;
    /** How many cells have each width, per column: widths are small, so a count per width is the cheapest order. */
    counts: Map<string, number[]>;
    content: Map<string, ColumnContent>;
  } | null = null;

  measure(rows: readonly Row[], columns: readonly Column<Row>[], names?: unknown): ContentWidthOf {
    const { last } = this;
    const measured = columns.filter((column) => column.width === undefined);
    // Names matter only to a column that reads them.
    if (!measured.some((column) => column.readsNames)) names = undefined;
    if (last && last.rows === rows && last.columns === columns && last.names === names) return lookup(last.content);
    let counts: Map<string, number[]> | undefined;
    if (last && last.columns === columns && last.names === names)
      counts = this.update(last.counts, last.rows, rows, measured);
    if (!counts) {
      counts = new Map(measured.map((column) => [column.id, []]));
      for (const row of rows) this.count(counts, row, measured, names, 1);
    }
    const content = new Map([...counts].map(([id, byWidth]) => [id, contentOf(byWidth, rows.length)]));
    this.last = { rows, columns, names, counts, content };
    return lookup(content);
  }

  /**
   * The counts of `before` turned into those of `rows` by the rows that differ, in one pass that
   * matches them in order (a poll changes a few rows, adds or drops one here and there): at 20,000
   * pods, measuring every cell again was a third of the frame after a poll. Undefined when more
   * than a quarter differ (a new sort), which is counted afresh.
   */
  private update(
    counts: Map<string, number[]>,
    before: readonly Row[],
    rows: readonly Row[],
    measured: readonly Column<Row>[],
  ): Map<string, number[]> | undefined {
    const limit = Math.max(64, rows.length / 4);
    const changes: [Row, 1 | -1][] = [];
    let i = 0;
    let j = 0;
    while (i < rows.length || j < before.length) {
      const now = rows[i];
      const then = before[j];
      if (now !== undefined && now === then) {
        i++;
        j++;
        continue;
      }
      if (changes.length > limit) return undefined;
      if (then !== undefined && now !== undefined && before[j + 1] === now) {
        changes.push([then, -1]);
        j++;
      } else if (now !== undefined && then !== undefined && rows[i + 1] === then) {
        changes.push([now, 1]);
        i++;
      } else {
        if (now !== undefined) {
          changes.push([now, 1]);
          i++;
        }
        if (then !== undefined) {
          changes.push([then, -1]);
          j++;
        }
      }
    }
    const names = this.last?.names;
    for (const [row, sign] of changes) this.count(counts, row, measured, names, sign);
    // A removed widest cell leaves zeros at the end: the widest is the last width still counted.
    for (const byWidth of counts.values()) while (byWidth.length > 0 && !byWidth[byWidth.length - 1]) byWidth.pop();
    return counts;
  }

  private count(
    counts: Map<string, number[]>,
    row: Row,
    measured: readonly Column<Row>[],
    names: unknown,
    sign: 1 | -1,
  ): void {
    let own = this.byRow.get(row);
    if (!own) this.byRow.set(row, (own = { names, widths: new Map() }));
    if (own.names !== names) {
      for (const column of measured) if (column.readsNames) own.widths.delete(column.id);
      own.names = names;
    }
    for (const column of measured) {
      let width = own.widths.get(column.id);
      if (width === undefined) own.widths.set(column.id, (width = textWidth(renderCell(column, row, PLAIN).text)));
      const byWidth = counts.get(column.id)!;
      byWidth[width] = (byWidth[width] ?? 0) + sign;
    }
  }
}

function contentOf(byWidth: readonly (number | undefined)[], cells: number): ColumnContent {
  const wanted = Math.ceil(cells * WHOLE_SHARE);
  let most = 0;
  for (let width = 0, seen = 0; width < byWidth.length; width++) {
    seen += byWidth[width] ?? 0;
    if (seen >= wanted) {
      most = width;
      break;
    }
  }
  return { widest: Math.max(0, byWidth.length - 1), most };
}

function lookup(content: ReadonlyMap<string, ColumnContent>): ContentWidthOf {
  return (columnId) => content.get(columnId);
}
