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
import { pad, sanitize, textWidth, transitionText, truncate } from '../../util/text.js';
import { renderCell, type CellStyle, type Column } from './columns.js';
import {
  COLUMN_GAP,
  fitTable,
  layoutWidth,
  MARKER_WIDTH,
  positionTexts,
  type ContentWidthOf,
  type LaidOutColumn,
} from './layout.js';
import { decoratedRowStyle, GLYPH, gutterGlyph, PLAIN, type RowDecoration } from './decoration.js';
import { indexOfId, windowStart } from './selection.js';

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
  /** Each flexible column's widest cell (layout.ts ContentWidths); columns take their minimum without it. */
  contentWidth?: ContentWidthOf;
}

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
  contentWidth,
}: TableProps<Row>): ReactElement {
  const lineWidth = Math.max(0, Math.floor(width));
  const lines = Math.max(1, Math.floor(height));
  const visibleCount = lines - 1;
  const gutter = decoration ? MARKER_WIDTH : 0;

  const laidOut = useMemo(
    () =>
      fitTable(columns, {
        lineWidth,
        gutter: gutter > 0,
        rowCount: rows.length,
        visibleRows: visibleCount,
        ...(contentWidth && { contentWidth }),
        ...(sort && { sortedBy: sort.columnId }),
      }),
    [columns, lineWidth, gutter, rows.length, visibleCount, contentWidth, sort],
  );

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
    () => (end <= start || rows.length <= visibleCount ? [] : positionTexts(start, end, total)),
    [start, end, total, rows.length, visibleCount],
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
    const text = cell.from === undefined ? cell.text : transitionText(cell.from, cell.text, width);
    line.push(pad(text, width, column.align ?? 'left'), monochrome ? { ...cell, color: undefined } : cell, width);
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
  /** The position, longest form first (e.g. `12–45/10,000`, then `45/10,000`); the first that fits is shown at the right end. */
  indicators: readonly string[];
}

interface HeaderCell {
  title: string;
  /** Blank columns before / after the title (alignment padding). */
  lead: number;
  trail: number;
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

/** The titles, then the position at the right end of the line, where the layout kept room for it (layout.ts). */
function HeaderLineImpl<Row>({
  columns,
  lineWidth,
  gutter,
  sortColumnId,
  descending,
  indicators,
}: HeaderLineProps<Row>): ReactElement {
  const cells = headerCells(columns, sortColumnId, descending);
  const used = gutter + layoutWidth(columns, COLUMN_GAP);
  // The longest form that fits after the titles, with a space before it.
  const indicator = indicators.find((candidate) => used + 1 + textWidth(candidate) <= lineWidth) ?? '';
  const line = new LineBuilder();
  line.push(' '.repeat(gutter));
  cells.forEach((cell, i) => {
    if (i > 0) line.push(' '.repeat(COLUMN_GAP));
    line.push(' '.repeat(cell.lead));
    line.push(cell.title, UNDERLINE);
    line.push(' '.repeat(cell.trail));
  });
  if (indicator) {
    line.fill(lineWidth - textWidth(indicator));
    line.push(indicator, DIM);
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
