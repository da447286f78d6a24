/**
 * The shell's UI state and its transitions. Selection and sort are kept per
 * tab, by resource id, so switching tabs or a poll re-sorting the list never
 * loses a person's place.
 */
import { RESOURCE_KINDS, type ResourceKind } from '../views/resource.js';
import { VIEWS, type AnyRow } from '../views/index.js';
import { moveSelection, type SelectionMove } from '../views/table/selection.js';

export interface SortState {
  columnId: string;
  descending: boolean;
}

export interface TabState {
  selectedId: string | null;
  sort: SortState;
}

export type Overlay = { type: 'none' } | { type: 'detail'; id: string; offset: number } | { type: 'help' };

export interface UiState {
  tab: ResourceKind;
  tabs: Record<ResourceKind, TabState>;
  overlay: Overlay;
  paused: boolean;
}

/**
 * Relative moves (next tab, one row down, reverse the sort) are computed here
 * from the current state rather than from the values a key handler saw when
 * it rendered: two keys pressed within one frame must both count.
 */
export type UiEvent =
  | { type: 'switchTab'; tab: ResourceKind }
  | { type: 'stepTab'; step: number }
  | { type: 'select'; tab: ResourceKind; id: string | null }
  | { type: 'moveSelection'; tab: ResourceKind; move: SelectionMove; rows: readonly AnyRow[]; getId: (row: AnyRow) => string; pageSize: number }
  | { type: 'cycleSort'; tab: ResourceKind; columnIds: readonly string[] }
  | { type: 'reverseSort'; tab: ResourceKind }
  | { type: 'openDetail'; id: string }
  | { type: 'scrollDetail'; delta: number; max: number }
  | { type: 'toggleHelp' }
  | { type: 'closeOverlay' }
  | { type: 'togglePause' };

export function initialUiState(tab: ResourceKind): UiState {
  const tabs = {} as Record<ResourceKind, TabState>;
  for (const kind of RESOURCE_KINDS) tabs[kind] = { selectedId: null, sort: { ...VIEWS[kind].defaultSort } };
  return { tab, tabs, overlay: { type: 'none' }, paused: false };
}

export function uiReducer(state: UiState, event: UiEvent): UiState {
  switch (event.type) {
    case 'switchTab':
      return event.tab === state.tab ? state : { ...state, tab: event.tab, overlay: { type: 'none' } };
    case 'stepTab':
      return { ...state, tab: tabAfter(state.tab, event.step), overlay: { type: 'none' } };
    case 'select':
      return withTab(state, event.tab, { selectedId: event.id });
    case 'moveSelection': {
      const current = state.tabs[event.tab].selectedId;
      return withTab(state, event.tab, { selectedId: moveSelection(event.rows, event.getId, current, event.move, event.pageSize) });
    }
    case 'cycleSort': {
      const { columnId } = state.tabs[event.tab].sort;
      const next = event.columnIds[(event.columnIds.indexOf(columnId) + 1) % event.columnIds.length];
      return next ? withTab(state, event.tab, { sort: { columnId: next, descending: false } }) : state;
    }
    case 'reverseSort': {
      const { sort } = state.tabs[event.tab];
      return withTab(state, event.tab, { sort: { ...sort, descending: !sort.descending } });
    }
    case 'openDetail':
      return { ...state, overlay: { type: 'detail', id: event.id, offset: 0 } };
    case 'scrollDetail':
      if (state.overlay.type !== 'detail') return state;
      return { ...state, overlay: { ...state.overlay, offset: Math.min(event.max, Math.max(0, state.overlay.offset + event.delta)) } };
    case 'toggleHelp':
      return { ...state, overlay: state.overlay.type === 'help' ? { type: 'none' } : { type: 'help' } };
    case 'closeOverlay':
      return state.overlay.type === 'none' ? state : { ...state, overlay: { type: 'none' } };
    case 'togglePause':
      return { ...state, paused: !state.paused };
  }
}

function withTab(state: UiState, tab: ResourceKind, change: Partial<TabState>): UiState {
  const current = state.tabs[tab];
  if (Object.entries(change).every(([key, value]) => current[key as keyof TabState] === value)) return state;
  return { ...state, tabs: { ...state.tabs, [tab]: { ...current, ...change } } };
}

/** The tab after `tab`, `step` places along (wrapping). */
export function tabAfter(tab: ResourceKind, step: number): ResourceKind {
  const index = RESOURCE_KINDS.indexOf(tab);
  const count = RESOURCE_KINDS.length;
  return RESOURCE_KINDS[(((index + step) % count) + count) % count]!;
}
