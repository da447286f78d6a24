/**
 * The config file's `commands` (input/custom-commands.ts), checked before
 * the dashboard starts, each problem one line naming the field: a name the
 * footer can show, a key no binding of the list already has (a command must
 * never shadow delete, nor be shadowed by it), tabs that exist, a program
 * with no placeholder in it, and placeholders each named tab can fill.
 */
import { ConfigError } from './config-error.js';
import { sanitize } from '../util/text.js';
import { RESOURCE_KINDS, type ResourceKind } from '../views/index.js';
import type { KeyMap } from '../input/bindings.js';
import { chordLabel, normaliseChord } from '../input/chords.js';
import { fieldsOf, placeholdersIn, type CustomCommand, type CustomCommands } from '../input/custom-commands.js';
import { bindingsFor } from '../input/key-map.js';
import { viewFor } from '../views/index.js';

/** One entry as the file's schema reads it (cloudtop-file.ts). */
export interface CommandEntry {
  key: string;
  tabs: readonly ResourceKind[];
  command: string;
  args?: readonly string[] | undefined;
  description?: string | undefined;
  shell?: boolean | undefined;
  background?: boolean | undefined;
  destructive?: boolean | undefined;
}

/** The footer shows the name after the key: a short word. */
const NAME = /^[A-Za-z0-9][\w.-]{0,23}$/;

/** Who has each key in the list, on any tab: a command's key must be free of all of them. */
function boundInTheList(keymap: KeyMap): Map<string, string> {
  const bound = new Map<string, string>();
  for (const view of [undefined, ...RESOURCE_KINDS.map((kind) => viewFor(kind))]) {
    for (const binding of bindingsFor(view, keymap)) {
      if (!binding.modes.includes('table')) continue;
      for (const chord of binding.chords) if (!bound.has(chord)) bound.set(chord, binding.name);
    }
  }
  // Named in the list even where nothing takes several (so that the controller can say why).
  for (const name of ['mark', 'markRange', 'clearMarks'] as const)
    for (const chord of keymap[name]) if (!bound.has(chord)) bound.set(chord, name);
  return bound;
}

export function resolveCommands(
  entries: Readonly<Record<string, CommandEntry>>,
  keymap: KeyMap,
  where = 'commands',
): CustomCommands {
  const bound = boundInTheList(keymap);
  const byTab: Partial<Record<ResourceKind, CustomCommand[]>> = {};
  for (const [rawName, entry] of Object.entries(entries)) {
    const name = sanitize(rawName).slice(0, 40);
    const fail = (field: string, message: string): never => {
      throw new ConfigError(`${where}.${name}${field ? `.${field}` : ''} ${message}`);
    };
    if (!NAME.test(rawName))
      fail(
        '',
        'needs a name the footer can show: letters, digits, -, _ and ., at most 24, starting with a letter or digit',
      );
    const key = normaliseChord(entry.key);
    if (key === null)
      return fail('key', `"${sanitize(entry.key)}" is not a key (one character, ctrl+<letter>, or a named key)`);
    const holder = bound.get(key);
    if (holder)
      fail('key', `${chordLabel(key)} is already bound to ${holder} in the list; give the command another key`);
    if (placeholdersIn(entry.command).length > 0)
      fail(
        'command',
        entry.shell
          ? 'may not hold a placeholder: pass {id} in args and use "$1" in the script, so that no value is shell text'
          : 'may not hold a placeholder: the program is fixed, and {id} goes in args',
      );
    const args = entry.args ?? [];
    for (const kind of entry.tabs) {
      const fields = fieldsOf(kind);
      for (const field of args.flatMap(placeholdersIn))
        if (!fields.includes(field))
          fail('args', `has {${sanitize(field)}}, which ${kind} have not (${fields.join(', ')})`);
      const taken = byTab[kind]?.find((other) => other.key === key);
      if (taken) fail('key', `${chordLabel(key)} is already the key of ${taken.name} on ${kind}`);
    }
    const command: CustomCommand = {
      name,
      key,
      description: sanitize(entry.description ?? ''),
      program: entry.command,
      args,
      shell: entry.shell ?? false,
      background: entry.background ?? false,
      destructive: entry.destructive ?? false,
    };
    for (const kind of entry.tabs) (byTab[kind] ??= []).push(command);
  }
  return byTab;
}
