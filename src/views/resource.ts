/**
 * What a resource view is: a page of column definitions, how to identify,
 * describe and search a row, and what the resource can do (its actions). All
 * behaviour (selection, sorting, keys, dialogs) lives in the generic table and
 * the app shell, as in k9s's renderers; the shell asks the view, never which
 * kind it is.
 */
import type { ApiName } from '../api/errors.js';
import { copyActions, type BestCopy, type NameOf, type ResourceAction } from './actions.js';
import { perHour } from './format.js';
import type { DetailEntry } from './detail.js';
import type { SparklineScale } from './sparkline.js';
import { decoratedStatusCell, statusCell, type RowDecoration } from './table/decoration.js';
import type { Cell } from './table/cell.js';
import type { Column, SortRole } from './table/columns.js';

export type ResourceKind = 'disks' | 'sandboxes' | 'pods' | 'nodes' | 'history' | 'availability';
/** In tab order: the number keys 1 to 6. */
export const RESOURCE_KINDS: readonly ResourceKind[] = [
  'disks',
  'sandboxes',
  'pods',
  'nodes',
  'history',
  'availability',
];

/** Values every column render may depend on beyond the row itself. */
export interface ViewContext {
  /** Clock for ages; advanced by a slow tick so rows don't repaint every second. */
  now: number;
  /** The view's trend readings for a row, oldest first (see ResourceView.trend); none when absent. */
  trend?: (id: string) => readonly number[];
  /** Whether sparkline glyphs may be drawn (see canDrawSparklines); plain figures otherwise. */
  sparklines?: boolean;
  /** Another list's names, for a column that shows them (a disk's pods); a new function when they change. */
  nameOf?: NameOf;
}

/** A reading kept over time for each row, drawn as a sparkline beside the current figure. */
export interface TrendSpec<Row> {
  /** What it is, e.g. 'GPU load'. */
  label: string;
  /**
   * The row's current reading and when it was taken; null when it has none.
   * A reading is kept once per `at`, so polls that bring the same one add nothing.
   */
  read: (row: Row) => { value: number; at: number } | null;
  scale: SparklineScale;
  format: (value: number) => string;
}

/**
 * A figure besides the status whose change is news, such as an offer's
 * price: the transition tracker reports its changes as transitions (the
 * events panel, the row's mark), and the column that draws it can show
 * `OLD → NEW` (changedFrom in table/decoration.ts).
 */
export interface TrackedValue<Row> {
  /** Names the figure in the event line (`price $27.92 → …`) and keys its old text in the row's mark. */
  id: string;
  // Method syntax, like RowAccessors: a tracker typed for any rows takes a view's own.
  read(row: Row): number | null;
  /** The figure as the row and an event show it: `$27.92`. */
  format: (value: number | null) => string;
  /** The new figure in an event line, with how much it moved: `$19.92/hr (-$8.00)`. Default: `format`. */
  describe?: (from: number | null, to: number | null) => string;
}

/**
 * Values the filter's attribute terms read (`gpu:`, `count>=8`, `price<3`,
 * `stock:`, `region:`, `spot`: src/filter/attributes.ts). A term whose
 * attribute a view does not declare is refused on its tab.
 */
export interface RowAttributes<Row> {
  /** The GPU type, e.g. `H100_80GB`. */
  gpu?: (row: Row) => string | null;
  /** How many GPUs. */
  count?: (row: Row) => number | null;
  /** Dollars per GPU-hour. */
  price?: (row: Row) => number | null;
  stock?: (row: Row) => string;
  /** Where: the API's region name (`eu_west`) and the country code (`FI`). */
  region?: (row: Row) => { region: string | null; country: string | null };
  spot?: (row: Row) => boolean;
}

/**
 * How often a list may be polled at most, shown and hidden, whatever
 * `--interval` says: for a list that changes slowly, from an endpoint that
 * gains nothing from being asked every few seconds (src/data/polling.ts).
 */
export interface PollPace {
  visibleMs: number;
  hiddenMs: number;
}

/** What a summary may read beyond the row. */
export interface SummaryContext {
  /** The age clock. */
  now: number;
}

/**
 * What the detail pane shows first, above every field as the API sent it:
 * what the official client's own detail command shows (`prime pods status`,
 * `prime sandbox get`), in its order and words. Values are cleaned by the
 * pane, as every API string is.
 */
export type Summary<Row> = (row: Row, context: SummaryContext) => readonly DetailEntry[];

/** A sum over the rows in view that the tab line shows, e.g. `$38.10/hr`. */
export interface TotalSpec<Row> {
  of: (row: Row) => number;
  describe: (sum: number) => string;
}

export interface ResourceView<Row> {
  kind: ResourceKind;
  /** The API the resource comes from, for messages about it. */
  api: ApiName;
  /** Tab title, e.g. 'Pods'. */
  title: string;
  /** For messages, e.g. 'pod'. */
  singular: string;
  /** For messages about several, e.g. 'pods' ("No pods match the filter"). */
  plural: string;
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
  /** What the resource costs per hour as it is now; absent for kinds that bill nothing cloudtop can see. */
  burnRate?: (row: Row) => number;
  /** The sum the tab line shows for the rows in view (the burn rate, when there is one). */
  total?: TotalSpec<Row>;
  /** A reading kept per row over time and drawn as a sparkline. */
  trend?: TrendSpec<Row>;
  /** The moment a `since:` filter measures: when the resource was created, or for history when it ended. */
  getTime?: (row: Row) => string | null;
  /** A slow-moving list: polled every `slowPoll` intervals, shown or not. */
  slowPoll?: number;
  /** Polled at most this often (PollPace). */
  pace?: PollPace;
  /** Figures besides the status whose changes are transitions (TrackedValue). */
  tracked?: readonly TrackedValue<Row>[];
  /** What the filter's attribute terms read; absent: none apply. */
  attributes?: RowAttributes<Row>;
  /** The detail's first lines (Summary); absent: every field only. */
  summary?: Summary<Row>;
  /**
   * What a command of the config file may pass of a row (`{ssh}`, `{ip}`),
   * beyond `{id}`, `{name}` and `{status}`, which every view has
   * (input/custom-commands.ts); null where the row has none.
   */
  fields?: Readonly<Record<string, (row: Row) => string | null>>;
  /**
   * The names the key's permission for this kind may have in whoami's
   * `scope` (any case): a key that may not write it is not offered what
   * destroys it (data/permissions.ts). The names are not published; the docs
   * call them "Instances", "Disks", "Sandboxes".
   */
  keyScope?: readonly string[];
  /**
   * Whether a list row lacks what the summary shows (a running pod's ports,
   * which the docs send readers to the status endpoint for): the detail then
   * asks the API for the whole resource when it opens (data/sources.ts `detail`).
   */
  detailLacks?: (row: Row) => boolean;
  /**
   * Whether rows have a status. Without one (history) there are no
   * transitions to report (rows only accumulate) and no ended rows to hide.
   */
  hasStatus: boolean;
  /**
   * Whether a row can end (TERMINATED, DELETED…) and be hidden for it until
   * `a`: false for a view whose statuses never end (an offer's stock), so
   * nothing says "terminated hidden" there.
   */
  hasEndedRows: boolean;
}

/** A row of any kind has at least an id; a name and a status when the view does not say otherwise. */
interface Identified {
  id: string;
  name?: string | null;
  status?: string;
}

export interface ViewSpec<Row> {
  kind: ResourceKind;
  /** For messages about several; default the title in lower case. */
  plural?: string;
  /** Default: Prime Intellect. */
  api?: ApiName;
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
  /** False for a view whose rows have no status (history): no STATUS column. */
  statusColumn?: boolean;
  /** False for a view whose statuses never end (see ResourceView.hasEndedRows); default: it has a status. */
  endedRows?: boolean;
  burnRate?: (row: Row) => number;
  /** Default: the burn rate's sum, as `$38.10/hr`. */
  total?: TotalSpec<Row>;
  trend?: TrendSpec<Row>;
  getTime?: (row: Row) => string | null;
  slowPoll?: number;
  pace?: PollPace;
  tracked?: readonly TrackedValue<Row>[];
  attributes?: RowAttributes<Row>;
  summary?: Summary<Row>;
  detailLacks?: (row: Row) => boolean;
  keyScope?: readonly string[];
  fields?: Readonly<Record<string, (row: Row) => string | null>>;
  /** The leading column, when the name is not what the table should show first (an offer's GPU; its name says more, for events). */
  nameColumn?: { title: string; render: (row: Row) => string; minWidth?: number; maxWidth?: number };
  /** The status column's title and look, for a status that is not a lifecycle (an offer's stock): default STATUS, by category. */
  statusLook?: { title: string; cell: (status: string) => Cell };
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
    api: spec.api ?? 'Prime Intellect',
    title: spec.title,
    singular: spec.singular,
    plural: spec.plural ?? spec.title.toLowerCase(),
    defaultSort: spec.defaultSort ?? { columnId: 'name', descending: false },
    getId,
    getName: spec.getName ?? ((row) => row.name || row.id),
    getStatus: spec.getStatus ?? ((row) => row.status ?? ''),
    getLabels: labels ? (row) => labels(row) : () => null,
    hasLabels: labels !== undefined,
    actions: [...(spec.actions ?? []), ...copyActions(getId, spec.singular, spec.copy)],
    columns: (context) => [...leadingColumns(view, spec.statusColumn !== false, spec), ...spec.columns(context, view)],
    burnRate: spec.burnRate,
    total: spec.total ?? (spec.burnRate && { of: spec.burnRate, describe: perHour }),
    trend: spec.trend,
    getTime: spec.getTime,
    slowPoll: spec.slowPoll,
    pace: spec.pace,
    tracked: spec.tracked,
    attributes: spec.attributes,
    summary: spec.summary,
    detailLacks: spec.detailLacks,
    keyScope: spec.keyScope,
    fields: spec.fields,
    hasStatus: spec.statusColumn !== false,
    hasEndedRows: spec.endedRows ?? spec.statusColumn !== false,
  };
  return view;
}

/** NAME and STATUS, which every view starts with, so they look and sort the same everywhere. */
function leadingColumns<Row>(
  view: Pick<ResourceView<Row>, 'getName' | 'getStatus'>,
  withStatus: boolean,
  { nameColumn, statusLook }: Pick<ViewSpec<Row>, 'nameColumn' | 'statusLook'> = {},
): Column<Row>[] {
  const name: Column<Row> = {
    id: 'name',
    title: nameColumn?.title ?? 'NAME',
    minWidth: nameColumn?.minWidth ?? 16,
    maxWidth: nameColumn?.maxWidth ?? 48,
    priority: 0,
    render: nameColumn?.render ?? view.getName,
    sortRole: 'name',
  };
  if (!withStatus) return [name];
  return [
    name,
    {
      id: 'status',
      title: statusLook?.title ?? 'STATUS',
      // Wide enough for a transition such as `ACTIVE → DELETING` where there is room.
      minWidth: 12,
      maxWidth: 28,
      priority: 0,
      render: (row: Row, decoration: RowDecoration) =>
        decoratedStatusCell(view.getStatus(row), decoration, statusLook?.cell ?? statusCell),
      // The raw status, so a transition's `OLD → NEW` text never moves a row.
      sortValue: view.getStatus,
      sortRole: 'status',
      // With room to spare, `OLD → NEW` whole for the widest statuses.
      roomFor: (widest) => 2 * widest + 3,
    },
  ];
}

/** `sortRole`: whether Shift-A sorts by it (a tab's one age: AGE, SEEN, ENDED). */
export function ageColumn<Row>(
  getTimestamp: (row: Row) => string | null,
  render: (timestamp: string | null) => string,
  title = 'AGE',
  priority = 1,
  sortRole: SortRole | undefined = 'age',
): Column<Row> {
  return {
    id: title.toLowerCase().replace(/\s+/g, '-'),
    title,
    // Room for `23h59m`, and for the sort arrow beside the title.
    width: Math.max(6, title.length + 1),
    align: 'right',
    priority,
    render: (row) => render(getTimestamp(row)),
    ...(sortRole && { sortRole }),
    // Older first when ascending, like k9s: sort by the timestamp, not the text.
    sortValue: (row) => {
      const time = Date.parse(getTimestamp(row) ?? '');
      return Number.isNaN(time) ? null : -time;
    },
  };
}
