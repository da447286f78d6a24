/**
 * The list and what opens over it without taking every key (the detail pane
 * and the help): moving, tabs, sorting, filtering, marks, the events panel,
 * and a resource's actions (actions.ts).
 */
import { RESOURCE_KINDS, viewFor, type ResourceKind } from '../views/index.js';
import { moveSelection, type SelectionMove } from '../views/table/selection.js';
import { isMove, TAB_BINDINGS, type BindingName } from '../input/bindings.js';
import { helpRows, withKey } from '../input/key-map.js';
import { EMPTY_FILTER } from '../filter/index.js';
import { detailPageSize, helpPageSize } from '../model/layout.js';
import {
  applyFilter,
  closeOverlay,
  openOverlay,
  scrolled,
  switchTab,
  tabAfter,
  toggleMark,
  withTab,
  type UiState,
} from '../model/ui-state.js';
import { isActionId, openAction } from './actions.js';
import { flash, keymapOf, next, type Controller, type KeyEnvironment, type KeyResult } from './environment.js';

const TAB_OF = new Map<BindingName, ResourceKind>(RESOURCE_KINDS.map((kind) => [TAB_BINDINGS[kind], kind]));

export const tableController: Controller = (state, { command }, env) => {
  if (command === null) return next(state);
  if (isMove(command)) return move(state, command, env);
  if (isActionId(command)) return openAction(state, command, env);
  const tab = TAB_OF.get(command);
  if (tab) return next(switchTab(state, tab));
  switch (command) {
    case 'nextTab':
    case 'previousTab':
      return next(switchTab(state, tabAfter(state.tab, command === 'nextTab' ? 1 : -1)));
    case 'details': {
      const selected = env.tab(state).selectedId;
      return next(selected ? openOverlay(state, { type: 'detail', id: selected, offset: 0 }) : state);
    }
    case 'close':
      return next(closeOverlay(state));
    case 'help':
      return next(
        state.overlay.type === 'help' ? closeOverlay(state) : openOverlay(state, { type: 'help', offset: 0 }),
      );
    case 'sort':
      return next(cycleSort(state, env));
    case 'reverseSort': {
      const { sort } = state.tabs[state.tab];
      return next(withTab(state, state.tab, { sort: { ...sort, descending: !sort.descending } }));
    }
    case 'refresh':
      return { state, effects: [{ type: 'refresh', kind: state.tab }] };
    case 'togglePause':
      return next({ ...state, paused: !state.paused });
    case 'filter':
      return next(openOverlay(state, { type: 'filter', draft: state.tabs[state.tab].filter.source }));
    case 'command':
      return next(openOverlay(state, { type: 'command', draft: '', recalled: null, completing: null }));
    case 'clearFilter':
      return next(state.tabs[state.tab].filter.terms.length > 0 ? applyFilter(state, state.tab, EMPTY_FILTER) : state);
    case 'toggleAll': {
      const hides = withKey(keymapOf(env), 'toggleAll', (key) => ` (${key} hides them)`);
      const text = state.showGone
        ? 'Hiding terminated and deleted resources'
        : `Showing terminated and deleted resources${hides}`;
      return flash({ ...state, showGone: !state.showGone }, text);
    }
    case 'mark':
      return mark(state, env);
    case 'toggleEvents':
      return next({ ...state, events: { open: !state.events.open, offset: 0 } });
    case 'eventsNewer':
    case 'eventsOlder': {
      const offset = scrolled(state.events.offset, command === 'eventsOlder' ? 1 : -1, env.eventCount - 1);
      return next({ ...state, events: { ...state.events, offset } });
    }
    default:
      return next(state);
  }
};

/** Down one, a page, to the end…: the selection in the table, the view in the help and the detail pane. */
function move(state: UiState, to: SelectionMove, env: KeyEnvironment): KeyResult {
  const step = (pageSize: number): number =>
    ({ up: -1, down: 1, pageUp: -pageSize, pageDown: pageSize, top: -Infinity, bottom: Infinity })[to];
  const { overlay } = state;
  if (overlay.type === 'help') {
    const pageSize = helpPageSize(env.bodyHeight);
    const count = helpRows(viewFor(state.tab), keymapOf(env)).length;
    return next({
      ...state,
      overlay: { ...overlay, offset: scrolled(overlay.offset, step(pageSize), count - pageSize) },
    });
  }
  if (overlay.type === 'detail') {
    const pageSize = detailPageSize(env.bodyHeight);
    const offset = scrolled(overlay.offset, step(pageSize), env.detailEntries(state) - pageSize);
    return next({ ...state, overlay: { ...overlay, offset } });
  }
  const tab = env.tab(state);
  const selectedId = moveSelection(tab.rows, tab.view.getId, tab.selectedId, to, env.bodyHeight - 1);
  return next(withTab(state, state.tab, { selectedId }));
}

/** The next column the person can see; sorting by a hidden one would look random. */
function cycleSort(state: UiState, env: KeyEnvironment): UiState {
  const columnIds = env.tab(state).visibleColumnIds;
  const { columnId } = state.tabs[state.tab].sort;
  const nextId = columnIds[(columnIds.indexOf(columnId) + 1) % columnIds.length];
  return nextId ? withTab(state, state.tab, { sort: { columnId: nextId, descending: false } }) : state;
}

function mark(state: UiState, env: KeyEnvironment): KeyResult {
  const tab = env.tab(state);
  if (!tab.view.actions.some((declared) => declared.multiple)) {
    return flash(state, `Marks are for acting on several at once, which ${tab.view.title} has no action for`);
  }
  return next(tab.selectedId && !tab.ghostIds.has(tab.selectedId) ? toggleMark(state, tab.selectedId) : state);
}
