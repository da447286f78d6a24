/**
 * What one key does: a pure function from the UI state, the key and what the
 * screen shows to the next UI state and the effects to carry out (quit,
 * refresh, a flash message, run an action). No React, no timers: tests call
 * it directly.
 *
 * What the screen shows is asked for through `KeyEnvironment.tab(state)` for
 * the state the previous key left, not taken from the last render: several
 * keys can arrive in one read (key repeat, typing ahead over SSH), and `3D`
 * must switch to Pods and then act on the pod selected there.
 */
import type { Key } from 'ink';
import type { ActionId, ActionTarget, ResourceAction } from '../../views/actions.js';
import { RESOURCE_KINDS, VIEWS, viewFor, type AnyRow, type ResourceKind, type ResourceView } from '../../views/index.js';
import { dialogKey, dialogPageSize, INITIAL_DIALOG_STATE } from '../components/ConfirmDialog.js';
import { detailPageSize } from '../components/DetailPane.js';
import { promptKey } from '../components/FilterPrompt.js';
import { helpPageSize } from '../components/HelpOverlay.js';
import { EMPTY_FILTER, filterFor } from '../filter/index.js';
import { bindingsFor, keyToAction, type Action, type Mode } from '../keys.js';
import { uiReducer, type UiEvent, type UiState } from '../state.js';

/** The current tab as the screen shows it. */
export interface TabContext {
  view: ResourceView<AnyRow>;
  /** Filtered and sorted, ghosts included: what the table lists. */
  rows: readonly AnyRow[];
  /** Every resource of the tab, listed or not (a marked one the filter now hides is still acted on). */
  items: readonly AnyRow[];
  /** The selection as shown. */
  selectedId: string | null;
  ghostIds: ReadonlySet<string>;
  /** Columns on screen at this width, which `o` cycles through. */
  visibleColumnIds: readonly string[];
}

export interface KeyEnvironment {
  tab(state: UiState): TabContext;
  /** Lines of the area between header and footer, where tables, dialogs and panes are drawn. */
  bodyHeight: number;
  /** Lines the detail pane has for the resource it shows. */
  detailEntries(state: UiState): number;
  eventCount: number;
  readOnly: boolean;
  canRun(kind: ResourceKind, action: ActionId): boolean;
}

export type Tone = 'info' | 'success' | 'error';

export type Effect =
  | { type: 'quit' }
  | { type: 'refresh'; kind: ResourceKind }
  | { type: 'flash'; text: string; tone: Tone }
  | { type: 'run'; kind: ResourceKind; action: ActionId; targets: readonly ActionTarget[] };

export interface KeyResult {
  state: UiState;
  effects: Effect[];
}

export function modeOf(state: UiState): Mode {
  return state.overlay.type === 'none' ? 'table' : state.overlay.type;
}

export function reduceKey(state: UiState, input: string, key: Key, env: KeyEnvironment): KeyResult {
  const mode = modeOf(state);
  const view = viewFor(state.tab);
  const action = keyToAction(input, key, mode, view);
  if (action?.type === 'quit') return { state, effects: [{ type: 'quit' }] };
  if (state.overlay.type === 'confirm') return confirmKey(state, input, key, env);
  if (state.overlay.type === 'filter') return filterKey(state, input, key, view);
  return action ? perform(state, action, env) : { state, effects: [] };
}

function perform(state: UiState, action: Action, env: KeyEnvironment): KeyResult {
  const next = (...events: UiEvent[]): KeyResult => ({ state: events.reduce(uiReducer, state), effects: [] });
  const flash = (text: string, tone: Tone = 'info'): KeyResult => ({ state, effects: [{ type: 'flash', text, tone }] });
  switch (action.type) {
    case 'quit':
      return { state, effects: [{ type: 'quit' }] };
    case 'switchTab': {
      const kind = RESOURCE_KINDS[action.index];
      return kind ? next({ type: 'switchTab', tab: kind }) : next();
    }
    case 'nextTab':
    case 'previousTab':
      return next({ type: 'stepTab', step: action.type === 'nextTab' ? 1 : -1 });
    case 'move':
      return move(state, action.move, env);
    case 'openDetail': {
      const selected = env.tab(state).selectedId;
      return selected ? next({ type: 'openDetail', id: selected }) : next();
    }
    case 'close':
      return next({ type: 'closeOverlay' });
    case 'toggleHelp':
      return next({ type: 'toggleHelp' });
    case 'cycleSort':
      // Only the columns a person can see; sorting by a hidden one would look random.
      return next({ type: 'cycleSort', tab: state.tab, columnIds: env.tab(state).visibleColumnIds });
    case 'reverseSort':
      return next({ type: 'reverseSort', tab: state.tab });
    case 'refresh':
      return { state, effects: [{ type: 'refresh', kind: state.tab }] };
    case 'togglePause':
      return next({ type: 'togglePause' });
    case 'openFilter':
      return next({ type: 'openFilter' });
    case 'clearFilter':
      return state.tabs[state.tab].filter.terms.length > 0 ? next({ type: 'applyFilter', tab: state.tab, filter: EMPTY_FILTER }) : next();
    case 'toggleShowGone':
      return {
        state: uiReducer(state, { type: 'toggleShowGone' }),
        effects: [{ type: 'flash', text: state.showGone ? 'Hiding terminated and deleted resources' : 'Showing terminated and deleted resources (a hides them)', tone: 'info' }],
      };
    case 'toggleMark': {
      const tab = env.tab(state);
      if (!tab.view.actions.some((declared) => declared.multiple)) return flash(`Marks are for acting on several at once, which ${tab.view.title} has no action for`);
      return tab.selectedId && !tab.ghostIds.has(tab.selectedId) ? next({ type: 'toggleMark', id: tab.selectedId }) : next();
    }
    case 'resourceAction':
      return openAction(state, action.id, env);
    case 'toggleEvents':
      return next({ type: 'toggleEvents' });
    case 'scrollEvents':
      return next({ type: 'scrollEvents', delta: action.delta, max: env.eventCount - 1 });
  }
}

function move(state: UiState, to: Extract<Action, { type: 'move' }>['move'], env: KeyEnvironment): KeyResult {
  const step = (pageSize: number): number => ({ up: -1, down: 1, pageUp: -pageSize, pageDown: pageSize, top: -Infinity, bottom: Infinity })[to];
  if (state.overlay.type === 'help') {
    const pageSize = helpPageSize(env.bodyHeight);
    const count = bindingsFor(viewFor(state.tab)).length;
    return { state: uiReducer(state, { type: 'scrollHelp', delta: step(pageSize), max: Math.max(0, count - pageSize) }), effects: [] };
  }
  if (state.overlay.type === 'detail') {
    const pageSize = detailPageSize(env.bodyHeight);
    return { state: uiReducer(state, { type: 'scrollDetail', delta: step(pageSize), max: Math.max(0, env.detailEntries(state) - pageSize) }), effects: [] };
  }
  const tab = env.tab(state);
  const event: UiEvent = { type: 'moveSelection', tab: state.tab, from: tab.selectedId, move: to, rows: tab.rows, getId: tab.view.getId, pageSize: env.bodyHeight - 1 };
  return { state: uiReducer(state, event), effects: [] };
}

/** Opens the action's confirm dialog on the marked resources, or the selected one. */
function openAction(state: UiState, id: ActionId, env: KeyEnvironment): KeyResult {
  const flash = (text: string): KeyResult => ({ state, effects: [{ type: 'flash', text, tone: 'info' }] });
  const tab = env.tab(state);
  const action = tab.view.actions.find((declared) => declared.id === id);
  if (!action) return flash(notHere(id, tab.view));
  if (action.destructive && env.readOnly) return flash(`${ACTION_NOUN[id]} is disabled: cloudtop was started with --read-only`);
  if (!env.canRun(state.tab, id)) return flash(`${ACTION_NOUN[id]} of ${tab.view.title.toLowerCase()} is not available here`);
  const chosen = targetsOf(state, tab, action);
  if (chosen.length === 0) return flash(`No ${tab.view.singular} selected to ${id}`);
  return { state: uiReducer(state, { type: 'openConfirm', kind: state.tab, action: id, targets: chosen.map(action.target), dialog: INITIAL_DIALOG_STATE }), effects: [] };
}

/** What a message calls an action. */
const ACTION_NOUN: Record<ActionId, string> = { delete: 'Deletion' };

/** `Deletion is for pods only: switch to Pods (3) to delete`: where the action is, since it is not here. */
function notHere(id: ActionId, view: ResourceView<AnyRow>): string {
  const where = RESOURCE_KINDS.filter((kind) => VIEWS[kind].actions.some((declared) => declared.id === id));
  if (where.length === 0) return `${view.title} cannot ${id}`;
  const names = where.map((kind) => VIEWS[kind].title.toLowerCase()).join(', ');
  const first = where[0]!;
  return `${ACTION_NOUN[id]} is for ${names} only: switch to ${VIEWS[first].title} (${RESOURCE_KINDS.indexOf(first) + 1}) to ${id}`;
}

/** The marked resources in the order the table shows them (marked ones the filter now hides last, still listed), or the selected one. */
function targetsOf(state: UiState, tab: TabContext, action: ResourceAction<AnyRow>): readonly AnyRow[] {
  const { view } = tab;
  if (action.multiple && state.marked.size > 0) {
    const shownOrder = new Map(tab.rows.map((row, index) => [view.getId(row), index]));
    const at = (row: AnyRow): number => shownOrder.get(view.getId(row)) ?? Infinity;
    return tab.items.filter((row) => state.marked.has(view.getId(row))).sort((a, b) => at(a) - at(b));
  }
  return tab.items.filter((row) => view.getId(row) === tab.selectedId && !tab.ghostIds.has(tab.selectedId));
}

function confirmKey(state: UiState, input: string, key: Key, env: KeyEnvironment): KeyResult {
  const overlay = state.overlay;
  if (overlay.type !== 'confirm') return { state, effects: [] };
  const result = dialogKey(overlay.dialog, input, key, overlay.targets.length, dialogPageSize(env.bodyHeight, overlay.targets.length));
  if ('state' in result) return { state: uiReducer(state, { type: 'updateConfirm', dialog: result.state }), effects: [] };
  const closed = uiReducer(state, { type: 'closeOverlay' });
  if (result.action === 'cancel') return { state: closed, effects: [] };
  return { state: uiReducer(closed, { type: 'clearMarks' }), effects: [{ type: 'run', kind: overlay.kind, action: overlay.action, targets: overlay.targets }] };
}

function filterKey(state: UiState, input: string, key: Key, view: ResourceView<AnyRow>): KeyResult {
  const overlay = state.overlay;
  if (overlay.type !== 'filter') return { state, effects: [] };
  const result = promptKey(overlay.draft, input, key);
  if ('draft' in result) return { state: uiReducer(state, { type: 'editFilter', draft: result.draft }), effects: [] };
  if (result.action === 'cancel') return { state: uiReducer(state, { type: 'closeOverlay' }), effects: [] };
  // An unusable filter stays in the prompt, its reason under it.
  const { filter } = filterFor(overlay.draft, view);
  return { state: filter ? uiReducer(state, { type: 'applyFilter', tab: state.tab, filter }) : state, effects: [] };
}
