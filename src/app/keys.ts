/**
 * The key map: one table of bindings drives input handling, the footer and
 * the `?` help, so they cannot disagree. The keys of a resource's actions
 * come from its view (bindingsFor), so each tab shows only what it can do.
 */
import type { Key } from 'ink';
import type { ActionId } from '../views/actions.js';
import { RESOURCE_KINDS, VIEWS, type AnyRow, type ResourceView } from '../views/index.js';
import type { SelectionMove } from '../views/table/selection.js';

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

interface Binding {
  /** As shown to people. */
  keys: string;
  description: string;
  /** Shown in the footer (short form) when in one of these modes. */
  footer?: { label: string; modes: readonly Mode[] };
  matches: (input: string, key: Key) => boolean;
  action: (input: string) => Action;
  modes: readonly Mode[];
}

const TABLE: readonly Mode[] = ['table'];
const EVERYWHERE: readonly Mode[] = ['table', 'detail', 'help'];
const LOGS: readonly Mode[] = ['logs'];
/** What scrolls with ↑ ↓ PgUp PgDn. */
const SCROLLING: readonly Mode[] = [...EVERYWHERE, 'logs'];
/** Ctrl-C quits even from a modal dialog or the filter prompt: nothing there is lost by quitting. */
const ALL_MODES: readonly Mode[] = ['table', 'detail', 'help', 'confirm', 'filter', 'choose', 'logs', 'command'];

/** The log pane's own keys (and Esc or q back to the table, as in `less`). */
function logBindings(): Binding[] {
  const command = (keys: string, description: string, footer: string, input: string, name: Extract<Action, { type: 'logs' }>['command']): Binding => ({
    keys,
    description,
    footer: { label: footer, modes: LOGS },
    matches: (typed, key) => typed === input && !key.ctrl && !key.meta,
    action: () => ({ type: 'logs', command: name }),
    modes: LOGS,
  });
  return [
    command('f', 'Log pane: follow new lines / stop', 'f follow', 'f', 'follow'),
    command('/', 'Log pane: search', '/ search', '/', 'search'),
    command('n', 'Log pane: next (older) match', 'n/N match', 'n', 'next'),
    { ...command('N', 'Log pane: previous (newer) match', '', 'N', 'previous'), footer: undefined },
    command('w', 'Log pane: wrap long lines / cut them', 'w wrap', 'w', 'wrap'),
    {
      keys: 'Esc / q',
      description: 'Log pane: back to the table',
      footer: { label: 'esc back', modes: LOGS },
      matches: (input, key) => key.escape || (input === 'q' && !key.ctrl),
      action: () => ({ type: 'close' }),
      modes: LOGS,
    },
  ];
}

/** Space: shown and in force only on tabs with an action that takes several resources at once (bindingsFor). */
const MARK_BINDING: Binding = {
  keys: 'Space',
  description: 'Mark / unmark the selected resource, for an action on several',
  matches: (input) => input === ' ',
  action: () => ({ type: 'toggleMark' }),
  modes: TABLE,
};

export const BINDINGS: readonly Binding[] = [
  {
    keys: '↑ ↓ / k j',
    description: 'Move the selection (scroll a pane)',
    footer: { label: '↑↓ move', modes: SCROLLING },
    matches: (input, key) => key.upArrow || key.downArrow || input === 'k' || input === 'j',
    action: (input) => ({ type: 'move', move: input === 'k' ? 'up' : input === 'j' ? 'down' : 'up' }),
    modes: SCROLLING,
  },
  {
    keys: 'PgUp PgDn',
    description: 'Move a page',
    matches: (_input, key) => key.pageUp || key.pageDown,
    action: () => ({ type: 'move', move: 'pageUp' }),
    modes: SCROLLING,
  },
  {
    keys: 'g G / Home End',
    description: 'First / last row (oldest / newest log line)',
    matches: (input, key) => input === 'g' || input === 'G' || key.home || key.end,
    action: (input) => ({ type: 'move', move: input === 'G' ? 'bottom' : 'top' }),
    modes: [...TABLE, ...LOGS],
  },
  {
    keys: 'Enter',
    description: 'Details of the selected resource',
    footer: { label: '⏎ details', modes: TABLE },
    matches: (_input, key) => key.return,
    action: () => ({ type: 'openDetail' }),
    modes: TABLE,
  },
  {
    keys: 'Esc',
    description: 'Close the detail pane or help',
    footer: { label: 'esc close', modes: ['detail', 'help'] },
    matches: (_input, key) => key.escape,
    action: () => ({ type: 'close' }),
    modes: ['detail', 'help'],
  },
  {
    keys: '/',
    description: 'Filter: words, status:A,B, label:x, -negate, "quoted words"',
    footer: { label: '/ filter', modes: TABLE },
    matches: (input) => input === '/',
    action: () => ({ type: 'openFilter' }),
    modes: TABLE,
  },
  {
    keys: ':',
    description: 'Command: pods, sandboxes, disks, nodes, history, team NAME, ctx NAME, filter EXPR, sort COLUMN, help, q (Tab completes, ↑↓ history)',
    footer: { label: ': command', modes: TABLE },
    matches: (input) => input === ':',
    action: () => ({ type: 'openCommand' }),
    modes: ['table', 'detail'],
  },
  {
    keys: 'Esc',
    description: 'Clear the filter',
    matches: (_input, key) => key.escape,
    action: () => ({ type: 'clearFilter' }),
    modes: TABLE,
  },
  {
    keys: 'a',
    description: 'Show / hide terminated and deleted resources',
    matches: (input) => input === 'a',
    action: () => ({ type: 'toggleShowGone' }),
    modes: TABLE,
  },
  MARK_BINDING,
  {
    keys: 'e',
    description: 'Show / hide the events panel',
    footer: { label: 'e events', modes: TABLE },
    matches: (input) => input === 'e',
    action: () => ({ type: 'toggleEvents' }),
    modes: ['table', 'detail'],
  },
  {
    keys: '[ ]',
    description: 'Scroll the events panel (newer / older)',
    matches: (input) => input === '[' || input === ']',
    action: (input) => ({ type: 'scrollEvents', delta: input === '[' ? -1 : 1 }),
    modes: ['table', 'detail'],
  },
  {
    keys: '1 2 3 4 5',
    description: 'Disks, Sandboxes, Pods, Nodes, History',
    footer: { label: '1-5 tabs', modes: TABLE },
    matches: (input) => ['1', '2', '3', '4', '5'].includes(input),
    action: (input) => ({ type: 'switchTab', index: Number(input) - 1 }),
    modes: ['table', 'detail'],
  },
  {
    keys: 'Tab / Shift-Tab',
    description: 'Next / previous tab',
    matches: (_input, key) => key.tab,
    action: () => ({ type: 'nextTab' }),
    modes: ['table', 'detail'],
  },
  {
    keys: 'o',
    description: 'Sort by the next column',
    footer: { label: 'o sort', modes: TABLE },
    matches: (input) => input === 'o',
    action: () => ({ type: 'cycleSort' }),
    modes: TABLE,
  },
  {
    keys: 'O',
    description: 'Reverse the sort',
    matches: (input) => input === 'O',
    action: () => ({ type: 'reverseSort' }),
    modes: TABLE,
  },
  {
    keys: 'r',
    description: 'Refresh now',
    footer: { label: 'r refresh', modes: TABLE },
    matches: (input) => input === 'r',
    action: () => ({ type: 'refresh' }),
    modes: EVERYWHERE,
  },
  {
    keys: 'p',
    description: 'Pause / resume polling',
    footer: { label: 'p pause', modes: TABLE },
    matches: (input) => input === 'p',
    action: () => ({ type: 'togglePause' }),
    modes: EVERYWHERE,
  },
  {
    keys: '?',
    description: 'Show / hide this help',
    footer: { label: '? help', modes: EVERYWHERE },
    matches: (input) => input === '?',
    action: () => ({ type: 'toggleHelp' }),
    modes: EVERYWHERE,
  },
  {
    keys: 'q',
    description: 'Quit',
    footer: { label: 'q quit', modes: EVERYWHERE },
    matches: (input, key) => input === 'q' && !key.ctrl,
    action: () => ({ type: 'quit' }),
    modes: EVERYWHERE,
  },
  ...logBindings(),
  {
    keys: 'Ctrl-C',
    description: 'Quit, from anywhere',
    matches: (input, key) => key.ctrl && input === 'c',
    action: () => ({ type: 'quit' }),
    modes: ALL_MODES,
  },
];

/** The part of a view the key map reads. */
type ViewKeys = Pick<ResourceView<AnyRow>, 'actions' | 'title' | 'singular'>;

/** The bindings in force on a tab: the global ones, marking where it means something, and the view's actions. */
export function bindingsFor(view?: ViewKeys): readonly Binding[] {
  const actions = view?.actions ?? [];
  const marks = actions.some((action) => action.multiple);
  const own: Binding[] = actions.map((action) => ({
    keys: action.key.keys,
    description: action.key.describe({ one: view?.singular ?? 'resource', many: view?.title.toLowerCase() ?? 'resources' }),
    ...(action.key.footer ? { footer: { label: action.key.footer, modes: TABLE } } : {}),
    matches: action.key.matches,
    action: () => ({ type: 'resourceAction', id: action.id }),
    modes: TABLE,
  }));
  const mark: Binding = { ...MARK_BINDING, description: `Mark / unmark the selected ${view?.singular ?? 'resource'}, for an action on several` };
  // The view's actions stand where marking does, which they go with.
  return BINDINGS.flatMap((binding) => (binding !== MARK_BINDING ? [binding] : marks ? [mark, ...own] : own));
}

/** The action a key press means in this mode on this tab, or null. */
export function keyToAction(input: string, key: Key, mode: Mode, view?: ViewKeys): Action | null {
  // Direction keys that share a binding row are told apart here.
  const scrolls = SCROLLING.includes(mode);
  if (key.downArrow) return scrolls ? { type: 'move', move: 'down' } : null;
  if (key.pageDown) return scrolls ? { type: 'move', move: 'pageDown' } : null;
  if (key.end) return mode === 'table' || mode === 'logs' ? { type: 'move', move: 'bottom' } : null;
  if (key.tab && key.shift) return mode === 'table' || mode === 'detail' ? { type: 'previousTab' } : null;
  for (const binding of bindingsFor(view)) {
    if (binding.modes.includes(mode) && binding.matches(input, key)) return binding.action(input);
  }
  // Marking, or another tab's action key, where they do nothing: recognised, so that the shell can say why.
  if (mode === 'table') {
    if (MARK_BINDING.matches(input, key)) return MARK_BINDING.action(input);
    for (const kind of RESOURCE_KINDS) {
      const action = VIEWS[kind].actions.find((declared) => declared.key.matches(input, key));
      if (action) return { type: 'resourceAction', id: action.id };
    }
  }
  return null;
}

export function footerLabels(mode: Mode, view?: ViewKeys): string[] {
  return bindingsFor(view).flatMap((binding) => (binding.footer && binding.footer.modes.includes(mode) ? [binding.footer.label] : []));
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
