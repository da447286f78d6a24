/**
 * Command mode (`:`), as k9s has it: a word to go somewhere or change
 * something, typed rather than remembered as a key. Parsing and completion
 * are pure; the key reducer opens the prompt and turns a command into
 * effects.
 *
 *   :pods :sandboxes :disks :nodes :history :availability
 *                                              a tab (short forms: po sb dk no hi av)
 *   :team NAME                                 switch the Prime team (`:team -` for the personal account)
 *   :ctx NAME                                  switch to a saved context of the official client
 *   :filter EXPR                               the tab's filter (`:filter` alone clears it)
 *   :sort COLUMN [asc|desc]                    sort by a column (by its id or title)
 *   :watch EXPR   :watches   :unwatch N        watch the offers for a filter (src/filter/watch.ts), list, stop one
 *   :wallet                                    the wallet and its recent billings (also `$`)
 *   :whoami                                    who the key belongs to and what it may do
 *   :help   :q
 */
import { RESOURCE_KINDS, type ResourceKind } from '../views/resource.js';

export type CommandLine =
  | { type: 'tab'; kind: ResourceKind }
  | { type: 'team'; name: string | null }
  | { type: 'ctx'; name: string }
  | { type: 'filter'; text: string }
  | { type: 'sort'; column: string; descending: boolean | null }
  /** A watch over the offers, in the filter language; `:watches` lists them, `:unwatch N` stops the Nth. */
  | { type: 'watch'; text: string }
  | { type: 'watches' }
  | { type: 'unwatch'; number: number }
  /** The wallet pane (`$`) or the key's pane. */
  | { type: 'pane'; pane: PaneId }
  | { type: 'help' }
  | { type: 'quit' };

/** The panes a command opens over the table: the wallet, and who the key is. */
export type PaneId = 'wallet' | 'whoami';

export type CommandResult = { ok: true; command: CommandLine } | { ok: false; error: string };

/** Every name a tab answers to, full name first. */
export const TAB_NAMES: Readonly<Record<ResourceKind, readonly string[]>> = {
  disks: ['disks', 'disk', 'dk'],
  sandboxes: ['sandboxes', 'sandbox', 'sb'],
  pods: ['pods', 'pod', 'po'],
  nodes: ['nodes', 'node', 'no'],
  history: ['history', 'hist', 'hi'],
  availability: ['availability', 'avail', 'av', 'offers'],
};

/** The commands that take an argument, and the names they answer to. */
const VERBS = {
  team: ['team', 'teams'],
  ctx: ['ctx', 'context'],
  filter: ['filter', 'f'],
  sort: ['sort'],
  watch: ['watch'],
  watches: ['watches'],
  unwatch: ['unwatch', 'uw'],
  wallet: ['wallet', 'money', 'billing'],
  whoami: ['whoami', 'me'],
  help: ['help', 'h', '?'],
  quit: ['q', 'quit', 'q!', 'exit'],
} as const;

/** What Tab completes the first word to: the full names, in the order a person reads them. */
const COMMAND_WORDS: readonly string[] = [
  ...RESOURCE_KINDS.map((kind) => TAB_NAMES[kind][0]!),
  'team',
  'ctx',
  'filter',
  'sort',
  'watch',
  'watches',
  'unwatch',
  'wallet',
  'whoami',
  'help',
  'quit',
];

const NO_TEAM = '-';

function verbOf(word: string): keyof typeof VERBS | undefined {
  return (Object.keys(VERBS) as (keyof typeof VERBS)[]).find((verb) =>
    (VERBS[verb] as readonly string[]).includes(word),
  );
}

function tabOf(word: string): ResourceKind | undefined {
  return RESOURCE_KINDS.find((kind) => TAB_NAMES[kind].includes(word));
}

/** A command line, without its `:`. Never throws; a bad line gives one line saying why. */
export function parseCommandLine(line: string): CommandResult {
  const trimmed = line.trim();
  const space = trimmed.search(/\s/);
  const word = (space < 0 ? trimmed : trimmed.slice(0, space)).toLowerCase();
  const rest = space < 0 ? '' : trimmed.slice(space + 1).trim();
  if (word === '')
    return {
      ok: false,
      error:
        'type a command: pods, sandboxes, disks, nodes, history, availability, team, ctx, filter, sort, watch, watches, unwatch, wallet, whoami, help or q',
    };

  const kind = tabOf(word);
  if (kind)
    return rest
      ? { ok: false, error: `:${word} takes nothing after it` }
      : { ok: true, command: { type: 'tab', kind } };

  switch (verbOf(word)) {
    case 'team':
      if (!rest)
        return { ok: false, error: ':team needs a team name (Tab lists them; `:team -` for your personal account)' };
      return { ok: true, command: { type: 'team', name: rest === NO_TEAM ? null : rest } };
    case 'ctx':
      return rest
        ? { ok: true, command: { type: 'ctx', name: rest } }
        : { ok: false, error: ':ctx needs a context name (Tab lists the saved ones)' };
    case 'filter':
      return { ok: true, command: { type: 'filter', text: rest } };
    case 'sort': {
      const [column, order, extra] = rest.split(/\s+/);
      if (!column) return { ok: false, error: ':sort needs a column, e.g. :sort age or :sort price desc' };
      if (extra !== undefined || (order !== undefined && !['asc', 'desc'].includes(order.toLowerCase())))
        return { ok: false, error: ':sort takes a column and then asc or desc' };
      return {
        ok: true,
        command: { type: 'sort', column, descending: order === undefined ? null : order.toLowerCase() === 'desc' },
      };
    }
    case 'watch':
      return rest
        ? { ok: true, command: { type: 'watch', text: rest } }
        : { ok: false, error: ':watch needs a filter, e.g. :watch gpu:H200 count:8 price<3 stock:high' };
    case 'watches':
      return rest
        ? { ok: false, error: `:${word} takes nothing after it` }
        : { ok: true, command: { type: 'watches' } };
    case 'unwatch': {
      const number = /^\d{1,4}$/.test(rest) ? Number(rest) : 0;
      return number > 0
        ? { ok: true, command: { type: 'unwatch', number } }
        : { ok: false, error: ':unwatch needs the number of a watch, as :watches lists them' };
    }
    case 'wallet':
    case 'whoami': {
      const pane = verbOf(word) === 'wallet' ? 'wallet' : 'whoami';
      return rest
        ? { ok: false, error: `:${word} takes nothing after it` }
        : { ok: true, command: { type: 'pane', pane } };
    }
    case 'help':
      return rest ? { ok: false, error: `:${word} takes nothing after it` } : { ok: true, command: { type: 'help' } };
    case 'quit':
      return rest ? { ok: false, error: `:${word} takes nothing after it` } : { ok: true, command: { type: 'quit' } };
    default:
      return { ok: false, error: `unknown command :${word} (try :help)` };
  }
}

/** What the arguments may be completed from. */
export interface CompletionSources {
  teams: readonly string[];
  contexts: readonly string[];
  /** The current tab's column ids. */
  columns: readonly string[];
}

/** The candidates for what is typed (without the `:`), each a whole command line; Tab cycles through them. */
export function completions(line: string, sources: CompletionSources): string[] {
  const match = /^(\S*)(\s+)?(.*)$/.exec(line.trimStart());
  const word = (match?.[1] ?? '').toLowerCase();
  const argument = match?.[2] === undefined ? null : (match[3] ?? '');
  if (argument === null) return COMMAND_WORDS.filter((candidate) => candidate.startsWith(word));
  const verb = verbOf(word);
  const pool =
    verb === 'team'
      ? [...sources.teams, NO_TEAM]
      : verb === 'ctx'
        ? sources.contexts
        : verb === 'sort'
          ? sources.columns
          : [];
  const typed = argument.toLowerCase();
  return pool
    .filter((candidate) => candidate.toLowerCase().startsWith(typed))
    .map((candidate) => `${VERBS[verb!][0]} ${candidate}`);
}

/** Lines typed, newest last, without repeats in a row, at most `max`. */
export function remember(history: readonly string[], line: string, max = HISTORY_MAX): string[] {
  const trimmed = line.trim();
  if (trimmed === '') return [...history];
  const next = history.at(-1) === trimmed ? [...history] : [...history, trimmed];
  return next.slice(Math.max(0, next.length - max));
}

export const HISTORY_MAX = 100;
