/**
 * A resource's actions, as its view declares them: on the marked resources,
 * or the selected one, a confirm dialog (delete), a hand-over (ssh), a pane
 * (logs) or a copy. What cannot run says why in one line.
 */
import {
  isDeleteAction,
  type ActionId,
  type DeleteAction,
  type ResourceAction,
  type SshAction,
} from '../views/actions.js';
import { RESOURCE_KINDS, VIEWS, type AnyRow, type ResourceView } from '../views/index.js';
import { ACTION_CHORDS, TAB_BINDINGS, type BindingName, type KeyMap } from '../input/bindings.js';
import { keyHint } from '../input/key-map.js';
import {
  INITIAL_DIALOG_STATE,
  openOverlay,
  TYPED_DIALOG_STATE,
  type LogsOverlay,
  type UiState,
} from '../model/ui-state.js';
import { flash, keymapOf, next, type KeyEnvironment, type KeyResult, type TabContext } from './environment.js';

export function isActionId(name: BindingName): name is ActionId {
  return name in ACTION_CHORDS;
}

/** Carries out one of the view's actions on the marked resources, or the selected one. */
export function openAction(state: UiState, id: ActionId, env: KeyEnvironment): KeyResult {
  const tab = env.tab(state);
  const { view } = tab;
  const action = view.actions.find((declared) => declared.id === id);
  if (!action) return flash(state, notHere(id, view, keymapOf(env)));
  if (action.destructive && env.readOnly) {
    return flash(state, `${ACTION_WORDS[id].noun} is disabled: cloudtop was started with --read-only`);
  }
  const denied = env.keyWithholds?.(state.tab, id) ?? null;
  if (denied) return flash(state, `${ACTION_WORDS[id].noun} is not offered: ${denied}`, 'error');
  if (!env.canRun(state.tab, id)) return flash(state, ACTION_WORDS[id].unavailable(view.plural));
  if (isDeleteAction(action)) return openDelete(state, tab, action, env);
  const row = targetsOf(state, tab, { ...action, multiple: false })[0];
  if (!row) return flash(state, `No ${view.singular} selected to ${ACTION_WORDS[id].verb}`);
  switch (action.id) {
    case 'ssh':
      return openSsh(state, tab, action, row);
    case 'logs':
      return next(openOverlay(state, logsOverlay(state, view, row)));
    case 'copy':
    case 'copyId':
      return { state, effects: [{ type: 'copy', text: action.copy(row) }] };
  }
}

function logsOverlay(state: UiState, view: ResourceView<AnyRow>, row: AnyRow): LogsOverlay {
  return {
    type: 'logs',
    kind: state.tab,
    id: view.getId(row),
    name: view.getName(row),
    follow: true,
    wrap: false,
    top: null,
    search: '',
    match: null,
    searching: null,
    seeking: false,
  };
}

/** The confirm dialog, once no target is refused (a disk still attached); a dialog that asks for the name when the action wants it typed. */
function openDelete(state: UiState, tab: TabContext, action: DeleteAction<AnyRow>, env: KeyEnvironment): KeyResult {
  const chosen = targetsOf(state, tab, action);
  if (chosen.length === 0) return flash(state, `No ${tab.view.singular} selected to delete`);
  for (const row of chosen) {
    const refused = action.refusal?.(row, env.nameOf);
    if (refused) return flash(state, refused, 'error');
  }
  const dialog = action.typeNameToConfirm && chosen.length === 1 ? TYPED_DIALOG_STATE : INITIAL_DIALOG_STATE;
  return next(
    openOverlay(state, {
      type: 'confirm',
      kind: state.tab,
      action: 'delete',
      targets: chosen.map(action.target),
      dialog,
    }),
  );
}

/** Straight to ssh with one connection; a choice with several (a multi-node pod), as `prime pods ssh` asks. */
function openSsh(state: UiState, tab: TabContext, action: SshAction<AnyRow>, row: AnyRow): KeyResult {
  const connections = action.connections(row);
  const name = tab.view.getName(row);
  if (connections.length === 0) return flash(state, action.unavailable(row));
  if (connections.length === 1) return { state, effects: [{ type: 'ssh', connection: connections[0]!, name }] };
  const title = `SSH into ${tab.view.singular} ${name}: which node?`;
  return next(openOverlay(state, { type: 'choose', title, options: connections, selected: 0, name }));
}

/** What messages call an action, and what doing it is. */
const ACTION_WORDS: Record<ActionId, { noun: string; verb: string; unavailable: (plural: string) => string }> = {
  delete: { noun: 'Deleting', verb: 'delete', unavailable: (plural) => `This account cannot delete ${plural} here` },
  ssh: { noun: 'SSH', verb: 'ssh into', unavailable: (plural) => `SSH into ${plural} is not available here` },
  logs: {
    noun: 'Logs',
    verb: 'read the logs of',
    unavailable: (plural) => `The logs of ${plural} cannot be read here`,
  },
  copy: { noun: 'Copying', verb: 'copy', unavailable: () => 'Copying is not available here' },
  copyId: { noun: 'Copying the id', verb: 'copy', unavailable: () => 'Copying is not available here' },
};

/** `disks, sandboxes and pods`. */
function listed(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/** `SSH is for pods: press 3 for Pods`: where the action is, since it is not here. */
function notHere(id: ActionId, view: ResourceView<AnyRow>, keymap: KeyMap): string {
  const where = RESOURCE_KINDS.filter((kind) => VIEWS[kind].actions.some((declared) => declared.id === id));
  if (where.length === 0) return `${ACTION_WORDS[id].noun} is not something ${view.title} can do`;
  const names = listed(where.map((kind) => VIEWS[kind].plural));
  const first = where[0]!;
  const tabKey = keyHint(keymap, TAB_BINDINGS[first]);
  const go = tabKey ? `press ${tabKey} for ${VIEWS[first].title}` : `switch to ${VIEWS[first].title}`;
  return `${ACTION_WORDS[id].noun} ${id === 'logs' ? 'are' : 'is'} for ${names}: ${go}`;
}

/** The marked resources in the order the table shows them (marked ones the filter now hides last, still listed), or the selected one. */
function targetsOf(
  state: UiState,
  tab: TabContext,
  action: Pick<ResourceAction<AnyRow>, 'multiple'>,
): readonly AnyRow[] {
  const { view } = tab;
  if (action.multiple && state.marked.size > 0) {
    const shownOrder = new Map(tab.rows.map((row, index) => [view.getId(row), index]));
    const at = (row: AnyRow): number => shownOrder.get(view.getId(row)) ?? Infinity;
    return tab.items.filter((row) => state.marked.has(view.getId(row))).sort((a, b) => at(a) - at(b));
  }
  return tab.items.filter((row) => view.getId(row) === tab.selectedId && !tab.ghostIds.has(tab.selectedId));
}
