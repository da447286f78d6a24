/**
 * The commands in force and what a key press means: one table of commands
 * (bindings.ts) with the keys in force (a KeyMap: the config file's over the
 * defaults) drives the controllers, the footer and the `?` help, so they
 * cannot disagree. Every function takes the KeyMap; the defaults apply where
 * none is given.
 */
import type { Key } from 'ink';
import { RESOURCE_KINDS, VIEWS, type AnyRow, type ResourceView } from '../views/index.js';
import {
  ALL_MODES,
  COMMANDS,
  DEFAULT_KEYMAP,
  FORCE_QUIT,
  type BindingName,
  type CommandSpec,
  type KeyMap,
  type Mode,
} from './bindings.js';
import { asciiOnly } from '../util/charset.js';
import { chordLabel, chordMatches, chordShortLabel, type Chord } from './chords.js';
import { describeCommand, type CustomCommand } from './custom-commands.js';

/** A command in force: its keys, and how the footer and help show it. */
export interface Binding {
  /** `forceQuit`: Ctrl-C, which quits from anywhere and no file can change; `custom`: a command of the config file. */
  name: BindingName | 'forceQuit' | 'custom';
  chords: readonly Chord[];
  /** As shown to people, e.g. `D / Ctrl-D`. */
  keys: string;
  description: string;
  footers: readonly { label: string; modes: readonly Mode[] }[];
  group?: { id: string; description: string };
  modes: readonly Mode[];
}

/** The part of a view the key map reads. */
export type ViewKeys = Pick<ResourceView<AnyRow>, 'actions' | 'title' | 'singular' | 'plural'>;

function bound(spec: Omit<Binding, 'keys'>): Binding {
  return { ...spec, keys: spec.chords.map(chordLabel).join(' / ') };
}

/** The footer's words for a command with the keys in force (`↑↓ move`), none when it has no key. */
function footersOf(keymap: KeyMap, spec: CommandSpec): Binding['footers'] {
  const first = keymap[spec.name][0];
  if (first === undefined) return [];
  return (spec.footers ?? []).map((footer) => {
    const beside = footer.with ? keymap[footer.with.name][0] : undefined;
    const keys =
      beside === undefined
        ? chordShortLabel(first)
        : `${chordShortLabel(first)}${footer.with!.joiner}${chordShortLabel(beside)}`;
    return { label: `${keys} ${footer.word}`, modes: footer.modes };
  });
}

/** Per charset: a key's short name (the footer's) depends on whether the terminal takes more than ASCII. */
const resolved = { utf8: new WeakMap<KeyMap, readonly Binding[]>(), ascii: new WeakMap<KeyMap, readonly Binding[]>() };

/** The global commands in force (those without a key left out), with Ctrl-C last. */
function globalBindings(keymap: KeyMap): readonly Binding[] {
  const cache = asciiOnly() ? resolved.ascii : resolved.utf8;
  const known = cache.get(keymap);
  if (known) return known;
  const bindings = COMMANDS.flatMap((spec): Binding[] => {
    const chords = keymap[spec.name];
    if (chords.length === 0) return [];
    return [
      bound({
        name: spec.name,
        chords,
        description: spec.description,
        footers: footersOf(keymap, spec),
        ...(spec.group && { group: spec.group }),
        modes: spec.modes,
      }),
    ];
  });
  const all = [...bindings, bound({ name: 'forceQuit', ...FORCE_QUIT, footers: [], modes: ALL_MODES })];
  cache.set(keymap, all);
  return all;
}

/** With the default keys: what the help and footer show when the file changes nothing. */
export const BINDINGS: readonly Binding[] = globalBindings(DEFAULT_KEYMAP);

/** A command of the config file as the footer and help show it: after the view's actions, like one. */
function customBinding(command: CustomCommand): Binding {
  return bound({
    name: 'custom',
    chords: [command.key],
    description: describeCommand(command),
    footers: [{ label: `${chordShortLabel(command.key)} ${command.name}`, modes: ['table'] }],
    modes: ['table'],
  });
}

/**
 * The commands in force on a tab: the global ones, marking where it means
 * something, the view's actions, and the tab's commands of the config file
 * (`commands`: for the footer and help; a key press finds them itself).
 */
export function bindingsFor(
  view?: ViewKeys,
  keymap: KeyMap = DEFAULT_KEYMAP,
  commands: readonly CustomCommand[] = [],
): readonly Binding[] {
  const actions = view?.actions ?? [];
  const marks = actions.some((action) => action.multiple);
  const noun = { one: view?.singular ?? 'resource', many: view?.plural ?? 'resources' };
  const own: Binding[] = actions.flatMap((action): Binding[] => {
    const chords = keymap[action.id];
    const first = chords[0];
    if (first === undefined) return [];
    const label = action.key.footer && `${chordShortLabel(first)} ${action.key.footer}`;
    return [
      bound({
        name: action.id,
        chords,
        description: action.key.describe(noun),
        footers: label ? [{ label, modes: ['table'] }] : [],
        modes: ['table'],
      }),
    ];
  });
  // Marking means something only where an action takes several; the view's actions stand after it, which they go with.
  const global = globalBindings(keymap);
  const first = global.findIndex((binding) => isMarking(binding.name) || SPEC_ORDER.get(binding.name)! > MARK_ORDER);
  const at = first === -1 ? global.length : first;
  const marking = marks
    ? global
        .filter((binding) => isMarking(binding.name))
        .map((binding) =>
          binding.name === 'mark'
            ? { ...binding, description: `Mark / unmark the selected ${noun.one}, for an action on several` }
            : binding,
        )
    : [];
  const rest = global.filter((binding) => !isMarking(binding.name));
  return [...rest.slice(0, at), ...marking, ...own, ...commands.map(customBinding), ...rest.slice(at)];
}

const MARKING: readonly string[] = ['mark', 'markRange', 'clearMarks'];
const isMarking = (name: Binding['name']): boolean => MARKING.includes(name);
const SPEC_ORDER = new Map<Binding['name'], number>([
  ...COMMANDS.map((spec, index): [Binding['name'], number] => [spec.name, index]),
  ['forceQuit', COMMANDS.length],
]);
const MARK_ORDER = SPEC_ORDER.get('mark')!;

/**
 * The command a key press gives in this mode on this tab, or null. Ctrl-C is
 * `quit`. In the table, the mark key and another tab's action key are named
 * even where they do nothing, so that the controller can say why.
 */
export function commandFor(
  input: string,
  key: Key,
  mode: Mode,
  view?: ViewKeys,
  keymap: KeyMap = DEFAULT_KEYMAP,
): BindingName | null {
  const matches = (chords: readonly Chord[]): boolean => chords.some((chord) => chordMatches(chord, input, key));
  // The config file's commands are not among these (no commands given): a key press finds them itself (controllers/custom.ts).
  for (const binding of bindingsFor(view, keymap)) {
    if (binding.name === 'custom' || !binding.modes.includes(mode) || !matches(binding.chords)) continue;
    return binding.name === 'forceQuit' ? 'quit' : binding.name;
  }
  if (mode !== 'table') return null;
  if (matches(keymap.mark)) return 'mark';
  for (const kind of RESOURCE_KINDS) {
    const action = VIEWS[kind].actions.find((declared) => matches(keymap[declared.id]));
    if (action) return action.id;
  }
  return null;
}

export function footerLabels(
  mode: Mode,
  view?: ViewKeys,
  keymap: KeyMap = DEFAULT_KEYMAP,
  commands: readonly CustomCommand[] = [],
): string[] {
  return bindingsFor(view, keymap, commands).flatMap((binding) =>
    binding.footers.filter((footer) => footer.modes.includes(mode)).map((footer) => footer.label),
  );
}

/**
 * How a hint names a command's key (`a`, `Esc`), or null when the file left
 * it without one: a hint must name the key in force, or none.
 */
export function keyHint(keymap: KeyMap, name: BindingName): string | null {
  const first = keymap[name][0];
  return first === undefined ? null : chordLabel(first);
}

/** `text` with the key in force, or `without` when the command has none (`(a hides them)` or ``). */
export function withKey(keymap: KeyMap, name: BindingName, text: (key: string) => string, without = ''): string {
  const key = keyHint(keymap, name);
  return key === null ? without : text(key);
}

/** The help's rows: one per command, or one per group (the tabs share `1 2 3 4 5`). */
export function helpRows(
  view?: ViewKeys,
  keymap: KeyMap = DEFAULT_KEYMAP,
  commands: readonly CustomCommand[] = [],
): { keys: string; description: string }[] {
  const rows: { keys: string; description: string; group?: string }[] = [];
  for (const binding of bindingsFor(view, keymap, commands)) {
    const last = rows.at(-1);
    if (binding.group && last?.group === binding.group.id) {
      last.keys = `${last.keys} ${binding.keys}`;
      continue;
    }
    rows.push({
      keys: binding.keys,
      description: binding.group?.description ?? binding.description,
      ...(binding.group && { group: binding.group.id }),
    });
  }
  return rows.map(({ keys, description }) => ({ keys, description }));
}
