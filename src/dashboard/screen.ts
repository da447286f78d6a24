/**
 * What the screen says, as values the components draw: which body shows
 * (the table or an overlay, with what it needs), the tab line's summary, the
 * empty table's sentence, and the prompt with its hint. Pure functions of
 * the UI state and what the tab shows.
 */
import type { ActionId, ActionTarget, DeleteAction } from '../views/actions.js';
import { isDeleteAction } from '../views/actions.js';
import { thousands } from '../views/format.js';
import { isEndedStatus } from '../views/status.js';
import { viewFor, type AnyRow, type ResourceView } from '../views/index.js';
import type { SparklineScale } from '../views/sparkline.js';
import type { Column } from '../views/table/columns.js';
import type { RowDecoration } from '../views/table/decoration.js';
import type { ContentWidthOf } from '../views/table/layout.js';
import { sanitize } from '../util/text.js';
import type { KeyMap } from '../input/bindings.js';
import type { CustomCommand } from '../input/custom-commands.js';
import { helpRows, withKey } from '../input/key-map.js';
import { chordLabel } from '../input/chords.js';
import { detailLines, type DetailEntry, type DetailLayout } from '../views/detail.js';
import { describeFilterParts, filterFor, type FilterExpression } from '../filter/index.js';
import type { LogLines } from '../data/useLogLines.js';
import type { DialogState, LogsOverlay, SortState, UiState } from '../model/ui-state.js';
import type { TabContext } from '../controllers/index.js';
import type { Pane } from './panes.js';
import type { TabSummary } from './tab-line.js';

/** A tab in the tab bar. */
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
      contentWidth: ContentWidthOf;
    }
  | { type: 'help'; title: string; layout: DetailLayout; offset: number }
  | {
      type: 'confirm';
      view: ResourceView<AnyRow>;
      action: DeleteAction<AnyRow>;
      targets: readonly ActionTarget[];
      missingIds: ReadonlySet<string>;
      /** Targets still listed but not shown under the filter in force. */
      hiddenCount: number;
      dialog: DialogState;
    }
  | {
      type: 'detail';
      title: string;
      /** What the pane lists (dashboard/detail.ts). */
      entries: readonly DetailEntry[];
      present: boolean;
      offset: number;
      trend: DetailTrend | null;
      /** One line about fetching the whole resource (data/useWholeRow.ts), or null. */
      notice: string | null;
    }
  /** About the account (the wallet, the key), drawn as a detail (dashboard/panes.ts). */
  | { type: 'pane'; title: string; entries: readonly DetailEntry[]; offset: number }
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
  /** Rows the tab would list with no filter (ended ones hidden unless shown): the M of "N of M". */
  whole: number;
  /** Whether the tab's list has loaded at all. */
  loaded: boolean;
  /** The filter in force: the one being typed, while it can apply. */
  filter: FilterExpression;
  decorate: (id: string) => RowDecoration;
  /** Each flexible column's widest cell over the tab's rows. */
  contentWidth: ContentWidthOf;
}

/** An action the view declares that cannot run here, and why, for the help to say. */
export interface Withheld {
  id: ActionId;
  description: string;
  why: string;
  /** The footer says it too, where the key would have been: nothing else on screen does (the key's permissions). */
  inFooter: boolean;
}

/** Why an action is not offered; `inFooter` as Withheld's. */
export type Withholding = string | { why: string; inFooter: boolean };

/** The view as the footer and help present it: only the actions that can run here; the rest with their reason. */
export interface Offered {
  view: ResourceView<AnyRow>;
  withheld: readonly Withheld[];
}

/**
 * The actions a person is offered: those that can run. `--read-only` takes
 * the destructive ones away, and so do a key that may not write the kind and
 * an account that cannot carry them out; the footer and help then do not
 * offer them, and the help (and, for the key, the footer) says why.
 */
export function offeredActions(
  view: ResourceView<AnyRow>,
  whyNot: (action: ResourceView<AnyRow>['actions'][number]) => Withholding | null,
): Offered {
  const withheld: Withheld[] = [];
  const noun = { one: view.singular, many: view.plural };
  const actions = view.actions.filter((action) => {
    const reason = whyNot(action);
    if (reason === null) return true;
    const { why, inFooter } = typeof reason === 'string' ? { why: reason, inFooter: false } : reason;
    withheld.push({ id: action.id, description: action.key.describe(noun), why, inFooter });
    return false;
  });
  return { view: withheld.length === 0 ? view : { ...view, actions }, withheld };
}

/** What the footer says of the actions withheld for it: `D: this key is read-only for pods`. */
export function footerNotes(offered: Offered, keymap: KeyMap): string[] {
  return offered.withheld.flatMap(({ id, why, inFooter }) => {
    const key = keymap[id][0];
    return inFooter && key !== undefined ? [`${chordLabel(key)}: ${why}`] : [];
  });
}

/**
 * The help as screen lines: first the actions not offered here with the
 * reason, so a person learns why `D` is missing rather than by pressing it,
 * then every key in force on this tab.
 */
export function helpLayout(
  offered: Offered,
  keymap: KeyMap,
  width: number,
  commands: readonly CustomCommand[] = [],
): DetailLayout {
  const rows: { key: string; value: string }[] = [];
  for (const { id, description, why } of offered.withheld) {
    const keys = keymap[id].map(chordLabel).join(' / ');
    if (keys) rows.push({ key: keys, value: `Not offered (${why}): ${description}` });
  }
  rows.push(...helpRows(offered.view, keymap, commands).map((row) => ({ key: row.keys, value: row.description })));
  return detailLines(rows, width);
}

/** The open detail: the resource it follows and what the pane lists. */
export interface OpenDetail {
  row: AnyRow;
  present: boolean;
  entries: readonly DetailEntry[];
  notice: string | null;
}

export interface BodyParts {
  help: DetailLayout;
  columns: readonly Column<AnyRow>[];
  loaded: boolean;
  failed: boolean;
  /** The detail the state's overlay opens, or null (dashboard/detail.ts). */
  detail: OpenDetail | null;
  /** The pane the state's overlay opens, or null (dashboard/panes.ts). */
  pane: Pane | null;
  log: LogLines;
  trend: (id: string) => DetailTrend | null;
  keymap: KeyMap;
}

export function bodyOf(ui: UiState, tab: ShownTab, parts: BodyParts): Body {
  const { view } = tab;
  const overlay = ui.overlay;
  switch (overlay.type) {
    case 'help':
      return { type: 'help', title: `Keys: ${view.title}`, layout: parts.help, offset: overlay.offset };
    case 'confirm': {
      const present = new Set(tab.items.map(view.getId));
      const missingIds = new Set(
        overlay.targets.filter((target) => !present.has(target.id)).map((target) => target.id),
      );
      const shown = new Set(tab.rows.map(view.getId));
      const hiddenCount = overlay.targets.filter((target) => present.has(target.id) && !shown.has(target.id)).length;
      const action = view.actions.find(isDeleteAction);
      if (action) {
        const { targets, dialog } = overlay;
        return { type: 'confirm', view, action, targets, missingIds, hiddenCount, dialog };
      }
      break;
    }
    case 'pane':
      if (!parts.pane) break;
      return { type: 'pane', title: parts.pane.title, entries: parts.pane.entries, offset: overlay.offset };
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
      const { detail } = parts;
      if (!detail) break;
      const id = view.getId(detail.row);
      const title = sanitize(`${view.singular} ${view.getName(detail.row)} (${id})`);
      return {
        type: 'detail',
        title,
        entries: detail.entries,
        present: detail.present,
        offset: overlay.offset,
        trend: parts.trend(id),
        notice: detail.notice,
      };
    }
    default:
      break;
  }
  const empty = {
    loaded: parts.loaded,
    failed: parts.failed,
    filtered: tab.filter.terms.length > 0,
    endedHidden:
      !ui.showGone &&
      view.hasStatus &&
      tab.rows.length === 0 &&
      tab.items.some((row) => isEndedStatus(view.getStatus(row))),
  };
  return {
    type: 'table',
    view,
    rows: tab.rows,
    columns: parts.columns,
    selectedId: tab.selectedId,
    sort: ui.tabs[ui.tab].sort,
    decoration: (row) => tab.decorate(view.getId(row)),
    emptyText: emptyText(view.plural, empty, parts.keymap),
    contentWidth: tab.contentWidth,
  };
}

export function trendOf(view: ResourceView<AnyRow>, readings: readonly number[] | undefined): DetailTrend | null {
  if (!view.trend || !readings || readings.length === 0) return null;
  return { label: view.trend.label, readings, scale: view.trend.scale, format: view.trend.format };
}

/**
 * Right of the tabs, most important first: how many are marked, the filter
 * and what it matches of the whole list, and the view's total over the rows
 * in view (without the ghosts of removed ones), e.g.
 * `✓ 3 marked · /label:team-a · 7 of 24 · $38.10/hr · terminated hidden (a)`.
 */
export function tabSummary(tab: ShownTab, showGone: boolean, marked: number, keymap: KeyMap): TabSummary {
  const { terms, note } = describeFilterParts(tab.filter, showGone || !tab.view.hasEndedRows);
  const parts = terms ? [`/${terms}`, `${thousands(tab.matched)} of ${thousands(tab.whole)}`] : [];
  // Marks are what a bulk action acts on: how many, wherever the person has scrolled.
  if (marked > 0) parts.unshift(`✓ ${thousands(marked)} marked`);
  const total = tab.view.total;
  // Nothing loaded is not nothing spent: no total until the list is there.
  if (total && tab.loaded) parts.push(total.describe(totalInView(tab, total.of)));
  // The note (GONE_HIDDEN_NOTE) names the key that shows them: here, the one in force, or none.
  const hint = note ? `terminated hidden${withKey(keymap, 'toggleAll', (key) => ` (${key})`)}` : undefined;
  return { parts, hint };
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

/**
 * What an empty table says: loading, failed, nothing at all, or nothing
 * that passes; each hint only where it would show something (no "a shows
 * terminated ones" on a tab that has none).
 */
function emptyText(
  noun: string,
  state: { loaded: boolean; failed: boolean; filtered: boolean; endedHidden: boolean },
  keymap: KeyMap,
): string {
  if (!state.loaded) return state.failed ? `No ${noun} loaded: the reason is above` : `Loading ${noun}…`;
  const showEnded = state.endedHidden ? withKey(keymap, 'toggleAll', (key) => `${key} shows terminated ones`) : '';
  if (!state.filtered) return showEnded ? `No ${noun} but terminated ones (${showEnded})` : `No ${noun}`;
  const hints = [withKey(keymap, 'clearFilter', (key) => `${key} clears it`), showEnded].filter(Boolean);
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
  text: 'pods sandboxes disks nodes history · team NAME · ctx NAME · filter EXPR · sort COLUMN · wallet · whoami · help · q — Tab completes · ↑↓ history',
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
