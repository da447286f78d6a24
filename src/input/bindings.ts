/**
 * Every named command a key can give, with its default keys, the modes it
 * works in and how the footer and the help name it. A key press becomes one
 * of these names (key-map.ts), and the controller of the current mode does
 * what the name says (src/controllers/). The config file's `keys` give a name
 * other keys, or none, by the same names. The keys of a resource's actions
 * come from its view (src/views/actions.ts), so each tab offers only what it
 * can do.
 */
import { COPY_ID_KEY, COPY_KEY, DELETE_KEY, LOGS_KEY, SSH_KEY, type ActionId } from '../views/actions.js';
import { RESOURCE_KINDS, VIEWS, type ResourceKind } from '../views/index.js';
import type { SelectionMove } from '../views/table/selection.js';
import type { SortRole } from '../views/table/columns.js';
import type { Chord } from './chords.js';

/**
 * Where keys go. `confirm`, `filter`, `command` and `choose` are modal: their
 * controllers take every key but Ctrl-C. `logs` is the full-screen log pane.
 */
export type Mode = 'table' | 'detail' | 'help' | 'confirm' | 'filter' | 'choose' | 'logs' | 'command' | 'events';

/** The name of a command, which is also its name in the config file's `keys` (a resource action goes by its ActionId). */
export type BindingName =
  | SelectionMove
  | 'details'
  | 'close'
  | 'filter'
  | 'command'
  | 'clearFilter'
  | 'toggleAll'
  | 'mark'
  | 'markRange'
  | 'clearMarks'
  | 'toggleEvents'
  | 'eventsNewer'
  | 'eventsOlder'
  | 'focusEvents'
  | 'eventsJump'
  | 'wallet'
  | TabBinding
  | 'nextTab'
  | 'previousTab'
  | 'sort'
  | 'reverseSort'
  | SortBinding
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

/** The keys in force for every command; an empty list leaves the command without a key. */
export type KeyMap = Readonly<Record<BindingName, readonly Chord[]>>;

/** A command as declared, before the keys in force are known. */
export interface CommandSpec {
  name: BindingName;
  /** The default keys. */
  chords: readonly Chord[];
  modes: readonly Mode[];
  description: string;
  /** Shown in the footer (its first key and a word) in some modes; `with`: another command's first key goes beside it (`↑↓ move`). */
  footers?: readonly FooterSpec[];
  /** Commands of one group share one line of the help (`1 2 3 4 5`). */
  group?: { id: string; description: string };
}

interface FooterSpec {
  word: string;
  modes: readonly Mode[];
  with?: { name: BindingName; joiner: string };
}

const TABLE: readonly Mode[] = ['table'];
const EVERYWHERE: readonly Mode[] = ['table', 'detail', 'help'];
const LOGS: readonly Mode[] = ['logs'];
const TABLE_AND_DETAIL: readonly Mode[] = ['table', 'detail'];
/** The table and what scrolls over it: g and G go to either end. */
const PANES: readonly Mode[] = [...EVERYWHERE, 'logs'];
/** What scrolls with ↑ ↓ PgUp PgDn (the events panel's cursor moves with them when it has the keys). */
const SCROLLING: readonly Mode[] = [...EVERYWHERE, 'logs', 'events'];
const EVENTS: readonly Mode[] = ['events'];
/** Ctrl-C quits even from a modal dialog or a prompt: nothing there is lost by quitting. */
export const ALL_MODES: readonly Mode[] = [
  'table',
  'detail',
  'help',
  'confirm',
  'filter',
  'choose',
  'logs',
  'command',
  'events',
];

/** The number keys' commands, one per tab in tab order. */
export const TAB_BINDINGS = {
  disks: 'tabDisks',
  sandboxes: 'tabSandboxes',
  pods: 'tabPods',
  nodes: 'tabNodes',
  history: 'tabHistory',
  availability: 'tabAvailability',
} as const satisfies Record<ResourceKind, string>;

export type TabBinding = (typeof TAB_BINDINGS)[ResourceKind];

/** The keys that sort by one kind of column at once, as k9s's Shift-letter does. */
export const SORT_BINDINGS = {
  name: 'sortByName',
  status: 'sortByStatus',
  age: 'sortByAge',
  price: 'sortByPrice',
} as const satisfies Record<SortRole, string>;

export type SortBinding = (typeof SORT_BINDINGS)[SortRole];

const SORT_GROUP = { id: 'sortBy', description: 'Sort by name, status, age or price at once (again: reverse)' };
const sortCommand = (role: SortRole, chord: Chord): CommandSpec => ({
  ...command(SORT_BINDINGS[role], [chord], TABLE, `Sort by ${role} (again: reverse)`),
  group: SORT_GROUP,
});

const command = (
  name: BindingName,
  chords: readonly Chord[],
  modes: readonly Mode[],
  description: string,
  ...footers: FooterSpec[]
): CommandSpec => ({ name, chords, modes, description, ...(footers.length > 0 && { footers }) });

const footer = (word: string, modes: readonly Mode[], beside?: BindingName, joiner = ''): FooterSpec => ({
  word,
  modes,
  ...(beside && { with: { name: beside, joiner } }),
});

const TABS_GROUP = { id: 'tabs', description: RESOURCE_KINDS.map((kind) => VIEWS[kind].title).join(', ') };

const tabCommands = RESOURCE_KINDS.map((kind, index) => ({
  ...command(TAB_BINDINGS[kind], [String(index + 1)], TABLE_AND_DETAIL, `The ${VIEWS[kind].title} tab`),
  ...(index === 0 && { footers: [footer('tabs', TABLE, TAB_BINDINGS[RESOURCE_KINDS.at(-1)!], '-')] }),
  group: TABS_GROUP,
}));

const COMMAND_LINE_HELP =
  'Command: pods, sandboxes, disks, nodes, history, availability, team NAME, ctx NAME, filter EXPR, sort COLUMN, watch EXPR, watches, unwatch N, wallet, whoami, help, q (Tab completes, ↑↓ history)';

/**
 * Every command but the resource actions (which come from the views), in
 * the order the help lists them. `mark` stands where the view's actions go.
 */
export const COMMANDS: readonly CommandSpec[] = [
  command(
    'up',
    ['up', 'k'],
    SCROLLING,
    'Move the selection up (scroll a pane)',
    footer('move', [...TABLE, ...EVENTS], 'down'),
    footer('scroll', ['detail', 'help', 'logs'], 'down'),
  ),
  command('down', ['down', 'j'], SCROLLING, 'Move the selection down (scroll a pane)'),
  command('pageUp', ['pgup'], SCROLLING, 'Up a page'),
  command('pageDown', ['pgdn'], SCROLLING, 'Down a page'),
  command('top', ['g', 'home'], PANES, 'First row; the top of a pane (the oldest log line)'),
  command('bottom', ['G', 'end'], PANES, 'Last row; the end of a pane (the newest log line)'),
  command('details', ['enter'], TABLE, 'Details of the selected resource', footer('details', TABLE)),
  command(
    'close',
    ['esc'],
    ['detail', 'help', 'events'],
    'Close the detail pane or help; back to the table from the events',
    footer('close', ['detail', 'help']),
    footer('back', EVENTS),
  ),
  command(
    'filter',
    ['/'],
    TABLE,
    'Filter: words, status:A,B, label:x, -negate, "quoted words"',
    footer('filter', TABLE),
  ),
  command('command', [':'], TABLE_AND_DETAIL, COMMAND_LINE_HELP, footer('command', TABLE)),
  command('clearFilter', ['esc'], TABLE, 'Clear the filter'),
  command('toggleAll', ['a'], TABLE, 'Show / hide terminated and deleted resources'),
  command('mark', ['space'], TABLE, 'Mark / unmark the selected resource, for an action on several'),
  command('markRange', ['ctrl+space'], TABLE, 'Mark every row from the last one marked to the selected one'),
  command('clearMarks', ['ctrl+\\'], TABLE, 'Unmark everything marked'),
  command('toggleEvents', ['e'], TABLE_AND_DETAIL, 'Show / hide the events panel', footer('events', TABLE)),
  command('eventsNewer', ['['], TABLE_AND_DETAIL, 'Scroll the events panel to newer events'),
  command('eventsOlder', [']'], TABLE_AND_DETAIL, 'Scroll the events panel to older events'),
  command('focusEvents', ['E'], TABLE, 'Choose an event (↑↓), and go to its resource with Enter'),
  command(
    'wallet',
    ['$'],
    TABLE_AND_DETAIL,
    'The wallet: balance, burn rate, what the last hour billed, and the recent billings (again: close)',
    footer('wallet', TABLE),
  ),
  command('eventsJump', ['enter'], EVENTS, "Events: go to the event's resource", footer('go to it', EVENTS)),
  ...tabCommands,
  command('nextTab', ['tab'], TABLE_AND_DETAIL, 'Next tab'),
  command('previousTab', ['shift+tab'], TABLE_AND_DETAIL, 'Previous tab'),
  command('sort', ['o'], TABLE, 'Sort by the next column', footer('sort', TABLE)),
  command('reverseSort', ['O'], TABLE, 'Reverse the sort'),
  sortCommand('name', 'N'),
  sortCommand('status', 'S'),
  sortCommand('age', 'A'),
  sortCommand('price', 'P'),
  command('refresh', ['r'], EVERYWHERE, 'Refresh now', footer('refresh', TABLE)),
  command('togglePause', ['p'], EVERYWHERE, 'Pause / resume polling', footer('pause', TABLE)),
  command('help', ['?'], EVERYWHERE, 'Show / hide this help', footer('help', EVERYWHERE)),
  command('quit', ['q'], EVERYWHERE, 'Quit', footer('quit', EVERYWHERE)),
  command('logFollow', ['f'], LOGS, 'Log pane: follow new lines / stop', footer('follow', LOGS)),
  command('logSearch', ['/'], LOGS, 'Log pane: search', footer('search', LOGS)),
  command('logNext', ['n'], LOGS, 'Log pane: next (older) match', footer('match', LOGS, 'logPrevious', '/')),
  command('logPrevious', ['N'], LOGS, 'Log pane: previous (newer) match'),
  command('logWrap', ['w'], LOGS, 'Log pane: wrap long lines / cut them', footer('wrap', LOGS)),
  command('logBack', ['esc', 'q'], LOGS, 'Log pane: back to the table', footer('back', LOGS)),
];

/**
 * Ctrl-C always quits, from anywhere, and cannot be changed in the file: a
 * person must always have a way out, even of a key map they got wrong.
 */
export const FORCE_QUIT = { chords: ['ctrl+c'] as readonly Chord[], description: 'Quit, from anywhere' };

/** The default keys of the resource actions, the same on every view that has the action. */
export const ACTION_CHORDS: Readonly<Record<ActionId, readonly Chord[]>> = {
  delete: DELETE_KEY.chords,
  ssh: SSH_KEY.chords,
  logs: LOGS_KEY.chords,
  copy: COPY_KEY.chords,
  copyId: COPY_ID_KEY.chords,
};

export const DEFAULT_KEYMAP: KeyMap = {
  ...(Object.fromEntries(COMMANDS.map((spec) => [spec.name, spec.chords])) as Record<
    Exclude<BindingName, ActionId>,
    readonly Chord[]
  >),
  ...ACTION_CHORDS,
};

/** Every name the config file's `keys` may use, in the help's order. */
export const BINDING_NAMES: readonly BindingName[] = Object.keys(DEFAULT_KEYMAP) as BindingName[];

/** The selection moves the commands of the same name make. */
export const MOVES: readonly SelectionMove[] = ['up', 'down', 'pageUp', 'pageDown', 'top', 'bottom'];

export function isMove(name: BindingName): name is SelectionMove {
  return (MOVES as readonly string[]).includes(name);
}
