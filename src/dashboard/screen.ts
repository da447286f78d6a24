/**
 * What the screen says, as values the components draw: which body shows
 * (the table or an overlay, with what it needs), the tab line's summary, the
 * empty table's sentence, and the prompt with its hint. Pure functions of
 * the UI state and what the tab shows.
 */
import type { ActionTarget, DeleteAction } from '../views/actions.js';
import { isDeleteAction } from '../views/actions.js';
import { thousands } from '../views/format.js';
import { viewFor, type AnyRow, type ResourceKind, type ResourceView } from '../views/index.js';
import type { SparklineScale } from '../views/sparkline.js';
import type { Column } from '../views/table/columns.js';
import type { RowDecoration } from '../views/table/decoration.js';
import { sanitize } from '../util/text.js';
import type { KeyMap } from '../input/bindings.js';
import { withKey } from '../input/key-map.js';
import { describeFilterParts, filterFor, type FilterExpression } from '../filter/index.js';
import type { LogLines } from '../data/useLogLines.js';
import type { TabModel } from '../model/tab-model.js';
import type { DialogState, LogsOverlay, SortState, UiState } from '../model/ui-state.js';
import type { TabContext } from '../controllers/index.js';

/** A tab in the tab bar. */
export interface TabInfo {
  kind: ResourceKind;
  title: string;
  count: number | null;
  /** Transitions there since the tab was last on screen. */
  unseen: number;
}

/** A view's trend readings for the detail pane, with how to draw them. */
export interface DetailTrend {
  label: string;
  readings: readonly number[];
  scale: SparklineScale;
  format: (value: number) => string;
}

/** What the area between header and footer shows. */
export type Body =
  | {
      type: 'table';
      view: ResourceView<AnyRow>;
      rows: readonly AnyRow[];
      columns: readonly Column<AnyRow>[];
      selectedId: string | null;
      sort: SortState;
      decoration: (row: AnyRow) => RowDecoration;
      emptyText: string;
    }
  | { type: 'help'; view: ResourceView<AnyRow>; offset: number }
  | {
      type: 'confirm';
      view: ResourceView<AnyRow>;
      action: DeleteAction<AnyRow>;
      targets: readonly ActionTarget[];
      missingIds: ReadonlySet<string>;
      dialog: DialogState;
    }
  | { type: 'detail'; title: string; row: AnyRow; present: boolean; offset: number; trend: DetailTrend | null }
  | { type: 'choose'; title: string; options: readonly string[]; selected: number }
  | {
      type: 'logs';
      title: string;
      pane: LogsOverlay;
      lines: readonly string[];
      first: number;
      version: number;
      error: string | null;
      loading: boolean;
    };

/** A tab as the screen shows it: what the controllers see, and what only drawing needs. */
export interface ShownTab extends TabContext {
  /** Rows that pass the filter, ghosts excluded. */
  matched: number;
  /** The filter in force: the one being typed, while it can apply. */
  filter: FilterExpression;
  decorate: (id: string) => RowDecoration;
}

export interface BodyParts {
  columns: readonly Column<AnyRow>[];
  loaded: boolean;
  failed: boolean;
  model: TabModel;
  log: LogLines;
  trend: (id: string) => DetailTrend | null;
  keymap: KeyMap;
}

export function bodyOf(ui: UiState, tab: ShownTab, parts: BodyParts): Body {
  const { view } = tab;
  const overlay = ui.overlay;
  switch (overlay.type) {
    case 'help':
      return { type: 'help', view, offset: overlay.offset };
    case 'confirm': {
      const present = new Set(tab.items.map(view.getId));
      const missingIds = new Set(
        overlay.targets.filter((target) => !present.has(target.id)).map((target) => target.id),
      );
      const action = view.actions.find(isDeleteAction);
      if (action)
        return { type: 'confirm', view, action, targets: overlay.targets, missingIds, dialog: overlay.dialog };
      break;
    }
    case 'choose':
      return { type: 'choose', title: overlay.title, options: overlay.options, selected: overlay.selected };
    case 'logs': {
      const { buffer, error, loading } = parts.log;
      const title = `${viewFor(overlay.kind).singular} ${overlay.name}`;
      const lines = buffer?.lines ?? [];
      const first = buffer?.first ?? 0;
      return { type: 'logs', title, pane: overlay, lines, first, version: buffer?.version ?? 0, error, loading };
    }
    case 'detail': {
      const detail = parts.model.detailRow(overlay.id, tab.items);
      if (!detail) break;
      const id = view.getId(detail.row);
      const title = sanitize(`${view.singular} ${view.getName(detail.row)} (${id})`);
      return {
        type: 'detail',
        title,
        row: detail.row,
        present: detail.present,
        offset: overlay.offset,
        trend: parts.trend(id),
      };
    }
    default:
      break;
  }
  const filtered = tab.filter.terms.length > 0 || !ui.showGone;
  return {
    type: 'table',
    view,
    rows: tab.rows,
    columns: parts.columns,
    selectedId: tab.selectedId,
    sort: ui.tabs[ui.tab].sort,
    decoration: (row) => tab.decorate(view.getId(row)),
    emptyText: emptyText(view.title.toLowerCase(), parts.loaded, parts.failed, filtered, parts.keymap),
  };
}

export function trendOf(view: ResourceView<AnyRow>, readings: readonly number[] | undefined): DetailTrend | null {
  if (!view.trend || !readings || readings.length === 0) return null;
  return { label: view.trend.label, readings, scale: view.trend.scale, format: view.trend.format };
}

/**
 * Right of the tabs: the filter and what it matches, and the view's total
 * over the rows in view (without the ghosts of removed ones), e.g.
 * `/label:team-a · 7 of 24 · $38.10/hr · terminated hidden (a)`.
 */
export function tabSummary(tab: ShownTab, showGone: boolean, keymap: KeyMap): string {
  const { terms, note } = describeFilterParts(tab.filter, showGone || !tab.view.hasStatus);
  const parts = terms ? [`/${terms}`, `${thousands(tab.matched)} of ${thousands(tab.items.length)}`] : [];
  const total = tab.view.total;
  if (total) parts.push(total.describe(totalInView(tab, total.of)));
  // The note (GONE_HIDDEN_NOTE) names the key that shows them: here, the one in force, or none.
  if (note) parts.push(`terminated hidden${withKey(keymap, 'toggleAll', (key) => ` (${key})`)}`);
  return parts.join(' · ');
}

const totals = new WeakMap<
  readonly AnyRow[],
  { ghostIds: ReadonlySet<string>; of: (row: AnyRow) => number; sum: number }
>();

/** The rows' sum, once per list on screen: a render that changes nothing else must not add up 20,000 rows again. */
function totalInView(tab: TabContext, of: (row: AnyRow) => number): number {
  const known = totals.get(tab.rows);
  if (known && known.ghostIds === tab.ghostIds && known.of === of) return known.sum;
  let sum = 0;
  for (const row of tab.rows) if (!tab.ghostIds.has(tab.view.getId(row))) sum += of(row);
  totals.set(tab.rows, { ghostIds: tab.ghostIds, of, sum });
  return sum;
}

function emptyText(noun: string, loaded: boolean, failed: boolean, filtered: boolean, keymap: KeyMap): string {
  if (!loaded) return failed ? `No ${noun} loaded: the reason is above` : `Loading ${noun}…`;
  if (!filtered) return `No ${noun}`;
  const hints = [
    withKey(keymap, 'clearFilter', (key) => `${key} clears it`),
    withKey(keymap, 'toggleAll', (key) => `${key} shows terminated ones`),
  ].filter((hint) => hint !== '');
  return `No ${noun} match the filter${hints.length > 0 ? ` (${hints.join('; ')})` : ''}`;
}

export type Prompt = { sign: '/' | ':'; draft: string; hint: { text: string; error: boolean } | null };

/** Under the log search prompt; Enter and Esc are the prompt's own, n and N the key map's. */
function searchHint(keymap: KeyMap): { text: string; error: boolean } {
  const keys = [
    withKey(keymap, 'logNext', (key) => `${key} older`),
    withKey(keymap, 'logPrevious', (key) => `${key} newer`),
  ].filter((hint) => hint !== '');
  const which = keys.length > 0 ? ` (${keys.join(', ')})` : '';
  return { text: `Enter finds the newest line that contains it${which} · Esc cancel`, error: false };
}

const COMMAND_HINT = {
  text: 'pods sandboxes disks nodes history · team NAME · ctx NAME · filter EXPR · sort COLUMN · help · q — Tab completes · ↑↓ history',
  error: false,
};

/** The filter prompt, the `:` prompt or the log pane's search while open: its sign, what is typed, and the line under it. */
export function promptOf(ui: UiState, view: ResourceView<AnyRow>, keymap: KeyMap): Prompt | null {
  const { overlay } = ui;
  if (overlay.type === 'filter') {
    // Why what is typed cannot apply (the list then keeps the applied filter), else the default help.
    const { error } = filterFor(overlay.draft, view);
    return { sign: '/', draft: overlay.draft, hint: error === null ? null : { text: error, error: true } };
  }
  if (overlay.type === 'logs' && overlay.searching !== null) {
    return { sign: '/', draft: overlay.searching, hint: searchHint(keymap) };
  }
  if (overlay.type === 'command') {
    const candidates = overlay.completing?.candidates;
    // Several candidates: the one shown first, the rest after it, as Tab will go through them.
    const hint =
      candidates && candidates.length > 1
        ? { text: `Tab: ${sanitize(candidates.map((line) => `:${line}`).join('  '))}`, error: false }
        : COMMAND_HINT;
    return { sign: ':', draft: overlay.draft, hint };
  }
  return null;
}
