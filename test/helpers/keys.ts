/**
 * Keys as Ink hands them to `useInput`, and a screen for the controllers to
 * act on, for the tests of what a key does (test/unit/key-reducer, keymap,
 * keys-state, read-keys.property; the confirm dialog's component test).
 */
import type { Key } from 'ink';
import type { KeyEnvironment, TabContext } from '../../src/controllers/index.js';
import type { UiState } from '../../src/model/ui-state.js';
import { viewFor, type AnyRow, type ResourceKind } from '../../src/views/index.js';

/** A key with no modifier or named key: what a plain character comes with. */
export const NO_KEY = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
} as Key;

export const key = (overrides: Partial<Key> = {}): Key => ({ ...NO_KEY, ...overrides });

/**
 * The screen as an environment describes it: each tab's rows as given, the
 * first selected unless another was chosen; nothing can fail to run.
 */
export function keyEnvironment(
  items: Readonly<Record<ResourceKind, readonly AnyRow[]>>,
  overrides: Partial<KeyEnvironment> = {},
): KeyEnvironment {
  return {
    tab(state: UiState): TabContext {
      const view = viewFor(state.tab);
      const rows = items[state.tab];
      const asked = state.tabs[state.tab].selectedId;
      const selectedId = rows.some((row) => view.getId(row) === asked) ? asked : rows[0] ? view.getId(rows[0]) : null;
      return { view, rows, items: rows, selectedId, ghostIds: new Set(), visibleColumnIds: ['name', 'status'] };
    },
    bodyHeight: 20,
    width: 100,
    detailLines: () => 0,
    helpLines: () => 40,
    events: [],
    readOnly: false,
    canRun: () => true,
    nameOf: () => undefined,
    log: () => null,
    accounts: { teams: [], contexts: [] },
    ...overrides,
  };
}
