import type { RowDecorations } from '../decorations.js';

/**
 * Everything about a row's decorations that its cells show (see
 * decoratedStatusCell), as one short string: the table draws a row again
 * exactly when this, its object, its marker or its style changes.
 */
export function decorationVersion<Row>({ marks, ghostIds, deleting }: RowDecorations, getId: (row: Row) => string): (row: Row) => string {
  return (row) => {
    const id = getId(row);
    if (ghostIds.has(id)) return 'gone';
    if (deleting.has(id)) return 'deleting';
    const mark = marks.get(id);
    return mark ? `${mark.kind}:${mark.from ?? ''}:${mark.at}` : '';
  };
}
