/**
 * Why a row stands out, as one value: computed once per row by the shell
 * (src/changes/row-decorations.ts, from the transition tracker, pending actions and
 * marks) and drawn by the table and the status column. One meaning per glyph
 * and colour, everywhere:
 *
 *   ›  the selection (the table's own)      ✓  marked, for an action on several
 *   •  status just changed                  +  just appeared
 *   ✗  just left the list                   DELETING…  a delete in flight
 */
import { statusCategory, statusText } from '../status.js';
import type { Cell, CellStyle } from './cell.js';

/**
 * What happened to a row: what the last polls saw (a transition tracker's
 * mark is one of these, with how long it lasts), or a delete in flight.
 */
export type RowChange =
  /**
   * The status moved on (`from` is the one before, when known), or a tracked
   * figure did (`values`: each one's text before, by its id; `from` null
   * when the status stayed).
   */
  | { kind: 'changed'; from: string | null; values?: Readonly<Record<string, string>> | undefined }
  | { kind: 'added' }
  /** Left the list, still shown for the highlight time. */
  | { kind: 'removed' }
  /** A delete was sent and no poll has said otherwise yet. */
  | { kind: 'deleting' };

export interface RowDecoration {
  change: RowChange | null;
  marked: boolean;
  /** Equal for two decorations exactly when they draw the same: the table redraws a row when it changes. */
  key: string;
}

export const PLAIN: RowDecoration = { change: null, marked: false, key: '' };

export const GLYPH = { cursor: '›', marked: '✓', changed: '•', added: '+', gone: '✗' } as const;

export function decoration(change: RowChange | null, marked: boolean): RowDecoration {
  if (change === null && !marked) return PLAIN;
  const kind = change === null ? '' : change.kind === 'changed' ? changedKey(change) : change.kind;
  return { change, marked, key: `${marked ? 'm' : ''}${kind}` };
}

function changedKey({ from, values }: Extract<RowChange, { kind: 'changed' }>): string {
  if (values === undefined) return `changed:${from ?? ''}`;
  return `changed:${from ?? ''}:${Object.entries(values).join(';')}`;
}

/** What a tracked figure (ResourceView.tracked) showed before it just changed, or undefined when it did not. */
export function changedFrom({ change }: RowDecoration, valueId: string): string | undefined {
  return change?.kind === 'changed' ? change.values?.[valueId] : undefined;
}

/** The glyph after the cursor: a mark first, then the change. */
export function gutterGlyph({ change, marked }: RowDecoration): string {
  if (marked) return GLYPH.marked;
  switch (change?.kind) {
    case 'removed':
      return GLYPH.gone;
    case 'changed':
      return GLYPH.changed;
    case 'added':
      return GLYPH.added;
    default:
      return '';
  }
}

export function decoratedRowStyle({ change }: RowDecoration): CellStyle | undefined {
  switch (change?.kind) {
    case 'removed':
      return { dim: true };
    case 'changed':
      return { bold: true };
    case 'added':
      return { color: 'added', bold: true };
    default:
      return undefined;
  }
}

/**
 * A status cell as the decoration says: `OLD → NEW`, `OLD → gone`,
 * `DELETING…`, or the status itself, drawn by `look` (the view's, for a
 * status that is not a lifecycle; by category otherwise). What came before
 * gives way first when the column is narrow: the news is what it became.
 */
export function decoratedStatusCell(
  status: string,
  { change }: RowDecoration,
  look: (status: string) => Cell = statusCell,
): Cell {
  switch (change?.kind) {
    case 'removed':
      return { from: statusText(status), text: 'gone', dim: true };
    case 'deleting':
      return { text: 'DELETING…', dim: true };
    case 'changed': {
      const plain = look(status);
      return change.from === null
        ? plain
        : { from: statusText(change.from), text: plain.text, color: plain.color, bold: true };
    }
    default:
      return look(status);
  }
}

/**
 * The status cell, coloured by its category (the theme says in what colour;
 * theme.ts); `gone` is drawn dim too, unknown statuses plainly, a missing one
 * as missing.
 */
export function statusCell(status: string): Cell {
  const category = statusCategory(status);
  return { text: statusText(status), color: category, dim: category === 'gone' };
}
