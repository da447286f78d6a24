/**
 * The one generic resource table (k9s's table view): a header line, then only
 * the rows that fit (windowing, so 10,000 rows cost what 50 do), a selection
 * drawn inverse, per-row colour, an optional marker gutter and a scroll
 * position. Resource views supply columns; they never draw rows themselves.
 *
 * Each row is one `<Text>` line of nested spans rather than a Box per cell: a
 * text node is a single Yoga node, so layout cost is per row, not per cell.
 */
import { memo, useLayoutEffect, useMemo, useRef, type ReactElement, type ReactNode } from 'react';
import { Box, Text } from 'ink';

import { thousands } from '../format.js';
import { pad, sanitize, textWidth, truncate } from '../text.js';
import { layoutColumns, layoutWidth, renderCell, type CellStyle, type Column, type LaidOutColumn } from './columns.js';
import { indexOfId, windowStart } from './selection.js';

export type { Align, Cell, CellStyle, Column, LaidOutColumn } from './columns.js';
export { layoutColumns, sortRows } from './columns.js';
export { moveSelection, reconcileSelection, windowStart, type SelectionMove } from './selection.js';

export interface TableSort {
  columnId: string;
  descending: boolean;
}

export interface TableProps<Row> {
  /** Already filtered and sorted by the caller. */
  rows: readonly Row[];
  /** Keep this array stable (a module constant): a new array re-lays out and re-renders every row. */
  columns: readonly Column<Row>[];
  getId: (row: Row) => string;
  /** Selection is by id, never by index. Not in `rows`: nothing highlighted and the window stays put. */
  selectedId: string | null;
  width: number;
  /** Includes the header line. */
  height: number;
  /** Per-row colour (e.g. a changed row); the selected row is drawn inverse on top. */
  rowStyle?: (row: Row) => CellStyle | undefined;
  /** A gutter of up to two glyphs before the first column (e.g. '›' for the cursor, '✓' for a marked row). */
  marker?: (row: Row) => string;
  /**
   * For columns whose cells depend on more than the row (e.g. a status cell
   * that shows a transition): a value that changes whenever such a cell of
   * this row would. A row is drawn again only when its object, its style,
   * its marker or this value changes, so `columns` can stay the same array
   * while that outside state changes.
   */
  rowVersion?: (row: Row) => string;
  /** Shows ▲ (ascending) or ▼ (descending) after that column's title. */
  sort?: TableSort;
  /** Shown when `rows` is empty, e.g. 'No pods'. */
  emptyText?: string;
  /** NO_COLOR: cells and rows lose their colours but keep inverse, bold and dim, so selection stays visible. */
  monochrome?: boolean;
}

/** Spaces between columns. */
export const COLUMN_GAP = 1;
/** Columns the marker gutter takes when `marker` is given: up to two glyphs (cursor, mark) and a space. */
export const MARKER_WIDTH = 3;


export function Table<Row>({
  rows,
  columns,
  getId,
  selectedId,
  width,
  height,
  rowStyle,
  marker,
  rowVersion,
  sort,
  emptyText = 'Nothing to show',
  monochrome = false,
}: TableProps<Row>): ReactElement {
  const lineWidth = Math.max(0, Math.floor(width));
  const lines = Math.max(1, Math.floor(height));
  const visibleCount = lines - 1;
  const gutter = marker ? MARKER_WIDTH : 0;

  const laidOut = useMemo(() => layoutColumns(columns, lineWidth - gutter, COLUMN_GAP), [columns, lineWidth, gutter]);

  // Where the selection was last time: checked first, so a steady selection costs O(1), not a scan of every row.
  const indexHint = useRef(-1);
  const selectedIndex = findIndex(rows, getId, selectedId, indexHint.current);

  // The window's start survives renders, so rows inserted above a visible selection don't make the view jump.
  const previousStart = useRef(0);
  const start = windowStart(selectedIndex, previousStart.current, visibleCount, rows.length);
  // Committed only once the render is: a render React throws away must not move the window.
  useLayoutEffect(() => {
    previousStart.current = start;
    indexHint.current = selectedIndex;
  });

  const end = Math.min(rows.length, start + visibleCount);
  const total = thousands(rows.length);
  const indicators = useMemo(
    () => (end <= start ? [] : [`${thousands(start + 1)}–${thousands(end)}/${total}`, `${thousands(end)}/${total}`]),
    [start, end, total],
  );

  const body: ReactNode[] = [];
  for (let i = start; i < end; i++) {
    const row = rows[i]!;
    const style = rowStyle?.(row);
    body.push(
      <RowLine
        key={getId(row)}
        row={row}
        columns={laidOut}
        lineWidth={lineWidth}
        gutter={gutter}
        marker={marker ? marker(row) : ''}
        version={rowVersion ? rowVersion(row) : ''}
        selected={i === selectedIndex}
        color={monochrome ? undefined : style?.color}
        monochrome={monochrome}
        dim={style?.dim === true}
        bold={style?.bold === true}
      />,
    );
  }

  return (
    // No overflow="hidden": every line is already cut and padded to the width, and only the rows that fit are drawn;
    // clipping would make Ink slice and re-serialise each line again on every frame.
    <Box flexDirection="column" width={lineWidth} height={lines}>
      <HeaderLine
        columns={laidOut}
        lineWidth={lineWidth}
        gutter={gutter}
        sortColumnId={sort?.columnId}
        descending={sort?.descending === true}
        indicators={indicators}
      />
      {rows.length === 0 && visibleCount > 0 ? (
        <Text dimColor wrap="truncate">
          {pad(' '.repeat(gutter) + sanitize(emptyText), lineWidth)}
        </Text>
      ) : (
        body
      )}
    </Box>
  );
}

function findIndex<Row>(rows: readonly Row[], getId: (row: Row) => string, id: string | null, hint: number): number {
  if (id === null) return -1;
  const hinted = rows[hint];
  if (hinted !== undefined && getId(hinted) === id) return hint;
  return indexOfId(rows, getId, id);
}

// ---------------------------------------------------------------------------
// One line = plain strings and styled spans. Adjacent unstyled text is merged
// so a typical row has a handful of spans, not one per cell.

interface Span extends CellStyle {
  text: string;
  underline?: boolean;
}

function hasStyle(span: CellStyle & { underline?: boolean }): boolean {
  return span.color !== undefined || span.dim === true || span.bold === true || span.underline === true;
}

class LineBuilder {
  readonly spans: Span[] = [];
  width = 0;

  push(text: string, style?: CellStyle & { underline?: boolean }, measured = textWidth(text)): void {
    if (text === '') return;
    this.width += measured;
    const last = this.spans[this.spans.length - 1];
    if (style && hasStyle(style)) {
      this.spans.push({ ...style, text });
    } else if (last && !hasStyle(last)) {
      last.text += text;
    } else {
      this.spans.push({ text });
    }
  }

  fill(toWidth: number): void {
    if (toWidth > this.width) this.push(' '.repeat(toWidth - this.width));
  }

  render(): ReactNode[] {
    return this.spans.map((span, i) =>
      hasStyle(span) ? (
        <Text key={i} color={span.color} dimColor={span.dim} bold={span.bold} underline={span.underline}>
          {span.text}
        </Text>
      ) : (
        span.text
      ),
    );
  }
}

interface RowLineProps<Row> {
  row: Row;
  columns: readonly LaidOutColumn<Row>[];
  lineWidth: number;
  gutter: number;
  marker: string;
  /** Not drawn: a change of it is what makes the row draw again (see TableProps.rowVersion). */
  version: string;
  selected: boolean;
  color: string | undefined;
  monochrome: boolean;
  dim: boolean;
  bold: boolean;
}

function RowLineImpl<Row>({ row, columns, lineWidth, gutter, marker, selected, color, monochrome, dim, bold }: RowLineProps<Row>): ReactElement {
  const line = new LineBuilder();
  if (gutter > 0) line.push(pad(sanitize(marker), gutter), undefined, gutter);
  columns.forEach(({ column, width }, i) => {
    if (i > 0) line.push(' '.repeat(COLUMN_GAP), undefined, COLUMN_GAP);
    const cell = renderCell(column, row);
    line.push(pad(cell.text, width, column.align ?? 'left'), monochrome ? { ...cell, color: undefined } : cell, width);
  });
  // Padding to the full width makes the selection an unbroken bar.
  line.fill(lineWidth);
  return (
    <Text wrap="truncate" inverse={selected} color={color} dimColor={dim} bold={bold}>
      {line.render()}
    </Text>
  );
}

// Props are the row object, the memoised layout and primitives, so the default
// shallow comparison skips every row whose data object did not change: a poll
// that changed one row of the window renders that one row.
const RowLine = memo(RowLineImpl) as <Row>(props: RowLineProps<Row>) => ReactElement;

interface HeaderLineProps<Row> {
  columns: readonly LaidOutColumn<Row>[];
  lineWidth: number;
  gutter: number;
  sortColumnId: string | undefined;
  descending: boolean;
  /** Scroll indicators, longest first (e.g. `12–45/10,000`, then `45/10,000`); the first that fits in blank space is shown. */
  indicators: readonly string[];
}

interface HeaderCell {
  title: string;
  /** Blank columns before / after the title (alignment padding). */
  lead: number;
  trail: number;
  indicator?: 'lead' | 'trail';
}

function headerCells<Row>(columns: readonly LaidOutColumn<Row>[], sortColumnId: string | undefined, descending: boolean): HeaderCell[] {
  return columns.map(({ column, width }) => {
    const arrow = column.id === sortColumnId ? (descending ? '▼' : '▲') : '';
    const title = arrow ? truncate(sanitize(column.title), width - 1) + arrow : truncate(sanitize(column.title), width);
    const fill = Math.max(0, width - textWidth(title));
    return column.align === 'right' ? { title, lead: fill, trail: 0 } : { title, lead: 0, trail: fill };
  });
}

/**
 * Where the scroll indicator goes without hiding a title: the blank end of
 * the line if it is wide enough, else the widest blank padding inside a cell
 * (flex columns have plenty; ties: the rightmost), keeping a space between it
 * and the title. 'none' when no blank run is wide enough.
 */
function placeIndicator(cells: HeaderCell[], freeAtEnd: number, indicatorWidth: number): 'end' | 'cell' | 'none' {
  const needed = indicatorWidth + 1;
  if (freeAtEnd >= needed) return 'end';
  let best: HeaderCell | undefined;
  for (const cell of cells) {
    const room = cell.lead + cell.trail;
    if (room >= needed && (best === undefined || room >= best.lead + best.trail)) best = cell;
  }
  if (!best) return 'none';
  best.indicator = best.trail > 0 ? 'trail' : 'lead';
  return 'cell';
}

function HeaderLineImpl<Row>({ columns, lineWidth, gutter, sortColumnId, descending, indicators }: HeaderLineProps<Row>): ReactElement {
  const cells = headerCells(columns, sortColumnId, descending);
  // The blank end of the line: the last cell's trailing padding plus whatever width the layout left unused.
  const lastCell = cells[cells.length - 1];
  const freeAtEnd = lineWidth - gutter - layoutWidth(columns, COLUMN_GAP) + (lastCell?.trail ?? 0);
  if (lastCell) lastCell.trail = 0;

  // The first (most informative) indicator that fits somewhere blank; titles always win over it.
  let indicator = '';
  let place: 'end' | 'cell' | 'none' = 'none';
  for (const candidate of indicators) {
    place = placeIndicator(cells, freeAtEnd, textWidth(candidate));
    if (place !== 'none') {
      indicator = candidate;
      break;
    }
  }
  const indicatorWidth = textWidth(indicator);

  const line = new LineBuilder();
  line.push(' '.repeat(gutter));
  cells.forEach((cell, i) => {
    if (i > 0) line.push(' '.repeat(COLUMN_GAP));
    if (cell.indicator === 'lead') {
      line.push(indicator, DIM, indicatorWidth);
      line.push(' '.repeat(cell.lead - indicatorWidth));
    } else {
      line.push(' '.repeat(cell.lead));
    }
    line.push(cell.title, UNDERLINE);
    if (cell.indicator === 'trail') {
      line.push(' '.repeat(cell.trail - indicatorWidth));
      line.push(indicator, DIM, indicatorWidth);
    } else {
      line.push(' '.repeat(cell.trail));
    }
  });
  if (place === 'end') {
    line.fill(lineWidth - indicatorWidth);
    line.push(indicator, DIM, indicatorWidth);
  }
  return (
    <Text wrap="truncate" bold>
      {line.render()}
    </Text>
  );
}

const DIM = { dim: true };
const UNDERLINE = { underline: true };

const HeaderLine = memo(HeaderLineImpl) as <Row>(props: HeaderLineProps<Row>) => ReactElement;
