/**
 * The key map in force: the defaults of input/bindings.ts with the config file's
 * `keys` laid over them, by binding name (`"delete": ["X"]`, `"ssh": null`).
 * A key the file names is checked here, and two bindings on one key where
 * both could act (the same mode) are refused before the dashboard starts, in
 * one line naming both: a remapped delete must never be shadowed by, or
 * shadow, another binding without the person knowing.
 */
import { ConfigError } from './config-error.js';
import { sanitize } from '../util/text.js';
import { NAMED_KEYS, chordLabel, normaliseChord, type Chord } from '../input/chords.js';
import { BINDING_NAMES, DEFAULT_KEYMAP, type BindingName, type KeyMap, type Mode } from '../input/bindings.js';
import { bindingsFor } from '../input/key-map.js';
import { RESOURCE_KINDS, viewFor } from '../views/index.js';

/** What the file may say for one binding: a key, several, or null / [] for none. */
export type KeyOverride = string | readonly string[] | null;

const KEY_SYNTAX = `a single character, ctrl+<letter>, or one of ${NAMED_KEYS.join(', ')}`;

export function isBindingName(name: string): name is BindingName {
  return (BINDING_NAMES as readonly string[]).includes(name);
}

/**
 * The defaults with `overrides` applied. Names that are not bindings were
 * already reported by the file's reader (as warnings); a key that is not a
 * key, or a collision, throws a ConfigError of one line.
 */
export function resolveKeyMap(overrides: Readonly<Record<string, KeyOverride>> = {}, where = 'keys'): KeyMap {
  const keymap: Record<BindingName, readonly Chord[]> = { ...DEFAULT_KEYMAP };
  for (const [name, value] of Object.entries(overrides)) {
    if (!isBindingName(name)) continue;
    const given = value === null ? [] : typeof value === 'string' ? [value] : value;
    const chords: Chord[] = [];
    for (const text of given) {
      const chord = normaliseChord(text);
      if (chord === null) throw new ConfigError(`${where}.${name}: "${sanitize(text)}" is not a key (${KEY_SYNTAX})`);
      if (!chords.includes(chord)) chords.push(chord);
    }
    keymap[name] = chords;
  }
  const collision = findCollision(keymap);
  if (collision) throw new ConfigError(`${where}: ${collision}`);
  return keymap;
}

/**
 * Two bindings that one key would trigger in the same mode, in one line; null
 * when there are none. Every view's actions are checked, so a key given to
 * delete cannot also be another binding on any tab.
 */
export function findCollision(keymap: KeyMap): string | null {
  const views = [undefined, ...RESOURCE_KINDS.map((kind) => viewFor(kind))];
  for (const view of views) {
    const bindings = bindingsFor(view, keymap);
    for (let i = 0; i < bindings.length; i++) {
      for (let j = i + 1; j < bindings.length; j++) {
        const a = bindings[i]!;
        const b = bindings[j]!;
        if (a.name === b.name) continue;
        const chord = a.chords.find((one) => b.chords.includes(one));
        const mode = a.modes.find((one) => b.modes.includes(one));
        if (chord === undefined || mode === undefined) continue;
        if (a.name === 'forceQuit' || b.name === 'forceQuit') {
          return `${chordLabel(chord)} always quits and cannot be given to ${a.name === 'forceQuit' ? b.name : a.name}`;
        }
        return `${chordLabel(chord)} is bound to both ${a.name} and ${b.name} in ${MODE_NAMES[mode]}; give one of them another key, or null for none`;
      }
    }
  }
  return null;
}

const MODE_NAMES: Readonly<Record<Mode, string>> = {
  table: 'the list',
  detail: 'the detail pane',
  help: 'the help',
  confirm: 'a confirm dialog',
  filter: 'the filter prompt',
  choose: 'the node choice',
  logs: 'the log pane',
  command: 'the command prompt',
  events: 'the events panel',
};
