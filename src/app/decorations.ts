/**
 * How transitions, marks and pending deletes show on a row: the status cell
 * (`OLD → NEW`), the row's style and the two-glyph gutter. One meaning per
 * glyph and colour, everywhere:
 *
 *   ›  the selection         ✓  marked for deletion
 *   •  status just changed   +  just appeared        ✗  just left the list
 */
import type { Cell, CellStyle } from '../views/table/columns.js';
import { CATEGORY_COLOR, statusCategory } from '../views/status.js';
import { statusCell, statusText } from '../views/resource.js';
import type { RowMark } from './transitions.js';

export interface RowDecorations {
  marks: ReadonlyMap<string, RowMark>;
  /** Rows that have left the list but are still shown, dimmed, for the highlight time. */
  ghostIds: ReadonlySet<string>;
  /** Pods whose DELETE is in flight (or not yet confirmed by a poll). */
  deleting: ReadonlySet<string>;
}

export const GLYPH = { cursor: '›', marked: '✓', changed: '•', added: '+', removed: '✗' } as const;

export function decoratedStatusCell({ marks, ghostIds, deleting }: RowDecorations): (id: string, status: string) => Cell {
  return (id, status) => {
    if (ghostIds.has(id)) return { text: `${statusText(status)} → gone`, dim: true };
    if (deleting.has(id)) return { text: 'DELETING…', dim: true };
    const mark = marks.get(id);
    if (mark?.kind === 'changed' && mark.from !== null) {
      return { text: `${statusText(mark.from)} → ${statusText(status)}`, color: CATEGORY_COLOR[statusCategory(status)], bold: true };
    }
    return statusCell(status);
  };
}

export function decoratedRowStyle<Row>({ marks, ghostIds }: RowDecorations, getId: (row: Row) => string): (row: Row) => CellStyle | undefined {
  return (row) => {
    const id = getId(row);
    if (ghostIds.has(id)) return { dim: true };
    const mark = marks.get(id);
    if (mark?.kind === 'changed') return { bold: true };
    if (mark?.kind === 'added') return { color: 'cyan', bold: true };
    return undefined;
  };
}

/** The gutter: the cursor, then one glyph saying why the row stands out (a mark for deletion first). */
export function gutterGlyphs(id: string, selectedId: string | null, marked: ReadonlySet<string>, { marks, ghostIds }: RowDecorations): string {
  const cursor = id === selectedId ? GLYPH.cursor : ' ';
  if (marked.has(id)) return cursor + GLYPH.marked;
  if (ghostIds.has(id)) return cursor + GLYPH.removed;
  const mark = marks.get(id)?.kind;
  if (mark === 'changed') return cursor + GLYPH.changed;
  if (mark === 'added') return cursor + GLYPH.added;
  return cursor === ' ' ? '' : cursor;
}
