/**
 * The shell's UI state and its transitions. Selection, sort and filter are
 * kept per tab, by resource id, so switching tabs or a poll re-sorting the
 * list never loses a person's place.
 */
import type { ActionId, ActionTarget } from '../views/actions.js';
import { RESOURCE_KINDS, type ResourceKind } from '../views/resource.js';
import { VIEWS, type AnyRow } from '../views/index.js';
import { moveSelection, type SelectionMove } from '../views/table/selection.js';
import type { DialogState } from '../ui/ConfirmDialog.js';
import { remember } from '../input/command-line.js';
import { EMPTY_FILTER, type FilterExpression } from '../filter/index.js';

export interface SortState {
  columnId: string;
  descending: boolean;
}

export interface TabState {
  selectedId: string | null;
  sort: SortState;
  /** The applied filter (what the list and the server query use). */
  filter: FilterExpression;
}

export type Overlay =
  | { type: 'none' }
  | { type: 'detail'; id: string; offset: number }
  | { type: 'help'; offset: number }
  /** Targets are captured when the dialog opens: later polls never change what the action acts on. */
  | { type: 'confirm'; kind: ResourceKind; action: ActionId; targets: readonly ActionTarget[]; dialog: DialogState }
  /** `draft` is what is being typed; the list narrows to it live, but only Enter applies it. */
  | { type: 'filter'; draft: string }
  | CommandOverlay
  /** A choice among several (a multi-node pod's SSH connections); Enter takes the selected one. */
  | { type: 'choose'; title: string; options: readonly string[]; selected: number; name: string }
  | LogsOverlay;

/** The `:` prompt (commands.ts). */
export interface CommandOverlay {
  type: 'command';
  draft: string;
  /** Which remembered line ↑ ↓ show, counted back from the newest (0); null while typing. */
  recalled: number | null;
  /** The candidates Tab cycles through, and which one the draft shows. */
  completing: { candidates: readonly string[]; index: number } | null;
}

/** A resource's log, full screen. The lines themselves are the dashboard's (log-buffer.ts); this is how they are viewed. */
export interface LogsOverlay {
  type: 'logs';
  kind: ResourceKind;
  id: string;
  name: string;
  /** Polling for new lines at the poll interval. */
  follow: boolean;
  /** Long lines wrapped rather than cut. */
  wrap: boolean;
  /** The line (by its number in the log buffer) at the top of the pane, or null to keep the newest lines in view. */
  top: number | null;
  /** What `n` and `N` look for; '' for nothing. */
  search: string;
  /** The line `n` and `N` last found, by its number. */
  match: number | null;
  /** The search being typed, while its prompt is open. */
  searching: string | null;
}

export interface UiState {
  tab: ResourceKind;
  tabs: Record<ResourceKind, TabState>;
  overlay: Overlay;
  paused: boolean;
  /** Show terminated / deleted resources (hidden by default). */
  showGone: boolean;
  /** Resources of the current tab marked for an action on several, by id. */
  marked: ReadonlySet<string>;
  events: { open: boolean; offset: number };
  /** Command lines run, oldest first (kept across runs, bounded: commands.ts). */
  commandHistory: readonly string[];
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
  /** `from`: the selection as shown (reconciled with the rows), where the move starts. */
  | {
      type: 'moveSelection';
      tab: ResourceKind;
      from: string | null;
      move: SelectionMove;
      rows: readonly AnyRow[];
      getId: (row: AnyRow) => string;
      pageSize: number;
    }
  | { type: 'cycleSort'; tab: ResourceKind; columnIds: readonly string[] }
  | { type: 'reverseSort'; tab: ResourceKind }
  | { type: 'openDetail'; id: string }
  | { type: 'scrollDetail'; delta: number; max: number }
  | { type: 'toggleHelp' }
  | { type: 'scrollHelp'; delta: number; max: number }
  | { type: 'closeOverlay' }
  | { type: 'togglePause' }
  | { type: 'toggleShowGone' }
  | { type: 'toggleMark'; id: string }
  | { type: 'clearMarks' }
  | { type: 'openConfirm'; kind: ResourceKind; action: ActionId; targets: readonly ActionTarget[]; dialog: DialogState }
  | { type: 'updateConfirm'; dialog: DialogState }
  | { type: 'openFilter' }
  | { type: 'editFilter'; draft: string }
  | { type: 'applyFilter'; tab: ResourceKind; filter: FilterExpression }
  | { type: 'toggleEvents' }
  | { type: 'scrollEvents'; delta: number; max: number }
  | { type: 'openChoice'; title: string; options: readonly string[]; name: string }
  | { type: 'moveChoice'; delta: number }
  | { type: 'openLogs'; kind: ResourceKind; id: string; name: string }
  /** Any change to an open log pane's view: scrolling, following, wrapping, searching. */
  | { type: 'updateLogs'; change: Partial<Omit<LogsOverlay, 'type' | 'kind' | 'id' | 'name'>> }
  | { type: 'openCommand' }
  | { type: 'editCommand'; change: Partial<Omit<CommandOverlay, 'type'>> }
  /** A command line that ran: remembered, and the prompt closed. */
  | { type: 'ranCommand'; line: string }
  | { type: 'setSort'; tab: ResourceKind; sort: SortState }
  /** The account changed (another team or context): what referred to the old one's resources goes. */
  | { type: 'switchAccount' };

/** A tab's sort and filter at start, where the config file's `views` set them. */
export type TabStarts = Partial<Record<ResourceKind, { sort?: SortState; filter?: FilterExpression }>>;

export interface InitialUi {
  tab: ResourceKind;
  /** The start tab's filter (`--filter`): over a remembered one and the tab's own start filter. */
  filter?: FilterExpression;
  showGone?: boolean;
  /** Each tab's sort and filter to start with, from the config file. */
  tabs?: TabStarts;
  /** What the last run left (remembered.ts): each tab's sort and filter (over the config file's), the events panel, the command history. */
  remembered?: Remembered;
}

/** The part of the UI state kept between runs. */
export interface Remembered {
  tabs?: Partial<Record<ResourceKind, { sort?: SortState | undefined; filter?: FilterExpression | undefined }>>;
  eventsOpen?: boolean;
  commandHistory?: readonly string[];
}

export function initialUiState({
  tab,
  filter,
  showGone = false,
  tabs: starts = {},
  remembered = {},
}: InitialUi): UiState {
  const tabs = {} as Record<ResourceKind, TabState>;
  for (const kind of RESOURCE_KINDS) {
    const start = starts[kind];
    const kept = remembered.tabs?.[kind];
    tabs[kind] = {
      selectedId: null,
      sort: { ...(kept?.sort ?? start?.sort ?? VIEWS[kind].defaultSort) },
      filter: (kind === tab ? filter : undefined) ?? kept?.filter ?? start?.filter ?? EMPTY_FILTER,
    };
  }
  return {
    tab,
    tabs,
    overlay: { type: 'none' },
    paused: false,
    showGone,
    marked: new Set(),
    events: { open: remembered.eventsOpen ?? false, offset: 0 },
    commandHistory: remembered.commandHistory ?? [],
  };
}

export function uiReducer(state: UiState, event: UiEvent): UiState {
  switch (event.type) {
    case 'switchTab':
      return event.tab === state.tab ? state : leaveTab(state, event.tab);
    case 'stepTab':
      return leaveTab(state, tabAfter(state.tab, event.step));
    case 'select':
      return withTab(state, event.tab, { selectedId: event.id });
    case 'moveSelection':
      return withTab(state, event.tab, {
        selectedId: moveSelection(event.rows, event.getId, event.from, event.move, event.pageSize),
      });
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
      return {
        ...state,
        overlay: { ...state.overlay, offset: clamp(state.overlay.offset + event.delta, 0, event.max) },
      };
    case 'toggleHelp':
      return { ...state, overlay: state.overlay.type === 'help' ? { type: 'none' } : { type: 'help', offset: 0 } };
    case 'scrollHelp':
      if (state.overlay.type !== 'help') return state;
      return { ...state, overlay: { type: 'help', offset: clamp(state.overlay.offset + event.delta, 0, event.max) } };
    case 'closeOverlay':
      return state.overlay.type === 'none' ? state : { ...state, overlay: { type: 'none' } };
    case 'togglePause':
      return { ...state, paused: !state.paused };
    case 'toggleShowGone':
      return { ...state, showGone: !state.showGone };
    case 'toggleMark': {
      const marked = new Set(state.marked);
      if (!marked.delete(event.id)) marked.add(event.id);
      return { ...state, marked };
    }
    case 'clearMarks':
      return state.marked.size === 0 ? state : { ...state, marked: new Set() };
    case 'openConfirm':
      return {
        ...state,
        overlay: {
          type: 'confirm',
          kind: event.kind,
          action: event.action,
          targets: event.targets,
          dialog: event.dialog,
        },
      };
    case 'updateConfirm':
      return state.overlay.type === 'confirm'
        ? { ...state, overlay: { ...state.overlay, dialog: event.dialog } }
        : state;
    case 'openFilter':
      return { ...state, overlay: { type: 'filter', draft: state.tabs[state.tab].filter.source } };
    case 'editFilter':
      return state.overlay.type === 'filter' ? { ...state, overlay: { type: 'filter', draft: event.draft } } : state;
    case 'applyFilter':
      return { ...withTab(state, event.tab, { filter: event.filter }), overlay: { type: 'none' } };
    case 'toggleEvents':
      return { ...state, events: { open: !state.events.open, offset: 0 } };
    case 'scrollEvents':
      return { ...state, events: { ...state.events, offset: clamp(state.events.offset + event.delta, 0, event.max) } };
    case 'openChoice':
      return {
        ...state,
        overlay: { type: 'choose', title: event.title, options: event.options, selected: 0, name: event.name },
      };
    case 'moveChoice':
      if (state.overlay.type !== 'choose') return state;
      return {
        ...state,
        overlay: {
          ...state.overlay,
          selected: clamp(state.overlay.selected + event.delta, 0, state.overlay.options.length - 1),
        },
      };
    case 'openLogs':
      return {
        ...state,
        overlay: {
          type: 'logs',
          kind: event.kind,
          id: event.id,
          name: event.name,
          follow: true,
          wrap: false,
          top: null,
          search: '',
          match: null,
          searching: null,
        },
      };
    case 'updateLogs':
      return state.overlay.type === 'logs' ? { ...state, overlay: { ...state.overlay, ...event.change } } : state;
    case 'openCommand':
      return { ...state, overlay: { type: 'command', draft: '', recalled: null, completing: null } };
    case 'editCommand':
      return state.overlay.type === 'command' ? { ...state, overlay: { ...state.overlay, ...event.change } } : state;
    case 'ranCommand':
      return {
        ...state,
        overlay: state.overlay.type === 'command' ? { type: 'none' } : state.overlay,
        commandHistory: remember(state.commandHistory, event.line),
      };
    case 'setSort':
      return withTab(state, event.tab, { sort: event.sort });
    case 'switchAccount': {
      const tabs = { ...state.tabs };
      for (const kind of RESOURCE_KINDS) tabs[kind] = { ...tabs[kind], selectedId: null };
      return { ...state, tabs, overlay: { type: 'none' }, marked: new Set() };
    }
  }
}

/** Switching tabs closes overlays; marks belong to the list they were made on and are dropped when leaving it. */
function leaveTab(state: UiState, tab: ResourceKind): UiState {
  if (tab === state.tab) return state;
  return { ...state, tab, overlay: { type: 'none' }, marked: state.marked.size === 0 ? state.marked : new Set() };
}

function withTab(state: UiState, tab: ResourceKind, change: Partial<TabState>): UiState {
  const current = state.tabs[tab];
  if (Object.entries(change).every(([key, value]) => current[key as keyof TabState] === value)) return state;
  return { ...state, tabs: { ...state.tabs, [tab]: { ...current, ...change } } };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), Math.max(min, max));
}

/** The tab after `tab`, `step` places along (wrapping). */
export function tabAfter(tab: ResourceKind, step: number): ResourceKind {
  const index = RESOURCE_KINDS.indexOf(tab);
  const count = RESOURCE_KINDS.length;
  return RESOURCE_KINDS[(((index + step) % count) + count) % count]!;
}
