/**
 * What a resource view is: a page of column definitions plus how to identify,
 * describe and search a row. All behaviour (selection, sorting, keys) lives
 * in the generic table and the app shell, as in k9s's renderers.
 */
import type { Cell, Column } from './table/columns.js';
import { MISSING } from './format.js';
import { CATEGORY_COLOR, statusCategory } from './status.js';

export type ResourceKind = 'disks' | 'sandboxes' | 'pods' | 'nodes';
export const RESOURCE_KINDS: readonly ResourceKind[] = ['disks', 'sandboxes', 'pods', 'nodes'];

/** Values every column render may depend on beyond the row itself. */
export interface ViewContext {
  /** Clock for ages; advanced by a slow tick so rows don't repaint every second. */
  now: number;
  /**
   * How a status cell reads. Plain (coloured by category) by default; the app
   * passes one that also shows transitions (`OLD → NEW`) and pending deletes.
   */
  statusCell?: (id: string, status: string) => Cell;
}

export interface ResourceView<Row> {
  kind: ResourceKind;
  /** Tab title, e.g. 'Pods'. */
  title: string;
  /** For messages, e.g. 'pod'. */
  singular: string;
  columns: (context: ViewContext) => Column<Row>[];
  defaultSort: { columnId: string; descending: boolean };
  getId: (row: Row) => string;
  getName: (row: Row) => string;
  getStatus: (row: Row) => string;
  /** Labels a `label:` filter matches; views without labels return null. */
  getLabels: (row: Row) => readonly string[] | null;
}

/** The status cell, coloured by category; unknown statuses shown plainly, a missing one as missing. */
export function statusCell(status: string): Cell {
  const category = statusCategory(status);
  return { text: statusText(status), color: CATEGORY_COLOR[category], dim: category === 'gone' };
}

/** A status as words: the API's own, or the missing-value mark when it sent none. */
export function statusText(status: string): string {
  return status || MISSING;
}

/** NAME and STATUS, which every view starts with, so they look and sort the same everywhere. */
export function leadingColumns<Row>(view: Pick<ResourceView<Row>, 'getId' | 'getName' | 'getStatus'>, context: ViewContext): Column<Row>[] {
  const cell = context.statusCell ?? ((_id: string, status: string) => statusCell(status));
  return [
    { id: 'name', title: 'NAME', minWidth: 16, flex: 3, maxWidth: 48, priority: 0, render: view.getName },
    {
      id: 'status',
      title: 'STATUS',
      // Wide enough for a transition such as `ACTIVE → DELETING` where there is room.
      minWidth: 12,
      flex: 2,
      maxWidth: 28,
      priority: 0,
      render: (row) => cell(view.getId(row), view.getStatus(row)),
      // The raw status, so a transition's `OLD → NEW` text never moves a row.
      sortValue: view.getStatus,
    },
  ];
}

export function ageColumn<Row>(getTimestamp: (row: Row) => string | null, render: (timestamp: string | null) => string, title = 'AGE', priority = 1): Column<Row> {
  return {
    id: title.toLowerCase().replace(/\s+/g, '-'),
    title,
    width: title.length > 5 ? title.length : 5,
    align: 'right',
    priority,
    render: (row) => render(getTimestamp(row)),
    // Older first when ascending, like k9s: sort by the timestamp, not the text.
    sortValue: (row) => {
      const time = Date.parse(getTimestamp(row) ?? '');
      return Number.isNaN(time) ? null : -time;
    },
  };
}
