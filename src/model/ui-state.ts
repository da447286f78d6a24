/**
 * The dashboard's UI state, and the changes to it that more than one
 * controller makes. Selection, sort and filter are kept per tab, by resource
 * id, so switching tabs or a poll re-sorting the list never loses a
 * person's place. Plain data and pure functions: the controllers
 * (src/controllers/) compute the next state from the state the previous key
 * left, so two keys pressed within one frame both count.
 */
import type { ActionId, ActionTarget } from '../views/actions.js';
import { RESOURCE_KINDS, VIEWS, type ResourceKind } from '../views/index.js';
import { sanitize } from '../util/text.js';
import type { Mode } from '../input/bindings.js';
import { remember, type PaneId } from '../input/command-line.js';
import { EMPTY_FILTER, type FilterExpression } from '../filter/index.js';
import { initialWatches, type WatchEntry } from './watches.js';

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

export type DialogFocus = 'cancel' | 'delete';

/** A confirm dialog's own state; what it confirms is its overlay's. */
export interface DialogState {
  focus: DialogFocus;
  /** Index of the first target shown in the list (several targets only). */
  offset: number;
  /** What has been typed of the name, in a dialog that asks for it (a disk's); null in one that does not. */
  typed: string | null;
}

/** Where every dialog starts: on Cancel, so a stray Enter does nothing destructive. */
export const INITIAL_DIALOG_STATE: DialogState = { focus: 'cancel', offset: 0, typed: null };

/** A dialog that asks for the resource's name: Delete stays disabled until it is typed exactly. */
export const TYPED_DIALOG_STATE: DialogState = { ...INITIAL_DIALOG_STATE, typed: '' };

/** The name as it must be typed: as the dialog shows it. */
export const nameToType = (name: string): string => sanitize(name);

export type Overlay =
  | { type: 'none' }
  | { type: 'detail'; id: string; offset: number }
  /** About the account rather than a row (the wallet, the key): scrolled and closed as the detail is. */
  | { type: 'pane'; pane: PaneId; offset: number }
  | { type: 'help'; offset: number }
  /** Targets are captured when the dialog opens: later polls never change what the action acts on. */
  | { type: 'confirm'; kind: ResourceKind; action: ActionId; targets: readonly ActionTarget[]; dialog: DialogState }
  /** `draft` is what is being typed; the list narrows to it live, but only Enter applies it. */
  | { type: 'filter'; draft: string }
  | CommandOverlay
  /** The events panel has the keys: ↑↓ choose an event (by its number in the story), Enter goes to its resource. */
  | { type: 'events'; seq: number | null }
  /** A choice among several (a multi-node pod's SSH connections); Enter takes the selected one. */
  | { type: 'choose'; title: string; options: readonly string[]; selected: number; name: string }
  | LogsOverlay;

/** The `:` prompt (command-line.ts). */
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
  /** A search asked for before the log had loaded: it runs when the lines arrive. */
  seeking: boolean;
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
  /** The resource marked last, where a range of marks starts (k9s's Ctrl-Space). */
  markAnchor: string | null;
  events: { open: boolean; offset: number };
  /** Command lines run, oldest first (kept across runs, bounded: command-line.ts). */
  commandHistory: readonly string[];
  /** The watches in force, saved ones first (watches.ts). */
  watches: readonly WatchEntry[];
}

/** A tab's sort and filter at start, where the config file's `views` set them. */
export type TabStarts = Partial<Record<ResourceKind, { sort?: SortState; filter?: FilterExpression }>>;

/** The part of the UI state kept between runs. */
export interface Remembered {
  tabs?: Partial<Record<ResourceKind, { sort?: SortState | undefined; filter?: FilterExpression | undefined }>>;
  eventsOpen?: boolean;
  commandHistory?: readonly string[];
  /** The watches added with `:watch` (not the config file's). */
  watches?: readonly FilterExpression[];
}

export interface InitialUi {
  tab: ResourceKind;
  /** The start tab's filter (`--filter`): over a remembered one and the tab's own start filter. */
  filter?: FilterExpression;
  showGone?: boolean;
  /** Each tab's sort and filter to start with, from the config file. */
  tabs?: TabStarts;
  /** What the last run left (remembered.ts): each tab's sort and filter (over the config file's), the events panel, the command history. */
  remembered?: Remembered;
  /** The config file's watches. */
  watches?: readonly FilterExpression[];
}

export function initialUiState({
  tab,
  filter,
  showGone = false,
  tabs: starts = {},
  remembered = {},
  watches,
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
    markAnchor: null,
    events: { open: remembered.eventsOpen ?? false, offset: 0 },
    commandHistory: remembered.commandHistory ?? [],
    watches: initialWatches(watches, remembered.watches),
  };
}

/** Where keys go: the open overlay, or the table. */
export function modeOf(state: UiState): Mode {
  const { type } = state.overlay;
  return type === 'none' ? 'table' : type === 'pane' ? 'detail' : type;
}

/** The pane open over the table, or `pane` when another (or none) is: again closes it. */
export function togglePane(state: UiState, pane: PaneId): UiState {
  return state.overlay.type === 'pane' && state.overlay.pane === pane
    ? closeOverlay(state)
    : openOverlay(state, { type: 'pane', pane, offset: 0 });
}

/** Switching tabs closes overlays; marks belong to the list they were made on and are dropped when leaving it. */
export function switchTab(state: UiState, tab: ResourceKind): UiState {
  if (tab === state.tab) return state;
  return {
    ...state,
    tab,
    overlay: { type: 'none' },
    marked: state.marked.size === 0 ? state.marked : new Set(),
    markAnchor: null,
  };
}

/** The tab after `tab`, `step` places along (wrapping). */
export function tabAfter(tab: ResourceKind, step: number): ResourceKind {
  const index = RESOURCE_KINDS.indexOf(tab);
  const count = RESOURCE_KINDS.length;
  return RESOURCE_KINDS[(((index + step) % count) + count) % count]!;
}

/** A change to one tab's selection, sort or filter; the same state when it changes nothing. */
export function withTab(state: UiState, tab: ResourceKind, change: Partial<TabState>): UiState {
  const current = state.tabs[tab];
  if (Object.entries(change).every(([key, value]) => current[key as keyof TabState] === value)) return state;
  return { ...state, tabs: { ...state.tabs, [tab]: { ...current, ...change } } };
}

/** The filter applied to a tab, which closes the prompt that typed it. */
export function applyFilter(state: UiState, tab: ResourceKind, filter: FilterExpression): UiState {
  return { ...withTab(state, tab, { filter }), overlay: { type: 'none' } };
}

export function openOverlay(state: UiState, overlay: Overlay): UiState {
  return { ...state, overlay };
}

export function closeOverlay(state: UiState): UiState {
  return state.overlay.type === 'none' ? state : { ...state, overlay: { type: 'none' } };
}

/** A change to the open overlay of this type; nothing when another is open. */
export function updateOverlay<T extends Overlay['type']>(
  state: UiState,
  type: T,
  change: Partial<Omit<Extract<Overlay, { type: T }>, 'type'>>,
): UiState {
  return state.overlay.type === type ? { ...state, overlay: { ...state.overlay, ...change } as Overlay } : state;
}

export function toggleMark(state: UiState, id: string): UiState {
  const marked = new Set(state.marked);
  if (marked.delete(id)) return { ...state, marked, markAnchor: state.markAnchor === id ? null : state.markAnchor };
  marked.add(id);
  return { ...state, marked, markAnchor: id };
}

/** Marks every one of `ids` (a range), the last of them where the next range starts. */
export function markAll(state: UiState, ids: readonly string[]): UiState {
  if (ids.length === 0) return state;
  return { ...state, marked: new Set([...state.marked, ...ids]), markAnchor: ids.at(-1)! };
}

export function clearMarks(state: UiState): UiState {
  return state.marked.size === 0 ? state : { ...state, marked: new Set(), markAnchor: null };
}

/** A command line that ran: remembered, and the prompt closed. */
export function ranCommand(state: UiState, line: string): UiState {
  const overlay: Overlay = state.overlay.type === 'command' ? { type: 'none' } : state.overlay;
  return { ...state, overlay, commandHistory: remember(state.commandHistory, line) };
}

/** The account changed (another team or context): what referred to the old one's resources goes. */
export function switchAccount(state: UiState): UiState {
  const tabs = { ...state.tabs };
  for (const kind of RESOURCE_KINDS) tabs[kind] = { ...tabs[kind], selectedId: null };
  return { ...state, tabs, overlay: { type: 'none' }, marked: new Set(), markAnchor: null };
}

/** `value + delta`, kept within 0 and `max`. */
export function scrolled(value: number, delta: number, max: number): number {
  return Math.min(Math.max(value + delta, 0), Math.max(0, max));
}
