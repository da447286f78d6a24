/**
 * The key map: one table of bindings drives input handling, the footer and
 * the `?` help, so they cannot disagree. The keys of a resource's actions
 * come from its view (bindingsFor), so each tab shows only what it can do.
 * Every binding has a name; the config file's `keys` may give a name other
 * keys or none (keymap.ts), and the result, a KeyMap, is passed to every
 * function here: the defaults apply where none is given.
 */
import type { Key } from 'ink';
import { COPY_ID_KEY, COPY_KEY, DELETE_KEY, LOGS_KEY, SSH_KEY, type ActionId } from '../views/actions.js';
import { RESOURCE_KINDS, VIEWS, type AnyRow, type ResourceView } from '../views/index.js';
import type { SelectionMove } from '../views/table/selection.js';
import { chordLabel, chordMatches, chordShortLabel, type Chord } from './chords.js';

export type Action =
  | { type: 'quit' }
  | { type: 'switchTab'; index: number }
  | { type: 'nextTab' }
  | { type: 'previousTab' }
  | { type: 'move'; move: SelectionMove }
  | { type: 'openDetail' }
  | { type: 'close' }
  | { type: 'cycleSort' }
  | { type: 'reverseSort' }
  | { type: 'toggleHelp' }
  | { type: 'refresh' }
  | { type: 'togglePause' }
  | { type: 'openFilter' }
  | { type: 'openCommand' }
  | { type: 'clearFilter' }
  | { type: 'toggleShowGone' }
  | { type: 'toggleMark' }
  /** One of the selected resource's actions, as its view declares it. */
  | { type: 'resourceAction'; id: ActionId }
  | { type: 'toggleEvents' }
  | { type: 'scrollEvents'; delta: number }
  /** In a log pane. */
  | { type: 'logs'; command: 'follow' | 'wrap' | 'search' | 'next' | 'previous' };

/**
 * Where keys go. `confirm`, `filter` and `choose` are modal: their own
 * handlers take every key but Ctrl-C. `logs` is the full-screen log pane.
 */
export type Mode = 'table' | 'detail' | 'help' | 'confirm' | 'filter' | 'choose' | 'logs' | 'command';

/** The name a binding goes by in the config file's `keys` (a resource action goes by its ActionId). */
export type BindingName =
  | 'up'
  | 'down'
  | 'pageUp'
  | 'pageDown'
  | 'top'
  | 'bottom'
  | 'details'
  | 'close'
  | 'filter'
  | 'command'
  | 'clearFilter'
  | 'toggleAll'
  | 'mark'
  | 'toggleEvents'
  | 'eventsNewer'
  | 'eventsOlder'
  | 'tabDisks'
  | 'tabSandboxes'
  | 'tabPods'
  | 'tabNodes'
  | 'tabHistory'
  | 'nextTab'
  | 'previousTab'
  | 'sort'
  | 'reverseSort'
  | 'refresh'
  | 'togglePause'
  | 'help'
  | 'quit'
  | 'logFollow'
  | 'logSearch'
  | 'logNext'
  | 'logPrevious'
  | 'logWrap'
  | 'logBack'
  | ActionId;

/** The keys in force for every binding name; an empty list leaves the binding unbound. */
export type KeyMap = Readonly<Record<BindingName, readonly Chord[]>>;

/** A binding as the key map declares it, before the keys in force are known. */
interface Command {
  name: BindingName;
  /** The default keys. */
  chords: readonly Chord[];
  description: string;
  /** Shown in the footer (its first key and this word) in these modes; `with`: another binding's first key goes beside it (`↑↓ move`). */
  footer?: { word: string; modes: readonly Mode[]; with?: { name: BindingName; joiner: string } };
  /** Bindings of one group share one line of the help (`1 2 3 4 5`). */
  group?: { id: string; description: string };
  action: Action;
  modes: readonly Mode[];
}

/** A binding in force: its keys, and how the footer and help show it. */
export interface Binding {
  name: BindingName | 'forceQuit';
  chords: readonly Chord[];
  /** As shown to people, e.g. `D / Ctrl-D`. */
  keys: string;
  description: string;
  footer?: { label: string; modes: readonly Mode[] };
  group?: { id: string; description: string };
  matches: (input: string, key: Key) => boolean;
  action: () => Action;
  modes: readonly Mode[];
}

const TABLE: readonly Mode[] = ['table'];
const EVERYWHERE: readonly Mode[] = ['table', 'detail', 'help'];
const LOGS: readonly Mode[] = ['logs'];
const TABLE_AND_DETAIL: readonly Mode[] = ['table', 'detail'];
/** What scrolls with ↑ ↓ PgUp PgDn. */
const SCROLLING: readonly Mode[] = [...EVERYWHERE, 'logs'];
/** Ctrl-C quits even from a modal dialog or the filter prompt: nothing there is lost by quitting. */
const ALL_MODES: readonly Mode[] = ['table', 'detail', 'help', 'confirm', 'filter', 'choose', 'logs', 'command'];

const TABS_GROUP = { id: 'tabs', description: 'Disks, Sandboxes, Pods, Nodes, History' };
const tabCommand = (name: BindingName, index: number): Command => ({
  name,
  chords: [String(index + 1)],
  description: `The ${TABS_GROUP.description.split(', ')[index]} tab`,
  ...(index === 0 ? { footer: { word: 'tabs', modes: TABLE, with: { name: 'tabHistory', joiner: '-' } } } : {}),
  group: TABS_GROUP,
  action: { type: 'switchTab', index },
  modes: TABLE_AND_DETAIL,
});
const logCommand = (
  name: BindingName,
  chord: Chord,
  description: string,
  command: Extract<Action, { type: 'logs' }>['command'],
  footer?: string,
): Command => ({
  name,
  chords: [chord],
  description,
  ...(footer ? { footer: { word: footer, modes: LOGS } } : {}),
  action: { type: 'logs', command },
  modes: LOGS,
});

/**
 * Every binding but the resource actions (which come from the views), in the
 * order the help lists them. `mark` stands where the view's actions go.
 */
const COMMANDS: readonly Command[] = [
  {
    name: 'up',
    chords: ['up', 'k'],
    description: 'Move the selection up (scroll a pane)',
    footer: { word: 'move', modes: SCROLLING, with: { name: 'down', joiner: '' } },
    action: { type: 'move', move: 'up' },
    modes: SCROLLING,
  },
  {
    name: 'down',
    chords: ['down', 'j'],
    description: 'Move the selection down (scroll a pane)',
    action: { type: 'move', move: 'down' },
    modes: SCROLLING,
  },
  {
    name: 'pageUp',
    chords: ['pgup'],
    description: 'Up a page',
    action: { type: 'move', move: 'pageUp' },
    modes: SCROLLING,
  },
  {
    name: 'pageDown',
    chords: ['pgdn'],
    description: 'Down a page',
    action: { type: 'move', move: 'pageDown' },
    modes: SCROLLING,
  },
  {
    name: 'top',
    chords: ['g', 'home'],
    description: 'First row (oldest log line)',
    action: { type: 'move', move: 'top' },
    modes: [...TABLE, ...LOGS],
  },
  {
    name: 'bottom',
    chords: ['G', 'end'],
    description: 'Last row (newest log line)',
    action: { type: 'move', move: 'bottom' },
    modes: [...TABLE, ...LOGS],
  },
  {
    name: 'details',
    chords: ['enter'],
    description: 'Details of the selected resource',
    footer: { word: 'details', modes: TABLE },
    action: { type: 'openDetail' },
    modes: TABLE,
  },
  {
    name: 'close',
    chords: ['esc'],
    description: 'Close the detail pane or help',
    footer: { word: 'close', modes: ['detail', 'help'] },
    action: { type: 'close' },
    modes: ['detail', 'help'],
  },
  {
    name: 'filter',
    chords: ['/'],
    description: 'Filter: words, status:A,B, label:x, -negate, "quoted words"',
    footer: { word: 'filter', modes: TABLE },
    action: { type: 'openFilter' },
    modes: TABLE,
  },
  {
    name: 'command',
    chords: [':'],
    description:
      'Command: pods, sandboxes, disks, nodes, history, team NAME, ctx NAME, filter EXPR, sort COLUMN, help, q (Tab completes, ↑↓ history)',
    footer: { word: 'command', modes: TABLE },
    action: { type: 'openCommand' },
    modes: TABLE_AND_DETAIL,
  },
  {
    name: 'clearFilter',
    chords: ['esc'],
    description: 'Clear the filter',
    action: { type: 'clearFilter' },
    modes: TABLE,
  },
  {
    name: 'toggleAll',
    chords: ['a'],
    description: 'Show / hide terminated and deleted resources',
    action: { type: 'toggleShowGone' },
    modes: TABLE,
  },
  {
    name: 'mark',
    chords: ['space'],
    description: 'Mark / unmark the selected resource, for an action on several',
    action: { type: 'toggleMark' },
    modes: TABLE,
  },
  {
    name: 'toggleEvents',
    chords: ['e'],
    description: 'Show / hide the events panel',
    footer: { word: 'events', modes: TABLE },
    action: { type: 'toggleEvents' },
    modes: TABLE_AND_DETAIL,
  },
  {
    name: 'eventsNewer',
    chords: ['['],
    description: 'Scroll the events panel to newer events',
    action: { type: 'scrollEvents', delta: -1 },
    modes: TABLE_AND_DETAIL,
  },
  {
    name: 'eventsOlder',
    chords: [']'],
    description: 'Scroll the events panel to older events',
    action: { type: 'scrollEvents', delta: 1 },
    modes: TABLE_AND_DETAIL,
  },
  tabCommand('tabDisks', 0),
  tabCommand('tabSandboxes', 1),
  tabCommand('tabPods', 2),
  tabCommand('tabNodes', 3),
  tabCommand('tabHistory', 4),
  { name: 'nextTab', chords: ['tab'], description: 'Next tab', action: { type: 'nextTab' }, modes: TABLE_AND_DETAIL },
  {
    name: 'previousTab',
    chords: ['shift+tab'],
    description: 'Previous tab',
    action: { type: 'previousTab' },
    modes: TABLE_AND_DETAIL,
  },
  {
    name: 'sort',
    chords: ['o'],
    description: 'Sort by the next column',
    footer: { word: 'sort', modes: TABLE },
    action: { type: 'cycleSort' },
    modes: TABLE,
  },
  {
    name: 'reverseSort',
    chords: ['O'],
    description: 'Reverse the sort',
    action: { type: 'reverseSort' },
    modes: TABLE,
  },
  {
    name: 'refresh',
    chords: ['r'],
    description: 'Refresh now',
    footer: { word: 'refresh', modes: TABLE },
    action: { type: 'refresh' },
    modes: EVERYWHERE,
  },
  {
    name: 'togglePause',
    chords: ['p'],
    description: 'Pause / resume polling',
    footer: { word: 'pause', modes: TABLE },
    action: { type: 'togglePause' },
    modes: EVERYWHERE,
  },
  {
    name: 'help',
    chords: ['?'],
    description: 'Show / hide this help',
    footer: { word: 'help', modes: EVERYWHERE },
    action: { type: 'toggleHelp' },
    modes: EVERYWHERE,
  },
  {
    name: 'quit',
    chords: ['q'],
    description: 'Quit',
    footer: { word: 'quit', modes: EVERYWHERE },
    action: { type: 'quit' },
    modes: EVERYWHERE,
  },
  logCommand('logFollow', 'f', 'Log pane: follow new lines / stop', 'follow', 'follow'),
  logCommand('logSearch', '/', 'Log pane: search', 'search', 'search'),
  {
    ...logCommand('logNext', 'n', 'Log pane: next (older) match', 'next'),
    footer: { word: 'match', modes: LOGS, with: { name: 'logPrevious', joiner: '/' } },
  },
  logCommand('logPrevious', 'N', 'Log pane: previous (newer) match', 'previous'),
  logCommand('logWrap', 'w', 'Log pane: wrap long lines / cut them', 'wrap', 'wrap'),
  {
    name: 'logBack',
    chords: ['esc', 'q'],
    description: 'Log pane: back to the table',
    footer: { word: 'back', modes: LOGS },
    action: { type: 'close' },
    modes: LOGS,
  },
];

/**
 * Ctrl-C always quits, from anywhere, and cannot be changed in the file: a
 * person must always have a way out, even of a key map they got wrong.
 */
const FORCE_QUIT: Binding = {
  name: 'forceQuit',
  chords: ['ctrl+c'],
  keys: 'Ctrl-C',
  description: 'Quit, from anywhere',
  matches: (input, key) => key.ctrl && input === 'c',
  action: () => ({ type: 'quit' }),
  modes: ALL_MODES,
};

/** The default keys of the resource actions, the same on every view that has the action. */
export const ACTION_CHORDS: Readonly<Record<ActionId, readonly Chord[]>> = {
  delete: DELETE_KEY.chords,
  ssh: SSH_KEY.chords,
  logs: LOGS_KEY.chords,
  copy: COPY_KEY.chords,
  copyId: COPY_ID_KEY.chords,
};

export const DEFAULT_KEYMAP: KeyMap = {
  ...(Object.fromEntries(COMMANDS.map((command) => [command.name, command.chords])) as Record<
    Exclude<BindingName, ActionId>,
    readonly Chord[]
  >),
  ...ACTION_CHORDS,
};

/** Every name the config file's `keys` may use, in the help's order. */
export const BINDING_NAMES: readonly BindingName[] = Object.keys(DEFAULT_KEYMAP) as BindingName[];

function keysText(chords: readonly Chord[]): string {
  return chords.map(chordLabel).join(' / ');
}

function bound(
  name: Binding['name'],
  chords: readonly Chord[],
  rest: Omit<Binding, 'name' | 'chords' | 'keys' | 'matches'>,
): Binding {
  return {
    name,
    chords,
    keys: keysText(chords),
    matches: (input, key) => chords.some((chord) => chordMatches(chord, input, key)),
    ...rest,
  };
}

function footerLabel(keymap: KeyMap, name: BindingName, footer: NonNullable<Command['footer']>): string | null {
  const first = keymap[name][0];
  if (first === undefined) return null;
  const beside = footer.with ? keymap[footer.with.name][0] : undefined;
  const keys =
    beside === undefined
      ? chordShortLabel(first)
      : `${chordShortLabel(first)}${footer.with!.joiner}${chordShortLabel(beside)}`;
  return `${keys} ${footer.word}`;
}

const resolved = new WeakMap<KeyMap, readonly Binding[]>();

/** The global bindings in force (unbound ones left out), with Ctrl-C last. */
function commandBindings(keymap: KeyMap): readonly Binding[] {
  const known = resolved.get(keymap);
  if (known) return known;
  const bindings = COMMANDS.flatMap((command): Binding[] => {
    const chords = keymap[command.name];
    if (chords.length === 0) return [];
    const label = command.footer ? footerLabel(keymap, command.name, command.footer) : null;
    const action = command.action;
    return [
      bound(command.name, chords, {
        description: command.description,
        ...(label && command.footer ? { footer: { label, modes: command.footer.modes } } : {}),
        ...(command.group ? { group: command.group } : {}),
        action: () => action,
        modes: command.modes,
      }),
    ];
  });
  const all = [...bindings, FORCE_QUIT];
  resolved.set(keymap, all);
  return all;
}

/** With the default keys: what the help and footer show when the file changes nothing. */
export const BINDINGS: readonly Binding[] = commandBindings(DEFAULT_KEYMAP);

/** The part of a view the key map reads. */
type ViewKeys = Pick<ResourceView<AnyRow>, 'actions' | 'title' | 'singular'>;

/** The bindings in force on a tab: the global ones, marking where it means something, and the view's actions. */
export function bindingsFor(view?: ViewKeys, keymap: KeyMap = DEFAULT_KEYMAP): readonly Binding[] {
  const actions = view?.actions ?? [];
  const marks = actions.some((action) => action.multiple);
  const own: Binding[] = actions.flatMap((action) => {
    const chords = keymap[action.id];
    const first = chords[0];
    if (first === undefined) return [];
    const footer = action.key.footer
      ? { footer: { label: `${chordShortLabel(first)} ${action.key.footer}`, modes: TABLE } }
      : {};
    const id = action.id;
    return [
      bound(id, chords, {
        description: action.key.describe({
          one: view?.singular ?? 'resource',
          many: view?.title.toLowerCase() ?? 'resources',
        }),
        ...footer,
        action: () => ({ type: 'resourceAction', id }),
        modes: TABLE,
      }),
    ];
  });
  // The view's actions stand where marking does, which they go with.
  return commandBindings(keymap).flatMap((binding) => {
    if (binding.name !== 'mark') return [binding];
    const mark = {
      ...binding,
      description: `Mark / unmark the selected ${view?.singular ?? 'resource'}, for an action on several`,
    };
    return marks ? [mark, ...own] : own;
  });
}

/** The action a key press means in this mode on this tab, or null. */
export function keyToAction(
  input: string,
  key: Key,
  mode: Mode,
  view?: ViewKeys,
  keymap: KeyMap = DEFAULT_KEYMAP,
): Action | null {
  for (const binding of bindingsFor(view, keymap)) {
    if (binding.modes.includes(mode) && binding.matches(input, key)) return binding.action();
  }
  // Marking, or another tab's action key, where they do nothing: recognised, so that the shell can say why.
  if (mode === 'table') {
    const matches = (name: BindingName): boolean => keymap[name].some((chord) => chordMatches(chord, input, key));
    if (matches('mark')) return { type: 'toggleMark' };
    for (const kind of RESOURCE_KINDS) {
      const action = VIEWS[kind].actions.find((declared) => matches(declared.id));
      if (action) return { type: 'resourceAction', id: action.id };
    }
  }
  return null;
}

export function footerLabels(mode: Mode, view?: ViewKeys, keymap: KeyMap = DEFAULT_KEYMAP): string[] {
  return bindingsFor(view, keymap).flatMap((binding) =>
    binding.footer && binding.footer.modes.includes(mode) ? [binding.footer.label] : [],
  );
}

/**
 * How a hint names a binding's key (`a`, `Esc`), or null when the file left
 * it unbound: a hint must name the key in force, or none.
 */
export function keyHint(keymap: KeyMap, name: BindingName): string | null {
  const first = keymap[name][0];
  return first === undefined ? null : chordLabel(first);
}

/** `text` with the key in force, or `without` when the binding has none (`(a hides them)` or ``). */
export function withKey(keymap: KeyMap, name: BindingName, text: (key: string) => string, without = ''): string {
  const key = keyHint(keymap, name);
  return key === null ? without : text(key);
}

/** The help's lines: one per binding, or one per group (the five tabs share `1 2 3 4 5`). */
export function helpRows(view?: ViewKeys, keymap: KeyMap = DEFAULT_KEYMAP): { keys: string; description: string }[] {
  const rows: { keys: string; description: string; group?: string }[] = [];
  for (const binding of bindingsFor(view, keymap)) {
    const last = rows.at(-1);
    if (binding.group && last?.group === binding.group.id) {
      last.keys = `${last.keys} ${binding.keys}`;
      continue;
    }
    rows.push({
      keys: binding.keys,
      description: binding.group?.description ?? binding.description,
      ...(binding.group ? { group: binding.group.id } : {}),
    });
  }
  return rows.map(({ keys, description }) => ({ keys, description }));
}

/**
 * Ink hands over what one read brought, splitting escape sequences but not
 * text: with key repeat or fast typing over a slow link that can be `jjj` or
 * `eval\r`. This splits it into keys: control characters become the keys they
 * are (Enter, Tab, Ctrl-letter), and text becomes one key per character, or
 * stays one run when `keepText` (the filter prompt takes pasted text whole).
 */
export function splitKeys(input: string, key: Key, keepText = false): [string, Key][] {
  const special = key.ctrl || key.meta || key.escape || key.return || key.tab || key.backspace || key.delete;
  if ([...input].length <= 1 || special) return [[input, key]];
  const plain: Key = { ...key, shift: false };
  const keys: [string, Key][] = [];
  let text = '';
  const flushText = (): void => {
    if (text === '') return;
    if (keepText) keys.push([text, plain]);
    else for (const character of text) keys.push([character, plain]);
    text = '';
  };
  for (const character of input) {
    const code = character.codePointAt(0)!;
    if (code >= 0x20 && code !== 0x7f) {
      text += character;
      continue;
    }
    flushText();
    if (character === '\r' || character === '\n') keys.push(['', { ...plain, return: true }]);
    else if (character === '\t') keys.push(['', { ...plain, tab: true }]);
    else if (code === 0x7f || code === 0x08) keys.push(['', { ...plain, backspace: true }]);
    else if (code >= 0x01 && code <= 0x1a) keys.push([String.fromCharCode(code + 0x60), { ...plain, ctrl: true }]);
  }
  flushText();
  return keys;
}
