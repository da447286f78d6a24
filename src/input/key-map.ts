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
import { chordLabel, chordMatches, chordShortLabel, type Chord } from './chords.js';

/** A command in force: its keys, and how the footer and help show it. */
export interface Binding {
  /** `forceQuit`: Ctrl-C, which quits from anywhere and no file can change. */
  name: BindingName | 'forceQuit';
  chords: readonly Chord[];
  /** As shown to people, e.g. `D / Ctrl-D`. */
  keys: string;
  description: string;
  footer?: { label: string; modes: readonly Mode[] };
  group?: { id: string; description: string };
  modes: readonly Mode[];
}

/** The part of a view the key map reads. */
export type ViewKeys = Pick<ResourceView<AnyRow>, 'actions' | 'title' | 'singular'>;

function bound(spec: Omit<Binding, 'keys'>): Binding {
  return { ...spec, keys: spec.chords.map(chordLabel).join(' / ') };
}

function footerLabel(keymap: KeyMap, spec: CommandSpec): string | null {
  const first = keymap[spec.name][0];
  if (first === undefined || !spec.footer) return null;
  const beside = spec.footer.with ? keymap[spec.footer.with.name][0] : undefined;
  const keys =
    beside === undefined
      ? chordShortLabel(first)
      : `${chordShortLabel(first)}${spec.footer.with!.joiner}${chordShortLabel(beside)}`;
  return `${keys} ${spec.footer.word}`;
}

const resolved = new WeakMap<KeyMap, readonly Binding[]>();

/** The global commands in force (those without a key left out), with Ctrl-C last. */
function globalBindings(keymap: KeyMap): readonly Binding[] {
  const known = resolved.get(keymap);
  if (known) return known;
  const bindings = COMMANDS.flatMap((spec): Binding[] => {
    const chords = keymap[spec.name];
    if (chords.length === 0) return [];
    const label = footerLabel(keymap, spec);
    return [
      bound({
        name: spec.name,
        chords,
        description: spec.description,
        ...(label && spec.footer && { footer: { label, modes: spec.footer.modes } }),
        ...(spec.group && { group: spec.group }),
        modes: spec.modes,
      }),
    ];
  });
  const all = [...bindings, bound({ name: 'forceQuit', ...FORCE_QUIT, modes: ALL_MODES })];
  resolved.set(keymap, all);
  return all;
}

/** With the default keys: what the help and footer show when the file changes nothing. */
export const BINDINGS: readonly Binding[] = globalBindings(DEFAULT_KEYMAP);

/** The commands in force on a tab: the global ones, marking where it means something, and the view's actions. */
export function bindingsFor(view?: ViewKeys, keymap: KeyMap = DEFAULT_KEYMAP): readonly Binding[] {
  const actions = view?.actions ?? [];
  const marks = actions.some((action) => action.multiple);
  const noun = { one: view?.singular ?? 'resource', many: view?.title.toLowerCase() ?? 'resources' };
  const own: Binding[] = actions.flatMap((action) => {
    const chords = keymap[action.id];
    const first = chords[0];
    if (first === undefined) return [];
    const label = action.key.footer && `${chordShortLabel(first)} ${action.key.footer}`;
    return [
      bound({
        name: action.id,
        chords,
        description: action.key.describe(noun),
        ...(label && { footer: { label, modes: ['table'] } }),
        modes: ['table'],
      }),
    ];
  });
  // The view's actions stand where marking does, which they go with.
  return globalBindings(keymap).flatMap((binding) => {
    if (binding.name !== 'mark') return [binding];
    const mark = { ...binding, description: `Mark / unmark the selected ${noun.one}, for an action on several` };
    return marks ? [mark, ...own] : own;
  });
}

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
  for (const binding of bindingsFor(view, keymap)) {
    if (binding.modes.includes(mode) && matches(binding.chords))
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

export function footerLabels(mode: Mode, view?: ViewKeys, keymap: KeyMap = DEFAULT_KEYMAP): string[] {
  return bindingsFor(view, keymap).flatMap((binding) =>
    binding.footer && binding.footer.modes.includes(mode) ? [binding.footer.label] : [],
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

/** The help's lines: one per command, or one per group (the tabs share `1 2 3 4 5`). */
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
      ...(binding.group && { group: binding.group.id }),
    });
  }
  return rows.map(({ keys, description }) => ({ keys, description }));
}
