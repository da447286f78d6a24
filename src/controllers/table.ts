/**
 * The list and what opens over it without taking every key (the detail pane
 * and the help): moving, tabs, sorting, filtering, marks, the events panel,
 * and a resource's actions (actions.ts).
 */
import { RESOURCE_KINDS, viewFor, type ResourceKind } from '../views/index.js';
import { moveSelection, type SelectionMove } from '../views/table/selection.js';
import { isMove, SORT_BINDINGS, TAB_BINDINGS, type BindingName } from '../input/bindings.js';
import type { SortRole } from '../views/table/columns.js';
import { withKey } from '../input/key-map.js';
import { EMPTY_FILTER } from '../filter/index.js';
import { detailPageSize, helpPageSize } from '../model/layout.js';
import {
  applyFilter,
  clearMarks,
  closeOverlay,
  markAll,
  openOverlay,
  scrolled,
  switchTab,
  tabAfter,
  togglePane,
  toggleMark,
  withTab,
  type UiState,
} from '../model/ui-state.js';
import { isActionId, openAction } from './actions.js';
import { flash, keymapOf, next, type Controller, type KeyEnvironment, type KeyResult } from './environment.js';

const TAB_OF = new Map<BindingName, ResourceKind>(RESOURCE_KINDS.map((kind) => [TAB_BINDINGS[kind], kind]));
const SORT_ROLE_OF = new Map<BindingName, SortRole>(
  (Object.keys(SORT_BINDINGS) as SortRole[]).map((role) => [SORT_BINDINGS[role], role]),
);

export const tableController: Controller = (state, { command }, env) => {
  if (command === null) return next(state);
  if (isMove(command)) return move(state, command, env);
  if (isActionId(command)) return openAction(state, command, env);
  const tab = TAB_OF.get(command);
  if (tab) return next(switchTab(state, tab));
  const role = SORT_ROLE_OF.get(command);
  if (role) return sortBy(state, role, env);
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
    case 'markRange':
      return markRange(state, env);
    case 'clearMarks':
      return state.marked.size === 0 ? flash(state, 'Nothing is marked') : next(clearMarks(state));
    case 'wallet':
      return next(togglePane(state, 'wallet'));
    case 'toggleEvents':
      return next({ ...state, events: { open: !state.events.open, offset: 0 } });
    case 'focusEvents': {
      if (env.events.length === 0)
        return flash(state, 'No events yet: changes appear in the events panel as polls bring them');
      const opened = { ...state, events: { open: true, offset: 0 } };
      return next(openOverlay(opened, { type: 'events', seq: env.events[0]!.seq }));
    }
    case 'eventsNewer':
    case 'eventsOlder': {
      const offset = scrolled(state.events.offset, command === 'eventsOlder' ? 1 : -1, env.events.length - 1);
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
    const count = env.helpLines(state);
    return next({
      ...state,
      overlay: { ...overlay, offset: scrolled(overlay.offset, step(pageSize), count - pageSize) },
    });
  }
  if (overlay.type === 'detail' || overlay.type === 'pane') {
    const pageSize = detailPageSize(env.bodyHeight);
    const offset = scrolled(overlay.offset, step(pageSize), env.detailLines(state) - pageSize);
    return next({ ...state, overlay: { ...overlay, offset } });
  }
  const tab = env.tab(state);
  const selectedId = moveSelection(tab.rows, tab.view.getId, tab.selectedId, to, env.bodyHeight - 1);
  return next(withTab(state, state.tab, { selectedId }));
}

/** By the tab's column of that kind (NAME, its age, …); again reverses, as k9s does. */
function sortBy(state: UiState, role: SortRole, env: KeyEnvironment): KeyResult {
  const view = viewFor(state.tab);
  const column = view.columns({ now: 0 }).find((candidate) => candidate.sortRole === role);
  if (!column) return flash(state, `${view.title} has no ${role} to sort by`);
  if (!env.tab(state).visibleColumnIds.includes(column.id)) {
    return flash(state, `The ${column.title} column is not on screen at this width`);
  }
  const { sort } = state.tabs[state.tab];
  const descending = sort.columnId === column.id ? !sort.descending : false;
  return next(withTab(state, state.tab, { sort: { columnId: column.id, descending } }));
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
  if (!tab.view.actions.some((declared) => declared.multiple)) return flash(state, noMarks(tab.view.title));
  return next(tab.selectedId && !tab.ghostIds.has(tab.selectedId) ? toggleMark(state, tab.selectedId) : state);
}

/** Every row between the one marked last and the selected one, both included, as listed now. */
function markRange(state: UiState, env: KeyEnvironment): KeyResult {
  const tab = env.tab(state);
  if (!tab.view.actions.some((declared) => declared.multiple)) return flash(state, noMarks(tab.view.title));
  const ids = tab.rows.map(tab.view.getId);
  const to = ids.indexOf(tab.selectedId ?? '');
  if (to === -1) return next(state);
  const anchored = state.markAnchor === null ? -1 : ids.indexOf(state.markAnchor);
  const from = anchored === -1 ? to : anchored;
  const range = from <= to ? ids.slice(from, to + 1) : ids.slice(to, from + 1).reverse();
  return next(
    markAll(
      state,
      range.filter((id) => !tab.ghostIds.has(id)),
    ),
  );
}

const noMarks = (title: string): string =>
  `Marks are for acting on several at once, and nothing on ${title} takes several`;
