/**
 * The same column specs as the live table, printed once as aligned plain
 * text for scripts and pipes (`cloudtop --once`): nothing truncated, no
 * escape sequences, one line per resource.
 */
import { cellText, renderCell, type Column } from '../views/table/columns.js';
import { textWidth } from '../util/text.js';

const GAP = '   ';

export function formatPlainTable<Row>(rows: readonly Row[], columns: readonly Column<Row>[]): string {
  const cells = rows.map((row) => columns.map((column) => cellText(renderCell(column, row))));
  const widths = columns.map((column, i) =>
    Math.max(textWidth(column.title), ...cells.map((line) => textWidth(line[i] ?? ''))),
  );
  const line = (texts: readonly string[]) =>
    texts
      .map((text, i) => {
        const fill = ' '.repeat(Math.max(0, widths[i]! - textWidth(text)));
        return columns[i]!.align === 'right' ? fill + text : text + fill;
      })
      .join(GAP)
      .trimEnd();
  return [line(columns.map((column) => column.title)), ...cells.map(line)].join('\n');
}

/** The columns a plain `--once` table shows: the ones a narrow terminal keeps (priority 0 and 1). */
export function primaryColumns<Row>(columns: readonly Column<Row>[]): Column<Row>[] {
  return columns.filter((column) => column.priority <= 1);
}
