/**
 * What a resource view is: a page of column definitions, how to identify,
 * describe and search a row, and what the resource can do (its actions). All
 * behaviour (selection, sorting, keys, dialogs) lives in the generic table and
 * the app shell, as in k9s's renderers; the shell asks the view, never which
 * kind it is.
 */
import { copyActions, type BestCopy, type ResourceAction } from './actions.js';
import { decoratedStatusCell, type RowDecoration } from './table/decoration.js';
import type { Column } from './table/columns.js';

export type ResourceKind = 'disks' | 'sandboxes' | 'pods' | 'nodes';
export const RESOURCE_KINDS: readonly ResourceKind[] = ['disks', 'sandboxes', 'pods', 'nodes'];

/** Values every column render may depend on beyond the row itself. */
export interface ViewContext {
  /** Clock for ages; advanced by a slow tick so rows don't repaint every second. */
  now: number;
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
  /** Labels a `label:` filter matches; null for kinds without labels. */
  getLabels: (row: Row) => readonly string[] | null;
  /** Whether `label:` filters apply to this kind at all. */
  hasLabels: boolean;
  actions: readonly ResourceAction<Row>[];
}

/** A row of any kind has at least an id; a name and a status when the view does not say otherwise. */
interface Identified {
  id: string;
  name?: string | null;
  status?: string;
}

export interface ViewSpec<Row> {
  kind: ResourceKind;
  title: string;
  singular: string;
  /** Every column after NAME and STATUS, which every view starts with. */
  columns: (context: ViewContext, view: ResourceView<Row>) => Column<Row>[];
  defaultSort?: { columnId: string; descending: boolean };
  getId?: (row: Row) => string;
  getName?: (row: Row) => string;
  getStatus?: (row: Row) => string;
  labels?: (row: Row) => readonly string[];
  /** What the resource can do beyond copying its id (`C`), which every resource can. */
  actions?: readonly ResourceAction<Row>[];
  /** What `c` copies when something is more useful than the id. */
  copy?: BestCopy<Row>;
}

/**
 * A view from what is particular to it; what every view repeats is filled in:
 * the id, a name (the id when there is none, rather than a blank cell), the
 * status, sorting by name, and the leading NAME and STATUS columns.
 */
export function defineView<Row extends Identified>(spec: ViewSpec<Row>): ResourceView<Row> {
  const labels = spec.labels;
  const getId = spec.getId ?? ((row: Row) => row.id);
  const view: ResourceView<Row> = {
    kind: spec.kind,
    title: spec.title,
    singular: spec.singular,
    defaultSort: spec.defaultSort ?? { columnId: 'name', descending: false },
    getId,
    getName: spec.getName ?? ((row) => row.name || row.id),
    getStatus: spec.getStatus ?? ((row) => row.status ?? ''),
    getLabels: labels ? (row) => labels(row) : () => null,
    hasLabels: labels !== undefined,
    actions: [...(spec.actions ?? []), ...copyActions(getId, spec.singular, spec.copy)],
    columns: (context) => [...leadingColumns(view), ...spec.columns(context, view)],
  };
  return view;
}

/** NAME and STATUS, which every view starts with, so they look and sort the same everywhere. */
function leadingColumns<Row>(view: Pick<ResourceView<Row>, 'getName' | 'getStatus'>): Column<Row>[] {
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
      render: (row: Row, decoration: RowDecoration) => decoratedStatusCell(view.getStatus(row), decoration),
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
