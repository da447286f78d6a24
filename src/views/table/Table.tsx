/**
 * The one generic resource table (k9s's table view): a header line, then only
 * the rows that fit (windowing, so 10,000 rows cost what 50 do), a selection
 * drawn inverse, per-row colour, an optional marker gutter and a scroll
 * position. Resource views supply columns; they never draw rows themselves.
 *
 * Each row is one `<Text>` line of nested spans rather than a Box per cell: a
 * text node is a single Yoga node, so layout cost is per row, not per cell.
 */
import { THEMES, usePalette, type Palette } from '../theme.js';
import { memo, useLayoutEffect, useMemo, useRef, type ReactElement, type ReactNode } from 'react';
import { Box, Text } from 'ink';

import { thousands } from '../format.js';
import { pad, sanitize, textWidth, truncate } from '../../util/text.js';
import { layoutColumns, layoutWidth, renderCell, type CellStyle, type Column, type LaidOutColumn } from './columns.js';
import { decoratedRowStyle, GLYPH, gutterGlyph, PLAIN, type RowDecoration } from './decoration.js';
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
  /**
   * Why each row stands out (decoration.ts): its gutter glyph, its style, and
   * what cells that show it (the status) draw. Given, the table has a gutter
   * with the cursor `›` before the first column. A row is drawn again only
   * when its object or its decoration's key changes, so `columns` stay the
   * same array while marks come and go.
   */
  decoration?: (row: Row) => RowDecoration;
  /** Shows ▲ (ascending) or ▼ (descending) after that column's title. */
  sort?: TableSort;
  /** Shown when `rows` is empty, e.g. 'No pods'. */
  emptyText?: string;
  /** NO_COLOR: cells and rows lose their colours but keep inverse, bold and dim, so selection stays visible. */
  monochrome?: boolean;
}

/** Spaces between columns. */
export const COLUMN_GAP = 1;
/** Columns the gutter takes when `decoration` is given: up to two glyphs (cursor, mark) and a space. */
export const MARKER_WIDTH = 3;

export function Table<Row>({
  rows,
  columns,
  getId,
  selectedId,
  width,
  height,
  decoration,
  sort,
  emptyText = 'Nothing to show',
  monochrome = false,
}: TableProps<Row>): ReactElement {
  const lineWidth = Math.max(0, Math.floor(width));
  const lines = Math.max(1, Math.floor(height));
  const visibleCount = lines - 1;
  const gutter = decoration ? MARKER_WIDTH : 0;

  const laidOut = useMemo(() => layoutColumns(columns, lineWidth - gutter, COLUMN_GAP), [columns, lineWidth, gutter]);

  // Read during render on purpose, written only once a render is committed
  // (below): where the selection was last time, checked first so that a
  // steady selection costs O(1) rather than a scan of every row; and the
  // window's start, which survives renders so that rows inserted above a
  // visible selection don't make the view jump. A discarded render changes
  // neither.
  const indexHint = useRef(-1);
  const previousStart = useRef(0);
  /* eslint-disable react-hooks/refs */
  const selectedIndex = findIndex(rows, getId, selectedId, indexHint.current);
  const start = windowStart(selectedIndex, previousStart.current, visibleCount, rows.length);
  /* eslint-enable react-hooks/refs */
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
    body.push(
      <RowLine
        key={getId(row)}
        row={row}
        columns={laidOut}
        lineWidth={lineWidth}
        gutter={gutter}
        decoration={decoration ? decoration(row) : PLAIN}
        selected={i === selectedIndex}
        monochrome={monochrome}
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

  /** `palette`: the theme's colour for each role a span names. */
  render(palette: Palette): ReactNode[] {
    return this.spans.map((span, i) =>
      hasStyle(span) ? (
        <Text
          key={i}
          color={span.color && palette[span.color]}
          dimColor={span.dim}
          bold={span.bold}
          underline={span.underline}
        >
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
  decoration: RowDecoration;
  selected: boolean;
  monochrome: boolean;
}

function RowLineImpl<Row>({
  row,
  columns,
  lineWidth,
  gutter,
  decoration,
  selected,
  monochrome,
}: RowLineProps<Row>): ReactElement {
  const palette = usePalette();
  const line = new LineBuilder();
  if (gutter > 0) {
    const glyphs = `${selected ? GLYPH.cursor : ' '}${gutterGlyph(decoration)}`;
    line.push(pad(glyphs.trimEnd(), gutter), undefined, gutter);
  }
  columns.forEach(({ column, width }, i) => {
    if (i > 0) line.push(' '.repeat(COLUMN_GAP), undefined, COLUMN_GAP);
    const cell = renderCell(column, row, decoration);
    line.push(pad(cell.text, width, column.align ?? 'left'), monochrome ? { ...cell, color: undefined } : cell, width);
  });
  // Padding to the full width makes the selection an unbroken bar.
  line.fill(lineWidth);
  const style: CellStyle | undefined = decoratedRowStyle(decoration);
  return (
    <Text
      wrap="truncate"
      inverse={selected}
      color={monochrome || !style?.color ? undefined : palette[style.color]}
      dimColor={style?.dim === true}
      bold={style?.bold === true}
    >
      {line.render(palette)}
    </Text>
  );
}

/**
 * Props are the row object, the memoised layout, primitives and the
 * decoration, compared by its key: a poll that changed one row of the
 * window, or marked one, renders that one row.
 */
const RowLine = memo(
  RowLineImpl,
  (before, after) =>
    before.row === after.row &&
    before.columns === after.columns &&
    before.lineWidth === after.lineWidth &&
    before.gutter === after.gutter &&
    before.selected === after.selected &&
    before.monochrome === after.monochrome &&
    before.decoration.key === after.decoration.key,
) as <Row>(props: RowLineProps<Row>) => ReactElement;

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

function headerCells<Row>(
  columns: readonly LaidOutColumn<Row>[],
  sortColumnId: string | undefined,
  descending: boolean,
): HeaderCell[] {
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

function HeaderLineImpl<Row>({
  columns,
  lineWidth,
  gutter,
  sortColumnId,
  descending,
  indicators,
}: HeaderLineProps<Row>): ReactElement {
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
      {/* The header line names no colour role, only dim and underline. */}
      {line.render(THEMES.default)}
    </Text>
  );
}

const DIM = { dim: true };
const UNDERLINE = { underline: true };

const HeaderLine = memo(HeaderLineImpl) as <Row>(props: HeaderLineProps<Row>) => ReactElement;
