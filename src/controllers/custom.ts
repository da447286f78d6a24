/**
 * A key of the config file's `commands` (input/custom-commands.ts) in the
 * list: the selected resource's fields as the program's arguments, handed to
 * the effect that runs it (dashboard/effects.ts). What cannot run says why
 * in one line: destructive under `--read-only`, nothing selected, a field
 * the row has none of.
 */
import type { Key } from 'ink';
import { chordMatches } from '../input/chords.js';
import { commandArguments } from '../input/custom-commands.js';
import type { UiState } from '../model/ui-state.js';
import { flash, type KeyEnvironment, type KeyResult } from './environment.js';

/** What the key does when it is a command of this tab; null when it is none. */
export function customCommandKey(state: UiState, input: string, key: Key, env: KeyEnvironment): KeyResult | null {
  const command = env.commands?.[state.tab]?.find((candidate) => chordMatches(candidate.key, input, key));
  if (!command) return null;
  if (command.destructive && env.readOnly)
    return flash(state, `${command.name} is disabled: cloudtop was started with --read-only`);
  const tab = env.tab(state);
  const { view, selectedId } = tab;
  const row = tab.items.find((item) => view.getId(item) === selectedId && !tab.ghostIds.has(selectedId));
  if (!row) return flash(state, `No ${view.singular} selected to run ${command.name} on`);
  const target = `${view.singular} ${view.getName(row)}`;
  const filled = commandArguments(command, state.tab, row);
  if ('missing' in filled)
    return flash(state, `${command.name} was not run: ${target} has no ${filled.missing} yet`, 'error');
  return { state, effects: [{ type: 'run', command, argv: filled.argv, target }] };
}
