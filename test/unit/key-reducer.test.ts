/**
 * The dashboard's key handling as the pure function it is: state and key in,
 * next state and effects out, with what the screen shows supplied by a plain
 * environment. No Ink, no React, no timers.
 */
import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import { reduceKey, type Effect, type KeyEnvironment, type TabContext } from '../../src/app/model/key-reducer.js';
import { initialUiState, type UiState } from '../../src/app/state.js';
import { viewFor, type AnyRow, type ResourceKind } from '../../src/views/index.js';
import { disks, pod } from '../helpers/fixtures.js';

const NO_KEY: Key = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
  return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false, super: false, hyper: false,
  capsLock: false, numLock: false,
} as Key;
const key = (overrides: Partial<Key>): Key => ({ ...NO_KEY, ...overrides });

const PODS = [pod('p1', { name: 'alpha' }), pod('p2', { name: 'bravo' }), pod('p3', { name: 'charlie' })];
const ITEMS: Record<ResourceKind, readonly AnyRow[]> = { disks, sandboxes: [], pods: PODS, nodes: [] };

/** The screen as the environment describes it: each tab's rows in name order, the first selected unless chosen. */
function environment(overrides: Partial<KeyEnvironment> = {}): KeyEnvironment {
  return {
    tab(state: UiState): TabContext {
      const view = viewFor(state.tab);
      const rows = ITEMS[state.tab];
      const asked = state.tabs[state.tab].selectedId;
      const selectedId = rows.some((row) => view.getId(row) === asked) ? asked : rows[0] ? view.getId(rows[0]) : null;
      return { view, rows, items: rows, selectedId, ghostIds: new Set(), visibleColumnIds: ['name', 'status'] };
    },
    bodyHeight: 20,
    detailEntries: () => 0,
    eventCount: 0,
    readOnly: false,
    canRun: () => true,
    ...overrides,
  };
}

/** Keys as one read brings them, each acting on the state the one before left. */
function typed(state: UiState, keys: [string, Key][], env = environment()): { state: UiState; effects: Effect[] } {
  const effects: Effect[] = [];
  for (const [input, k] of keys) {
    const result = reduceKey(state, input, k, env);
    state = result.state;
    effects.push(...result.effects);
  }
  return { state, effects };
}
const chars = (text: string): [string, Key][] => [...text].map((c) => [c, NO_KEY]);

describe('reduceKey', () => {
  it('`3jD` switches to Pods, moves down and opens the dialog for the second pod, all from one read', () => {
    const { state, effects } = typed(initialUiState({ tab: 'disks' }), chars('3jD'));
    expect(state.tab).toBe('pods');
    expect(state.overlay).toMatchObject({ type: 'confirm', kind: 'pods', action: 'delete', targets: [{ id: 'p2', name: 'bravo' }] });
    expect(effects).toEqual([]);
  });

  it('confirming runs the action on the targets captured when the dialog opened, and clears the marks', () => {
    const { state, effects } = typed(initialUiState({ tab: 'pods' }), [...chars(' jj D'), ['y', NO_KEY]]);
    expect(effects).toEqual([{ type: 'run', kind: 'pods', action: 'delete', targets: [expect.objectContaining({ id: 'p1' }), expect.objectContaining({ id: 'p3' })] }]);
    expect(state.overlay.type).toBe('none');
    expect(state.marked.size).toBe(0);
  });

  it('Esc, n and Enter on Cancel close the dialog without running anything', () => {
    for (const cancel of [['', key({ escape: true })], ['n', NO_KEY], ['', key({ return: true })]] as [string, Key][]) {
      const { state, effects } = typed(initialUiState({ tab: 'pods' }), [['D', NO_KEY], cancel]);
      expect(state.overlay.type).toBe('none');
      expect(effects).toEqual([]);
    }
  });

  it('says why, on the flash line, when the action cannot be: read-only, another tab, nothing selected', () => {
    const flash = (env: KeyEnvironment, state: UiState, input = 'D') => reduceKey(state, input, NO_KEY, env).effects;
    expect(flash(environment({ readOnly: true }), initialUiState({ tab: 'pods' }))).toEqual([
      { type: 'flash', text: 'Deletion is disabled: cloudtop was started with --read-only', tone: 'info' },
    ]);
    expect(flash(environment(), initialUiState({ tab: 'disks' }))).toEqual([{ type: 'flash', text: 'Deletion is for pods only: switch to Pods (3) to delete', tone: 'info' }]);
    expect(flash(environment(), initialUiState({ tab: 'nodes' }), ' ')).toEqual([
      { type: 'flash', text: 'Marks are for acting on several at once, which Nodes has no action for', tone: 'info' },
    ]);
    const empty = environment({ tab: (state) => ({ ...environment().tab(state), rows: [], items: [], selectedId: null }) });
    expect(flash(empty, initialUiState({ tab: 'pods' }))).toEqual([{ type: 'flash', text: 'No pod selected to delete', tone: 'info' }]);
  });

  it('applies a typed filter on Enter, keeps an unusable one in the prompt, and quits with Ctrl-C from anywhere', () => {
    // Disks have no labels: the prompt stays open, and the tab keeps its filter.
    let { state } = typed(initialUiState({ tab: 'disks' }), [['/', NO_KEY], ['label:x', NO_KEY], ['', key({ return: true })]]);
    expect(state.overlay).toEqual({ type: 'filter', draft: 'label:x' });
    expect(state.tabs.disks.filter.terms).toEqual([]);
    expect(reduceKey(state, 'c', key({ ctrl: true }), environment()).effects).toEqual([{ type: 'quit' }]);
    ({ state } = typed(initialUiState({ tab: 'pods' }), [['/', NO_KEY], ['bravo', NO_KEY], ['', key({ return: true })]]));
    expect(state.overlay.type).toBe('none');
    expect(state.tabs.pods.filter.source).toBe('bravo');
    expect(reduceKey(state, 'c', key({ ctrl: true }), environment()).effects).toEqual([{ type: 'quit' }]);
  });

  it('refresh and quit are effects, not state', () => {
    expect(typed(initialUiState({ tab: 'nodes' }), chars('r')).effects).toEqual([{ type: 'refresh', kind: 'nodes' }]);
    expect(typed(initialUiState({ tab: 'nodes' }), chars('q')).effects).toEqual([{ type: 'quit' }]);
  });
});
