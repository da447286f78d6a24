/**
 * Small derivations the dashboard asks for on every render, each remembered
 * so that a render which changes nothing costs nothing: a tab's count, the
 * server part of its filter, a view's columns. Plain objects held for the
 * dashboard's lifetime.
 */
import { RESOURCE_KINDS, viewFor, type AnyRow, type ResourceKind, type ViewContext } from '../views/index.js';
import type { NameOf } from '../views/actions.js';
import type { Column } from '../views/table/columns.js';
import { ContentWidths } from '../views/table/layout.js';
import { compileFilter, EMPTY_FILTER, serverQueryFor, serverQueryKey, type FilterExpression } from '../filter/index.js';
import type { ServerQueryState } from '../data/queries.js';
import type { UiState } from './ui-state.js';
import { PositionalFilter } from './positional-filter.js';
import { WATCH_KIND } from './watches.js';

/**
 * Each tab's count is what that tab shows: its filter applied, ended
 * resources hidden unless `a`. Only rows that changed are matched again
 * (PositionalFilter), so a poll of 20,000 pods does not re-run the filter
 * 20,000 times to count them.
 */
export class TabCounts {
  private readonly tabs = new Map<
    ResourceKind,
    { filter: FilterExpression; showGone: boolean; predicate: (row: AnyRow) => boolean; rows: PositionalFilter<AnyRow> }
  >();

  count(kind: ResourceKind, items: readonly AnyRow[], filter: FilterExpression, showGone: boolean): number {
    let tab = this.tabs.get(kind);
    if (!tab || tab.filter !== filter || tab.showGone !== showGone) {
      tab = {
        filter,
        showGone,
        predicate: compileFilter(filter, viewFor(kind), { showGone }),
        rows: tab?.rows ?? new PositionalFilter(),
      };
      this.tabs.set(kind, tab);
    }
    return tab.rows.filter(items, tab.predicate).length;
  }
}

/** The server part of each tab's applied filter: the same object while what the server is asked stays the same. */
export class ServerQueries {
  private last: Record<ResourceKind, ServerQueryState> | null = null;

  forState(ui: UiState): Record<ResourceKind, ServerQueryState> {
    // While watches are in force the offers are fetched whole: a server narrowed
    // by the tab's filter would hide from a watch the very offers it waits for.
    const filterOf = (kind: ResourceKind): FilterExpression =>
      kind === WATCH_KIND && ui.watches.length > 0 ? EMPTY_FILTER : ui.tabs[kind].filter;
    const keys = RESOURCE_KINDS.map((kind) => {
      const narrowed = serverQueryKey(kind, filterOf(kind), ui.showGone);
      const whole = serverQueryKey(kind, EMPTY_FILTER, ui.showGone);
      return narrowed === whole ? narrowed : `${narrowed} of ${whole}`;
    });
    if (this.last && RESOURCE_KINDS.every((kind, index) => this.last![kind].key === keys[index])) return this.last;
    const result = {} as Record<ResourceKind, ServerQueryState>;
    RESOURCE_KINDS.forEach((kind, index) => {
      const query = serverQueryFor(kind, filterOf(kind), ui.showGone);
      const whole = serverQueryFor(kind, EMPTY_FILTER, ui.showGone);
      const narrows =
        serverQueryKey(kind, filterOf(kind), ui.showGone) !== serverQueryKey(kind, EMPTY_FILTER, ui.showGone);
      result[kind] = { key: keys[index]!, query, whole: narrows ? whole : null };
    });
    this.last = result;
    return result;
  }
}

/** Which columns each tab shows, by id, in order (the config file's `views`); a tab not named shows all of its own. */
export type ColumnChoice = Partial<Record<ResourceKind, readonly string[]>>;

/** The columns `ids` names, in that order; without `ids`, every column but those shown on request (`every`: those too). */
export function chooseColumns<C extends { id: string; onRequest?: boolean }>(
  columns: C[],
  ids: readonly string[] | undefined,
  every = false,
): C[] {
  if (!ids) return every ? columns : columns.filter((column) => !column.onRequest);
  return ids.flatMap((id) => columns.filter((column) => column.id === id));
}

/**
 * A view's columns for one value of the age clock and one set of names
 * (ViewContext.nameOf): the same array until either changes, so rows are
 * not drawn again.
 */
export class ViewColumns {
  private readonly byKind = new Map<
    ResourceKind,
    { now: number; nameOf?: NameOf; readsNames: boolean; columns: Column<AnyRow>[] }
  >();

  /**
   * `context`: what else the columns read, the same for the dashboard's life (trend readings, whether sparklines draw).
   * `choice`: the columns each tab shows, checked against the views at start (config-file.ts).
   */
  constructor(
    private readonly context: (kind: ResourceKind) => Omit<ViewContext, 'now' | 'nameOf'> = () => ({}),
    private readonly choice: ColumnChoice = {},
  ) {}

  get(kind: ResourceKind, now: number, nameOf?: NameOf): Column<AnyRow>[] {
    const known = this.byKind.get(kind);
    // New names (every poll of the pods) matter only to a view whose columns read them (a disk's PODS):
    // for the others, new columns would draw every row again and measure every cell again.
    if (known?.now === now && (known.nameOf === nameOf || !known.readsNames)) return known.columns;
    const columns = chooseColumns(viewFor(kind).columns({ ...this.context(kind), now, nameOf }), this.choice[kind]);
    this.byKind.set(kind, { now, nameOf, readsNames: columns.some((column) => column.readsNames), columns });
    return columns;
  }
}

/** Each tab's content widths (views/table/layout.ts), remembered per row for the dashboard's lifetime. */
export class TabWidths {
  private readonly byKind = new Map<ResourceKind, ContentWidths<AnyRow>>();

  of(kind: ResourceKind): ContentWidths<AnyRow> {
    let widths = this.byKind.get(kind);
    if (!widths) this.byKind.set(kind, (widths = new ContentWidths()));
    return widths;
  }
}
