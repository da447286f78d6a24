/**
 * The rows a tab shows, derived one way from the data: pending deletes
 * overlaid, sorted, the filter applied, rows that just left added back as
 * ghosts in their sorted place. Memoised so a poll that changes nothing costs
 * nothing.
 *
 * Sorted before filtering, because the two change at different times: the
 * sort follows the list (and is updated incrementally from the last poll's
 * order: O(n) pointer comparisons instead of O(n log n) collator calls),
 * while the filter follows keystrokes. Filtering a sorted list keeps its
 * order, so a keystroke costs one pass over the rows and never a sort; and a
 * poll re-runs the filter only for rows that changed (PositionalFilter).
 */
import { useMemo, useRef } from 'react';
import type { AnyRow, ResourceKind, ResourceView } from '../../views/index.js';
import type { Column } from '../../views/table/columns.js';
import { insertSorted, sortIncrementally, type Sorted } from '../../views/table/sorted.js';
import { compileFilter, type FilterExpression } from '../filter/index.js';
import type { Ghost, RowMark } from '../transitions.js';
import type { SortState } from '../state.js';
import { PositionalFilter } from './positional-filter.js';

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

interface TabCache {
  sorted: Sorted<AnyRow> | null;
  filter: PositionalFilter<AnyRow>;
}

export function useTabRows({ view, items, filter, showGone, sort, sortColumns, marks, ghosts, deleting }: TabRowsInput): TabRows {
  // Per tab, what the next poll's work starts from. A cache, not state: any
  // consistent earlier result is a valid starting point, even one from a
  // render React discarded.
  const caches = useRef(new Map<ResourceKind, TabCache>());
  let cache = caches.current.get(view.kind);
  if (!cache) {
    cache = { sorted: null, filter: new PositionalFilter() };
    caches.current.set(view.kind, cache);
  }
  const tab = cache;

  const overlaid = useMemo(() => {
    if (deleting.size === 0) return items;
    return items.map((row) => (deleting.has(view.getId(row)) ? ({ ...row, status: 'DELETING' } as AnyRow) : row));
  }, [items, deleting, view]);

  const sorted = useMemo(() => {
    tab.sorted = sortIncrementally(tab.sorted, overlaid, sortColumns, sort, view.getId);
    return tab.sorted.rows;
  }, [tab, overlaid, sortColumns, sort, view]);

  const passes = useMemo(() => compileFilter(filter, view, { showGone }), [filter, view, showGone]);
  const passesIgnoringEnded = useMemo(() => (showGone ? passes : compileFilter(filter, view, { showGone: true })), [passes, filter, view, showGone]);

  const filtered = useMemo(() => {
    // A row that just changed (e.g. into TERMINATED) or is being deleted stays
    // in view for its highlight even when ended rows are hidden: the change is
    // the news. The rest of the filter still applies.
    const rescue =
      marks.size > 0 || deleting.size > 0
        ? (row: AnyRow) => {
            const id = view.getId(row);
            return (marks.has(id) || deleting.has(id)) && passesIgnoringEnded(row);
          }
        : undefined;
    return tab.filter.filter(sorted, passes, rescue);
  }, [tab, sorted, passes, passesIgnoringEnded, view, marks, deleting]);

  const ghostRows = useMemo(() => {
    if (ghosts.length === 0) return [];
    const passesGhost = compileFilter(filter, view, { showGone: true });
    return ghosts.map((ghost) => ghost.row).filter(passesGhost);
  }, [ghosts, filter, view]);

  const ghostIds = useMemo(() => (ghostRows.length === 0 ? NO_IDS : new Set(ghostRows.map(view.getId))), [ghostRows, view]);

  const rows = useMemo(
    () => (ghostRows.length === 0 ? filtered : insertSorted(filtered, ghostRows, sortColumns, sort, view.getId)),
    [filtered, ghostRows, sortColumns, sort, view],
  );

  return { rows, ghostIds, matched: filtered.length };
}
