/**
 * The rows a tab shows, derived one way from the data: pending deletes
 * overlaid, the filter applied, rows that just left added back as ghosts,
 * then sorted. Memoised so a poll that changes nothing costs nothing.
 */
import { useMemo } from 'react';
import type { AnyRow, ResourceView } from '../../views/index.js';
import { sortRows, type Column } from '../../views/table/columns.js';
import { compileFilter, type FilterExpression } from '../filter/index.js';
import type { Ghost, RowMark } from '../transitions.js';
import type { SortState } from '../state.js';

export interface TabRowsInput {
  view: ResourceView<AnyRow>;
  items: readonly AnyRow[];
  filter: FilterExpression;
  showGone: boolean;
  sort: SortState;
  sortColumns: readonly Column<AnyRow>[];
  marks: ReadonlyMap<string, RowMark>;
  ghosts: readonly Ghost<AnyRow>[];
  /** Ids shown as DELETING until a poll confirms it (pods only). */
  deleting: ReadonlySet<string>;
}

export interface TabRows {
  rows: readonly AnyRow[];
  ghostIds: ReadonlySet<string>;
  /** Rows that pass the filter, ghosts excluded; for "matched/total". */
  matched: number;
}

const NO_IDS: ReadonlySet<string> = new Set();

export function useTabRows({ view, items, filter, showGone, sort, sortColumns, marks, ghosts, deleting }: TabRowsInput): TabRows {
  const overlaid = useMemo(() => {
    if (deleting.size === 0) return items;
    return items.map((row) => (deleting.has(view.getId(row)) ? ({ ...row, status: 'DELETING' } as AnyRow) : row));
  }, [items, deleting, view]);

  const filtered = useMemo(() => {
    const passes = compileFilter(filter, view, { showGone });
    // A row that just changed (e.g. into TERMINATED) or is being deleted stays
    // in view for its highlight even when ended rows are hidden: the change is
    // the news. The rest of the filter still applies.
    const passesIgnoringEnded = showGone ? passes : compileFilter(filter, view, { showGone: true });
    return overlaid.filter((row) => {
      if (passes(row)) return true;
      const id = view.getId(row);
      return (marks.has(id) || deleting.has(id)) && passesIgnoringEnded(row);
    });
  }, [overlaid, filter, showGone, view, marks, deleting]);

  const ghostRows = useMemo(() => {
    if (ghosts.length === 0) return [];
    const passes = compileFilter(filter, view, { showGone: true });
    return ghosts.map((ghost) => ghost.row).filter(passes);
  }, [ghosts, filter, view]);

  const ghostIds = useMemo(() => (ghostRows.length === 0 ? NO_IDS : new Set(ghostRows.map(view.getId))), [ghostRows, view]);

  const rows = useMemo(
    () => sortRows(ghostRows.length === 0 ? filtered : [...filtered, ...ghostRows], sortColumns, sort, view.getId),
    [filtered, ghostRows, sortColumns, sort, view],
  );

  return { rows, ghostIds, matched: filtered.length };
}
