/**
 * What a key does, in three steps: the key press names a command in the
 * current mode (input/key-map.ts), and the mode's controller turns the UI
 * state the previous key left into the next one, plus the effects to carry
 * out (quit, refresh, flash a message, delete, ssh, copy, switch account).
 * Ctrl-C quits from every mode.
 *
 *   table, detail, help   table.ts (a resource's actions: actions.ts; the config file's commands: custom.ts)
 *   confirm               dialog.ts
 *   filter                prompt.ts
 *   command               command-line.ts
 *   logs                  logs.ts
 *   choose                choice.ts
 *   events                events.ts
 */
import type { Key } from 'ink';
import { viewFor } from '../views/index.js';
import type { Mode } from '../input/bindings.js';
import { commandFor } from '../input/key-map.js';
import { modeOf, type UiState } from '../model/ui-state.js';
import { choiceController } from './choice.js';
import { commandLineController } from './command-line.js';
import { dialogController } from './dialog.js';
import { eventsController } from './events.js';
import { keymapOf, type Controller, type KeyEnvironment, type KeyResult } from './environment.js';
import { customCommandKey } from './custom.js';
import { logsController } from './logs.js';
import { promptController } from './prompt.js';
import { tableController } from './table.js';

export type { Effect, EventRef, KeyEnvironment, KeyResult, TabContext, Tone } from './environment.js';
export { seekPending } from './logs.js';

const CONTROLLERS: Readonly<Record<Mode, Controller>> = {
  table: tableController,
  detail: tableController,
  help: tableController,
  confirm: dialogController,
  filter: promptController,
  command: commandLineController,
  logs: logsController,
  choose: choiceController,
  events: eventsController,
};

export function reduceKey(state: UiState, input: string, key: Key, env: KeyEnvironment): KeyResult {
  const mode = modeOf(state);
  const command = commandFor(input, key, mode, viewFor(state.tab), keymapOf(env));
  if (command === 'quit') return { state, effects: [{ type: 'quit' }] };
  // A command of the config file has a key no binding of the list has (config/custom-commands.ts).
  const custom = mode === 'table' && command === null ? customCommandKey(state, input, key, env) : null;
  return custom ?? CONTROLLERS[mode](state, { input, key, command }, env);
}
