/**
 * Each row's decoration (why it stands out), computed in one place from
 * everything that can make a row stand out: the transition tracker's marks
 * and ghosts, deletes in flight, and the person's own marks. The table and
 * the status column draw the one value (src/views/table/decoration.ts).
 */
import { decoration, PLAIN, type RowChange, type RowDecoration } from '../views/table/decoration.js';
import type { RowMark } from './transition.js';

export interface DecorationSources {
  marks: ReadonlyMap<string, RowMark>;
  /** Rows that have left the list but are still shown, dimmed, for the highlight time. */
  ghostIds: ReadonlySet<string>;
  /** Resources whose DELETE is in flight (or not yet contradicted by a poll). */
  deleting: ReadonlySet<string>;
  /** Marked by the person for an action on several. */
  marked: ReadonlySet<string>;
}

const REMOVED: RowChange = { kind: 'removed' };
const DELETING: RowChange = { kind: 'deleting' };

/** The decoration of the row with `id`; rows with nothing to show share one plain value. */
export function decorator({ marks, ghostIds, deleting, marked }: DecorationSources): (id: string) => RowDecoration {
  if (marks.size === 0 && ghostIds.size === 0 && deleting.size === 0 && marked.size === 0) return () => PLAIN;
  // A ghost first, then a delete in flight, then what the last polls said (a mark is the change it highlights).
  const changeOf = (id: string): RowChange | null =>
    ghostIds.has(id) ? REMOVED : deleting.has(id) ? DELETING : (marks.get(id) ?? null);
  return (id) => decoration(changeOf(id), marked.has(id));
}
