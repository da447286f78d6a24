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
import {
  isDeleteAction,
  type ActionId,
  type ActionTarget,
  type CopyText,
  type DeleteAction,
  type NameOf,
  type ResourceAction,
  type SshAction,
} from '../views/actions.js';
import { RESOURCE_KINDS, VIEWS, viewFor, type AnyRow, type ResourceKind, type ResourceView } from '../views/index.js';
import { dialogKey, dialogPageSize, INITIAL_DIALOG_STATE, TYPED_DIALOG_STATE } from '../ui/ConfirmDialog.js';
import { detailPageSize } from '../ui/DetailPane.js';
import { promptKey } from '../ui/FilterPrompt.js';
import { completions, parseCommand, type Command } from '../input/command-line.js';
import { helpPageSize } from '../ui/HelpOverlay.js';
import { logPageSize } from '../ui/LogsPane.js';
import { EMPTY_FILTER, filterFor } from '../filter/index.js';
import {
  DEFAULT_KEYMAP,
  helpRows,
  keyHint,
  keyToAction,
  withKey,
  type Action,
  type BindingName,
  type KeyMap,
  type Mode,
} from '../input/bindings.js';
import { uiReducer, type CommandOverlay, type LogsOverlay, type UiEvent, type UiState } from '../model/ui-state.js';

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
  /** Another resource's name, for a message (the pod a disk is attached to). */
  nameOf: NameOf;
  /** The lines of the open log pane, numbered from `first` (LogBuffer), or null before any arrive. */
  log(state: UiState): { lines: readonly string[]; first: number } | null;
  /** What `:team` and `:ctx` complete from: the user's teams (by name) and the saved contexts. */
  accounts: { teams: readonly string[]; contexts: readonly string[] };
  /** The keys in force (the config file's over the defaults); the defaults when absent. */
  keymap?: KeyMap;
}

export type Tone = 'info' | 'success' | 'error';

export type Effect =
  | { type: 'quit' }
  | { type: 'refresh'; kind: ResourceKind }
  | { type: 'flash'; text: string; tone: Tone }
  | { type: 'run'; kind: ResourceKind; action: ActionId; targets: readonly ActionTarget[] }
  /** Hand the terminal to `ssh` for this connection (`user@host -p port`) until it exits. */
  | { type: 'ssh'; connection: string; name: string }
  | { type: 'copy'; text: CopyText }
  /** Poll another Prime team (null: the personal account), or another saved context, from scratch. */
  | { type: 'switchTeam'; name: string | null }
  | { type: 'switchContext'; name: string };

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
  const action = keyToAction(input, key, mode, view, env.keymap ?? DEFAULT_KEYMAP);
  if (action?.type === 'quit') return { state, effects: [{ type: 'quit' }] };
  if (state.overlay.type === 'confirm') return confirmKey(state, input, key, env);
  if (state.overlay.type === 'filter') return filterKey(state, input, key, view);
  if (state.overlay.type === 'command') return commandKey(state, state.overlay, input, key, env);
  if (state.overlay.type === 'choose') return chooseKey(state, input, key);
  if (state.overlay.type === 'logs') return logsKey(state, state.overlay, input, key, action, env);
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
    case 'openCommand':
      return next({ type: 'openCommand' });
    case 'clearFilter':
      return state.tabs[state.tab].filter.terms.length > 0
        ? next({ type: 'applyFilter', tab: state.tab, filter: EMPTY_FILTER })
        : next();
    case 'toggleShowGone':
      return {
        state: uiReducer(state, { type: 'toggleShowGone' }),
        effects: [
          {
            type: 'flash',
            text: state.showGone
              ? 'Hiding terminated and deleted resources'
              : `Showing terminated and deleted resources${withKey(keymapOf(env), 'toggleAll', (key) => ` (${key} hides them)`)}`,
            tone: 'info',
          },
        ],
      };
    case 'toggleMark': {
      const tab = env.tab(state);
      if (!tab.view.actions.some((declared) => declared.multiple))
        return flash(`Marks are for acting on several at once, which ${tab.view.title} has no action for`);
      return tab.selectedId && !tab.ghostIds.has(tab.selectedId)
        ? next({ type: 'toggleMark', id: tab.selectedId })
        : next();
    }
    case 'resourceAction':
      return openAction(state, action.id, env);
    case 'toggleEvents':
      return next({ type: 'toggleEvents' });
    case 'scrollEvents':
      return next({ type: 'scrollEvents', delta: action.delta, max: env.eventCount - 1 });
    case 'logs':
      // Only in the log pane (logsKey).
      return next();
  }
}

function move(state: UiState, to: Extract<Action, { type: 'move' }>['move'], env: KeyEnvironment): KeyResult {
  const step = (pageSize: number): number =>
    ({ up: -1, down: 1, pageUp: -pageSize, pageDown: pageSize, top: -Infinity, bottom: Infinity })[to];
  if (state.overlay.type === 'help') {
    const pageSize = helpPageSize(env.bodyHeight);
    const count = helpRows(viewFor(state.tab), env.keymap ?? DEFAULT_KEYMAP).length;
    return {
      state: uiReducer(state, { type: 'scrollHelp', delta: step(pageSize), max: Math.max(0, count - pageSize) }),
      effects: [],
    };
  }
  if (state.overlay.type === 'detail') {
    const pageSize = detailPageSize(env.bodyHeight);
    return {
      state: uiReducer(state, {
        type: 'scrollDetail',
        delta: step(pageSize),
        max: Math.max(0, env.detailEntries(state) - pageSize),
      }),
      effects: [],
    };
  }
  const tab = env.tab(state);
  const event: UiEvent = {
    type: 'moveSelection',
    tab: state.tab,
    from: tab.selectedId,
    move: to,
    rows: tab.rows,
    getId: tab.view.getId,
    pageSize: env.bodyHeight - 1,
  };
  return { state: uiReducer(state, event), effects: [] };
}

/** Carries out one of the view's actions on the marked resources, or the selected one: a dialog, a pane, a hand-over or a copy. */
function openAction(state: UiState, id: ActionId, env: KeyEnvironment): KeyResult {
  const flash = (text: string, tone: Tone = 'info'): KeyResult => ({ state, effects: [{ type: 'flash', text, tone }] });
  const tab = env.tab(state);
  const { view } = tab;
  const action = view.actions.find((declared) => declared.id === id);
  if (!action) return flash(notHere(id, view, keymapOf(env)));
  if (action.destructive && env.readOnly)
    return flash(`${ACTION_WORDS[id].noun} is disabled: cloudtop was started with --read-only`);
  if (!env.canRun(state.tab, id))
    return flash(`${ACTION_WORDS[id].noun} of ${view.title.toLowerCase()} is not available here`);
  if (isDeleteAction(action)) return openDelete(state, tab, action, env);
  const row = targetsOf(state, tab, { ...action, multiple: false })[0];
  if (!row) return flash(`No ${view.singular} selected to ${ACTION_WORDS[id].verb}`);
  switch (action.id) {
    case 'ssh':
      return openSsh(state, tab, action, row);
    case 'logs':
      return {
        state: uiReducer(state, { type: 'openLogs', kind: state.tab, id: view.getId(row), name: view.getName(row) }),
        effects: [],
      };
    case 'copy':
    case 'copyId':
      return { state, effects: [{ type: 'copy', text: action.copy(row) }] };
  }
}

/** The confirm dialog, once no target is refused (a disk still attached); a dialog that asks for the name when the action wants it typed. */
function openDelete(state: UiState, tab: TabContext, action: DeleteAction<AnyRow>, env: KeyEnvironment): KeyResult {
  const chosen = targetsOf(state, tab, action);
  if (chosen.length === 0)
    return { state, effects: [{ type: 'flash', text: `No ${tab.view.singular} selected to delete`, tone: 'info' }] };
  for (const row of chosen) {
    const refused = action.refusal?.(row, env.nameOf);
    if (refused) return { state, effects: [{ type: 'flash', text: refused, tone: 'error' }] };
  }
  const dialog = action.typeNameToConfirm && chosen.length === 1 ? TYPED_DIALOG_STATE : INITIAL_DIALOG_STATE;
  return {
    state: uiReducer(state, {
      type: 'openConfirm',
      kind: state.tab,
      action: 'delete',
      targets: chosen.map(action.target),
      dialog,
    }),
    effects: [],
  };
}

/** Straight to ssh with one connection; a choice with several (a multi-node pod), as `prime pods ssh` asks. */
function openSsh(state: UiState, tab: TabContext, action: SshAction<AnyRow>, row: AnyRow): KeyResult {
  const connections = action.connections(row);
  const name = tab.view.getName(row);
  if (connections.length === 0)
    return { state, effects: [{ type: 'flash', text: action.unavailable(row), tone: 'info' }] };
  if (connections.length === 1) return { state, effects: [{ type: 'ssh', connection: connections[0]!, name }] };
  return {
    state: uiReducer(state, {
      type: 'openChoice',
      title: `SSH into ${tab.view.singular} ${name}: which node?`,
      options: connections,
      name,
    }),
    effects: [],
  };
}

const TAB_BINDINGS = {
  disks: 'tabDisks',
  sandboxes: 'tabSandboxes',
  pods: 'tabPods',
  nodes: 'tabNodes',
  history: 'tabHistory',
} as const satisfies Record<ResourceKind, BindingName>;

function keymapOf(env: KeyEnvironment): KeyMap {
  return env.keymap ?? DEFAULT_KEYMAP;
}

/** What messages call an action, and what doing it is. */
const ACTION_WORDS: Record<ActionId, { noun: string; verb: string }> = {
  delete: { noun: 'Deletion', verb: 'delete' },
  ssh: { noun: 'SSH', verb: 'ssh into' },
  logs: { noun: 'Reading logs', verb: 'read the logs of' },
  copy: { noun: 'Copying', verb: 'copy' },
  copyId: { noun: 'Copying the id', verb: 'copy' },
};

/** `Deletion is for pods only: switch to Pods (3) to delete`: where the action is, since it is not here. */
function notHere(id: ActionId, view: ResourceView<AnyRow>, keymap: KeyMap): string {
  const where = RESOURCE_KINDS.filter((kind) => VIEWS[kind].actions.some((declared) => declared.id === id));
  if (where.length === 0) return `${view.title} cannot ${ACTION_WORDS[id].verb} anything`;
  const names = where.map((kind) => VIEWS[kind].title.toLowerCase()).join(', ');
  const first = where[0]!;
  const tabKey = keyHint(keymap, TAB_BINDINGS[first]);
  return `${ACTION_WORDS[id].noun} is for ${names} only: switch to ${VIEWS[first].title}${tabKey ? ` (${tabKey})` : ''} to ${ACTION_WORDS[id].verb}`;
}

/** The marked resources in the order the table shows them (marked ones the filter now hides last, still listed), or the selected one. */
function targetsOf(
  state: UiState,
  tab: TabContext,
  action: Pick<ResourceAction<AnyRow>, 'multiple'>,
): readonly AnyRow[] {
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
  const result = dialogKey(
    overlay.dialog,
    input,
    key,
    overlay.targets.length,
    dialogPageSize(env.bodyHeight, overlay.targets.length),
    overlay.targets[0]?.name,
  );
  if ('state' in result)
    return { state: uiReducer(state, { type: 'updateConfirm', dialog: result.state }), effects: [] };
  const closed = uiReducer(state, { type: 'closeOverlay' });
  if (result.action === 'cancel') return { state: closed, effects: [] };
  return {
    state: uiReducer(closed, { type: 'clearMarks' }),
    effects: [{ type: 'run', kind: overlay.kind, action: overlay.action, targets: overlay.targets }],
  };
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

/** The node choice: ↑↓ (k j) and Enter, or the node's number; Esc or q goes back. */
function chooseKey(state: UiState, input: string, key: Key): KeyResult {
  const overlay = state.overlay;
  if (overlay.type !== 'choose' || key.eventType === 'release') return { state, effects: [] };
  const take = (index: number): KeyResult => {
    const connection = overlay.options[index];
    const closed = uiReducer(state, { type: 'closeOverlay' });
    return connection === undefined
      ? { state, effects: [] }
      : { state: closed, effects: [{ type: 'ssh', connection, name: overlay.name }] };
  };
  if (key.escape || input === 'q') return { state: uiReducer(state, { type: 'closeOverlay' }), effects: [] };
  if (key.return) return take(overlay.selected);
  if (key.upArrow || input === 'k') return { state: uiReducer(state, { type: 'moveChoice', delta: -1 }), effects: [] };
  if (key.downArrow || input === 'j') return { state: uiReducer(state, { type: 'moveChoice', delta: 1 }), effects: [] };
  if (/^[1-9]$/.test(input)) return take(Number(input) - 1);
  return { state, effects: [] };
}

/**
 * The log pane. Scrolling moves the top line (by its number, so it stays put
 * while new lines arrive below); reaching the bottom keeps the newest lines
 * in view again. While the search prompt is open it takes the keys.
 */
function logsKey(
  state: UiState,
  overlay: LogsOverlay,
  input: string,
  key: Key,
  action: Action | null,
  env: KeyEnvironment,
): KeyResult {
  const update = (change: Partial<LogsOverlay>): KeyResult => ({
    state: uiReducer(state, { type: 'updateLogs', change }),
    effects: [],
  });
  const log = env.log(state) ?? { lines: [], first: 0 };
  const pageSize = logPageSize(env.bodyHeight);
  if (overlay.searching !== null) {
    const result = promptKey(overlay.searching, input, key);
    if ('draft' in result) return update({ searching: result.draft });
    if (result.action === 'cancel') return update({ searching: null });
    const search = overlay.searching.trim();
    if (search === '') return update({ searching: null, search: '', match: null });
    return findMatch(state, { ...overlay, searching: null, search, match: null }, 'older', log, pageSize);
  }
  switch (action?.type) {
    case 'close':
      return { state: uiReducer(state, { type: 'closeOverlay' }), effects: [] };
    case 'move':
      return update({ top: scrolledTop(overlay.top, action.move, log, pageSize) });
    case 'logs':
      switch (action.command) {
        case 'follow':
          // Following again brings the newest lines into view.
          return update(overlay.follow ? { follow: false } : { follow: true, top: null });
        case 'wrap':
          return update({ wrap: !overlay.wrap });
        case 'search':
          return update({ searching: '' });
        case 'next':
        case 'previous':
          if (overlay.search === '')
            return {
              state,
              effects: [
                {
                  type: 'flash',
                  text: `Nothing to find yet${withKey(keymapOf(env), 'logSearch', (key) => `: ${key} searches the log`)}`,
                  tone: 'info',
                },
              ],
            };
          return findMatch(state, overlay, action.command === 'next' ? 'older' : 'newer', log, pageSize);
      }
      break;
    default:
      break;
  }
  return { state, effects: [] };
}

type LogWindow = { lines: readonly string[]; first: number };

/** Where the top line goes after a move; null when the newest lines come into view. */
function scrolledTop(
  top: number | null,
  move: Extract<Action, { type: 'move' }>['move'],
  log: LogWindow,
  pageSize: number,
): number | null {
  const end = log.first + log.lines.length;
  const bottomTop = Math.max(log.first, end - pageSize);
  const from = top === null ? bottomTop : Math.min(Math.max(top, log.first), bottomTop);
  const to = from + { up: -1, down: 1, pageUp: -pageSize, pageDown: pageSize, top: -Infinity, bottom: Infinity }[move];
  return to >= bottomTop ? null : Math.max(log.first, to);
}

/** The next line, older or newer than the last match (or than the newest line), that contains the search; brought into view. */
function findMatch(
  state: UiState,
  overlay: LogsOverlay,
  direction: 'older' | 'newer',
  log: LogWindow,
  pageSize: number,
): KeyResult {
  const end = log.first + log.lines.length;
  const needle = overlay.search.toLowerCase();
  const step = direction === 'older' ? -1 : 1;
  const from = overlay.match ?? end;
  for (let number = from + step; number >= log.first && number < end; number += step) {
    if (!log.lines[number - log.first]!.toLowerCase().includes(needle)) continue;
    const bottomTop = Math.max(log.first, end - pageSize);
    const shownFrom = overlay.top === null ? bottomTop : overlay.top;
    // A match already on screen moves the marker only; another is brought to mid-pane.
    const centred = Math.max(log.first, number - Math.floor(pageSize / 2));
    const top =
      number >= shownFrom && number < shownFrom + pageSize ? overlay.top : centred >= bottomTop ? null : centred;
    const change = { searching: null, search: overlay.search, match: number, top };
    return { state: uiReducer(state, { type: 'updateLogs', change }), effects: [] };
  }
  const closed = uiReducer(state, {
    type: 'updateLogs',
    change: { searching: null, search: overlay.search, match: overlay.match },
  });
  return {
    state: closed,
    effects: [
      {
        type: 'flash',
        text: `No ${overlay.match === null ? '' : `${direction} `}line contains "${overlay.search}"`,
        tone: 'info',
      },
    ],
  };
}

/**
 * The `:` prompt: line editing, Tab to complete (again for the next
 * candidate), ↑ ↓ through the lines run before, Enter to run, Esc to leave.
 */
function commandKey(state: UiState, overlay: CommandOverlay, input: string, key: Key, env: KeyEnvironment): KeyResult {
  const edit = (change: Partial<Omit<CommandOverlay, 'type'>>): KeyResult => ({
    state: uiReducer(state, { type: 'editCommand', change }),
    effects: [],
  });
  if (key.tab) {
    const { completing } = overlay;
    if (completing && completing.candidates[completing.index] === overlay.draft) {
      const index =
        (completing.index + (key.shift ? completing.candidates.length - 1 : 1)) % completing.candidates.length;
      return edit({ draft: completing.candidates[index]!, completing: { ...completing, index } });
    }
    const columns = viewFor(state.tab)
      .columns({ now: 0 })
      .map((column) => column.id);
    const candidates = completions(overlay.draft, { ...env.accounts, columns });
    if (candidates.length === 0) return edit({ completing: null });
    return edit({ draft: candidates[0]!, completing: { candidates, index: 0 } });
  }
  if (key.upArrow || key.downArrow) {
    const history = state.commandHistory;
    const back = (overlay.recalled ?? -1) + (key.upArrow ? 1 : -1);
    if (back < 0) return edit({ draft: '', recalled: null, completing: null });
    if (back >= history.length) return { state, effects: [] };
    return edit({ draft: history[history.length - 1 - back]!, recalled: back, completing: null });
  }
  const result = promptKey(overlay.draft, input, key);
  if ('draft' in result)
    return result.draft === overlay.draft
      ? { state, effects: [] }
      : edit({ draft: result.draft, recalled: null, completing: null });
  if (result.action === 'cancel') return { state: uiReducer(state, { type: 'closeOverlay' }), effects: [] };
  const parsed = parseCommand(overlay.draft);
  if (!parsed.ok)
    return {
      state: uiReducer(state, { type: 'closeOverlay' }),
      effects: [{ type: 'flash', text: parsed.error, tone: 'error' }],
    };
  return runCommand(uiReducer(state, { type: 'ranCommand', line: overlay.draft }), parsed.command);
}

/** What a command does; one that cannot apply says why in one line and changes nothing else. */
function runCommand(state: UiState, command: Command): KeyResult {
  const view = viewFor(state.tab);
  const refuse = (text: string): KeyResult => ({ state, effects: [{ type: 'flash', text, tone: 'error' }] });
  switch (command.type) {
    case 'tab':
      return { state: uiReducer(state, { type: 'switchTab', tab: command.kind }), effects: [] };
    case 'filter': {
      const parsed = filterFor(command.text, view);
      if (parsed.filter === undefined) return refuse(`:filter: ${parsed.error}`);
      return { state: uiReducer(state, { type: 'applyFilter', tab: state.tab, filter: parsed.filter }), effects: [] };
    }
    case 'sort': {
      const wanted = command.column.toLowerCase();
      const columns = view.columns({ now: 0 });
      const column = columns.find((candidate) => candidate.id === wanted || candidate.title.toLowerCase() === wanted);
      if (!column)
        return refuse(
          `:sort: ${view.title} has no column ${command.column} (${columns.map((candidate) => candidate.id).join(', ')})`,
        );
      return {
        state: uiReducer(state, {
          type: 'setSort',
          tab: state.tab,
          sort: { columnId: column.id, descending: command.descending ?? false },
        }),
        effects: [],
      };
    }
    case 'help':
      return { state: uiReducer(state, { type: 'toggleHelp' }), effects: [] };
    case 'quit':
      return { state, effects: [{ type: 'quit' }] };
    case 'team':
      return { state, effects: [{ type: 'switchTeam', name: command.name }] };
    case 'ctx':
      return { state, effects: [{ type: 'switchContext', name: command.name }] };
  }
}
