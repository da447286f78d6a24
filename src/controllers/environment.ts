/**
 * What every controller is given and gives back. A controller is a pure
 * function: the UI state the previous key left, the key (and the command it
 * names), and what the screen shows (the environment) in; the next UI state
 * and the effects to carry out out. No React, no timers: tests call them
 * directly.
 */
import type { Key } from 'ink';
import type { ActionId, ActionTarget, CopyText, NameOf } from '../views/actions.js';
import type { AnyRow, ResourceKind, ResourceView } from '../views/index.js';
import { DEFAULT_KEYMAP, type BindingName, type KeyMap } from '../input/bindings.js';
import type { CustomCommand, CustomCommands } from '../input/custom-commands.js';
import type { UiState } from '../model/ui-state.js';
import type { FilterExpression } from '../filter/index.js';

/** The current tab as the screen shows it. */
export interface TabContext {
  view: ResourceView<AnyRow>;
  /** Filtered and sorted, ghosts included: what the table lists. */
  rows: readonly AnyRow[];
  /** Every resource of the tab, listed or not (a marked one the filter now hides is still acted on). */
  items: readonly AnyRow[];
  /** The selection as shown. */
  selectedId: string | null;
  ghostIds: ReadonlySet<string>;
  /** Columns on screen at this width, which `o` cycles through. */
  visibleColumnIds: readonly string[];
}

export interface KeyEnvironment {
  /**
   * The tab as the screen shows it for `state`: asked for the state the
   * previous key left, not taken from the last render, since several keys can
   * arrive in one read and `3D` must switch to Pods and then act on the pod
   * selected there.
   */
  tab(state: UiState): TabContext;
  /** Lines of the area between header and footer, where tables, dialogs and panes are drawn. */
  bodyHeight: number;
  /** Its width: the terminal's. */
  width: number;
  /** Screen lines the detail pane has for the resource it shows (long values take several). */
  detailLines(state: UiState): number;
  /** Screen lines the help has on this tab. */
  helpLines(state: UiState): number;
  /** The events panel's story, newest first: what each was about. */
  events: readonly EventRef[];
  readOnly: boolean;
  canRun(kind: ResourceKind, action: ActionId): boolean;
  /** Why the key may not do `action` to `kind` (`this key is read-only for pods`), or null (data/permissions.ts). */
  keyWithholds?(kind: ResourceKind, action: ActionId): string | null;
  /** Another resource's name, for a message (the pod a disk is attached to). */
  nameOf: NameOf;
  /** The lines of the open log pane, numbered from `first` (LogBuffer), and whether the log has answered yet. */
  log(state: UiState): { lines: readonly string[]; first: number; loaded: boolean } | null;
  /** What `:team` and `:ctx` complete from: the user's teams (by name) and the saved contexts. */
  accounts: { teams: readonly string[]; contexts: readonly string[] };
  /** The keys in force (the config file's over the defaults); the defaults when absent. */
  keymap?: KeyMap;
  /** The config file's commands of each tab (input/custom-commands.ts); none when absent. */
  commands?: CustomCommands;
  /** How many offers a watch matched at the last poll (null: not yet polled), for `:watches`. */
  watchMatches?: (watch: FilterExpression) => number | null;
}

/** An event as the keys need it: which one, and the resource it was about. */
export interface EventRef {
  seq: number;
  resource: ResourceKind;
  id: string;
  name: string;
  /** Whether it was about one row (a status change) or the tab as a whole (its burn rate). */
  aboutRow: boolean;
}

/** A key press: what Ink reported, and the command it names in the current mode (null: none). */
export interface KeyPress {
  input: string;
  key: Key;
  command: BindingName | null;
}

export type Tone = 'info' | 'success' | 'error';

export type Effect =
  | { type: 'quit' }
  | { type: 'refresh'; kind: ResourceKind }
  | { type: 'flash'; text: string; tone: Tone }
  /** Send the DELETEs the confirm dialog was opened for. */
  | { type: 'delete'; kind: ResourceKind; targets: readonly ActionTarget[] }
  /** Hand the terminal to `ssh` for this connection (`user@host -p port`) until it exits. */
  | { type: 'ssh'; connection: string; name: string }
  | { type: 'copy'; text: CopyText }
  /** Run a command of the config file with these arguments, about `target` (`pod llama-serve`). */
  | { type: 'run'; command: CustomCommand; argv: readonly string[]; target: string }
  /** Poll another Prime team (null: the personal account), or another saved context, from scratch. */
  | { type: 'switchTeam'; name: string | null }
  | { type: 'switchContext'; name: string };

export interface KeyResult {
  state: UiState;
  effects: Effect[];
}

export type Controller = (state: UiState, press: KeyPress, env: KeyEnvironment) => KeyResult;

/** The next state, with nothing else to do. */
export function next(state: UiState): KeyResult {
  return { state, effects: [] };
}

/** The same state, and one line on the flash line. */
export function flash(state: UiState, text: string, tone: Tone = 'info'): KeyResult {
  return { state, effects: [{ type: 'flash', text, tone }] };
}

export function keymapOf(env: KeyEnvironment): KeyMap {
  return env.keymap ?? DEFAULT_KEYMAP;
}
