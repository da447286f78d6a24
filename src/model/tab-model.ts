/**
 * A tab's rows, derived one way from its data: sorted, the filter applied,
 * rows that just left added back as ghosts in their sorted place; and the
 * selection as it follows them. Plain TypeScript, so that the screen and the
 * key handling (which may act on a tab switched to in the same read, before
 * any render) ask the same questions and get the same answers.
 *
 * Each step remembers its inputs and answer, so a poll that changes nothing
 * costs nothing, and a keystroke in the filter costs one pass:
 *
 * - Sorted before filtering, because the two change at different times: the
 *   sort follows the list (and is updated incrementally from the last poll's
 *   order: O(n) pointer comparisons instead of O(n log n) collator calls),
 *   while the filter follows keystrokes. Filtering a sorted list keeps its
 *   order, so a keystroke costs one pass over the rows and never a sort; and
 *   a poll re-runs the filter only for rows that changed (PositionalFilter).
 */
import type { AnyRow, ResourceView } from '../views/index.js';
import type { Column } from '../views/table/columns.js';
import { reconcileSelection } from '../views/table/selection.js';
import { insertSorted, sortIncrementally, type Sorted } from '../views/table/sorted.js';
import { compileFilter, type FilterExpression } from '../filter/index.js';
import type { SortState } from './ui-state.js';
import type { Ghost, RowMark } from '../changes/transition.js';
import { PositionalFilter } from './positional-filter.js';

export interface TabInput {
  items: readonly AnyRow[];
  filter: FilterExpression;
  showGone: boolean;
  sort: SortState;
  marks: ReadonlyMap<string, RowMark>;
  ghosts: readonly Ghost<AnyRow>[];
  /** Being deleted: kept in view like a changed row, whatever the filter says of ended ones. */
  deleting: ReadonlySet<string>;
}

export interface TabRows {
  rows: readonly AnyRow[];
  ghostIds: ReadonlySet<string>;
  /** Rows that pass the filter, ghosts excluded; for "matched/total". */
  matched: number;
}

const NO_IDS: ReadonlySet<string> = new Set();

export class TabModel {
  /** Sort values never depend on the clock, so one set of columns serves every sort. */
  private readonly sortColumns: readonly Column<AnyRow>[];
  private readonly positional = new PositionalFilter<AnyRow>();
  private sorted: Sorted<AnyRow> | null = null;
  private last: { input: TabInput; rows: TabRows } | null = null;
  private predicates: {
    filter: FilterExpression;
    showGone: boolean;
    passes: (row: AnyRow) => boolean;
    ignoringEnded: (row: AnyRow) => boolean;
  } | null = null;
  private selection: { rows: readonly AnyRow[]; asked: string | null; shown: string | null } | null = null;
  private detail: { id: string; row: AnyRow } | null = null;

  constructor(readonly view: ResourceView<AnyRow>) {
    this.sortColumns = view.columns({ now: 0 });
  }

  rows(input: TabInput): TabRows {
    const last = this.last;
    if (last && sameInput(last.input, input)) return last.rows;
    const { view } = this;
    this.sorted = sortIncrementally(this.sorted, input.items, this.sortColumns, input.sort, view);
    const { passes, ignoringEnded } = this.predicatesFor(input.filter, input.showGone);
    // A row that just changed (e.g. into TERMINATED) or is being deleted stays
    // in view for its highlight even when ended rows are hidden: the change is
    // the news. The rest of the filter still applies.
    const { marks, deleting } = input;
    const rescue =
      marks.size > 0 || deleting.size > 0
        ? (row: AnyRow) => (marks.has(view.getId(row)) || deleting.has(view.getId(row))) && ignoringEnded(row)
        : undefined;
    const filtered = this.positional.filter(this.sorted.rows, passes, rescue);
    const ghostRows = input.ghosts.length === 0 ? [] : input.ghosts.map((ghost) => ghost.row).filter(ignoringEnded);
    const rows: TabRows = {
      rows: ghostRows.length === 0 ? filtered : insertSorted(filtered, ghostRows, this.sortColumns, input.sort, view),
      ghostIds: ghostRows.length === 0 ? NO_IDS : new Set(ghostRows.map(view.getId)),
      matched: filtered.length,
    };
    this.last = { input, rows };
    return rows;
  }

  /**
   * The selection as shown: `asked` (the id the person last chose) while it
   * is listed; when it leaves, the row now nearest to where it was, and that
   * row from then on until the person chooses again.
   */
  selected(rows: readonly AnyRow[], asked: string | null): string | null {
    const before = this.selection;
    if (before && before.rows === rows && before.asked === asked) return before.shown;
    const current = before && before.asked === asked ? before.shown : asked;
    const shown = reconcileSelection(before?.rows ?? rows, rows, this.view.getId, current);
    this.selection = { rows, asked, shown };
    return shown;
  }

  /** The resource with `id`, live, or the last seen copy once it has gone (the detail pane keeps showing it). */
  detailRow(id: string, items: readonly AnyRow[]): { row: AnyRow; present: boolean } | null {
    const live = items.find((row) => this.view.getId(row) === id);
    if (live) this.detail = { id, row: live };
    else if (this.detail?.id !== id) this.detail = null;
    return this.detail ? { row: this.detail.row, present: Boolean(live) } : null;
  }

  private predicatesFor(filter: FilterExpression, showGone: boolean): NonNullable<TabModel['predicates']> {
    const known = this.predicates;
    if (known && known.filter === filter && known.showGone === showGone) return known;
    const passes = compileFilter(filter, this.view, { showGone });
    const ignoringEnded = showGone ? passes : compileFilter(filter, this.view, { showGone: true });
    this.predicates = { filter, showGone, passes, ignoringEnded };
    return this.predicates;
  }
}

function sameInput(a: TabInput, b: TabInput): boolean {
  return (
    a.items === b.items &&
    a.filter === b.filter &&
    a.showGone === b.showGone &&
    a.sort === b.sort &&
    a.marks === b.marks &&
    a.ghosts === b.ghosts &&
    a.deleting === b.deleting
  );
}
