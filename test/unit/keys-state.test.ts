import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import { BINDINGS, footerLabels, keyToAction, splitKeys } from '../../src/input/bindings.js';
import { initialUiState, tabAfter, uiReducer } from '../../src/model/ui-state.js';

const NO_KEY: Key = {
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
const key = (overrides: Partial<Key>): Key => ({ ...NO_KEY, ...overrides });

describe('keyToAction', () => {
  it('maps the documented keys in the table', () => {
    expect(keyToAction('q', NO_KEY, 'table')).toEqual({ type: 'quit' });
    expect(keyToAction('c', key({ ctrl: true }), 'table')).toEqual({ type: 'quit' });
    expect(keyToAction('3', NO_KEY, 'table')).toEqual({ type: 'switchTab', index: 2 });
    expect(keyToAction('', key({ tab: true }), 'table')).toEqual({ type: 'nextTab' });
    expect(keyToAction('', key({ tab: true, shift: true }), 'table')).toEqual({ type: 'previousTab' });
    expect(keyToAction('j', NO_KEY, 'table')).toEqual({ type: 'move', move: 'down' });
    expect(keyToAction('k', NO_KEY, 'table')).toEqual({ type: 'move', move: 'up' });
    expect(keyToAction('', key({ downArrow: true }), 'table')).toEqual({ type: 'move', move: 'down' });
    expect(keyToAction('', key({ upArrow: true }), 'table')).toEqual({ type: 'move', move: 'up' });
    expect(keyToAction('', key({ pageDown: true }), 'table')).toEqual({ type: 'move', move: 'pageDown' });
    expect(keyToAction('', key({ pageUp: true }), 'table')).toEqual({ type: 'move', move: 'pageUp' });
    expect(keyToAction('g', NO_KEY, 'table')).toEqual({ type: 'move', move: 'top' });
    expect(keyToAction('G', NO_KEY, 'table')).toEqual({ type: 'move', move: 'bottom' });
    expect(keyToAction('', key({ return: true }), 'table')).toEqual({ type: 'openDetail' });
    expect(keyToAction('o', NO_KEY, 'table')).toEqual({ type: 'cycleSort' });
    expect(keyToAction('O', NO_KEY, 'table')).toEqual({ type: 'reverseSort' });
    expect(keyToAction('r', NO_KEY, 'table')).toEqual({ type: 'refresh' });
    expect(keyToAction('p', NO_KEY, 'table')).toEqual({ type: 'togglePause' });
    expect(keyToAction('?', NO_KEY, 'table')).toEqual({ type: 'toggleHelp' });
    expect(keyToAction('x', NO_KEY, 'table')).toBeNull();
  });

  it('closes overlays with Esc and ignores table keys in help', () => {
    expect(keyToAction('', key({ escape: true }), 'detail')).toEqual({ type: 'close' });
    expect(keyToAction('', key({ escape: true }), 'help')).toEqual({ type: 'close' });
    // In the table, Esc clears an active filter.
    expect(keyToAction('', key({ escape: true }), 'table')).toEqual({ type: 'clearFilter' });
    expect(keyToAction('o', NO_KEY, 'help')).toBeNull();
    // Help scrolls when the terminal is too short for every key.
    expect(keyToAction('', key({ downArrow: true }), 'help')).toEqual({ type: 'move', move: 'down' });
  });

  it('lists every binding with a description, and a footer per mode', () => {
    for (const binding of BINDINGS) expect(binding.description.length).toBeGreaterThan(3);
    expect(footerLabels('table')).toContain('q quit');
    expect(footerLabels('detail')).toContain('esc close');
  });
});

describe('uiReducer', () => {
  it('steps tabs with wrap-around, computed from the current state', () => {
    let state = initialUiState({ tab: 'pods' });
    state = uiReducer(state, { type: 'stepTab', step: 1 });
    state = uiReducer(state, { type: 'stepTab', step: 1 });
    state = uiReducer(state, { type: 'stepTab', step: 1 });
    expect(state.tab).toBe('disks');
    expect(tabAfter('disks', -1)).toBe('history');
  });

  it('applies two selection moves from the same render', () => {
    const rows = [{ id: 'a' }, { id: 'b' }, { id: 'c' }] as never[];
    const getId = (row: { id: string }) => row.id;
    let state = uiReducer(initialUiState({ tab: 'pods' }), { type: 'select', tab: 'pods', id: 'a' });
    const move = (from: string | null) =>
      ({ type: 'moveSelection', tab: 'pods', from, move: 'down', rows, getId, pageSize: 10 }) as const;
    state = uiReducer(state, move(state.tabs.pods.selectedId));
    state = uiReducer(state, move(state.tabs.pods.selectedId));
    expect(state.tabs.pods.selectedId).toBe('c');
  });

  it('keeps selection and sort per tab', () => {
    let state = uiReducer(initialUiState({ tab: 'pods' }), { type: 'select', tab: 'pods', id: 'p1' });
    state = uiReducer(state, { type: 'reverseSort', tab: 'pods' });
    state = uiReducer(state, { type: 'switchTab', tab: 'disks' });
    expect(state.tabs.disks.selectedId).toBeNull();
    expect(state.tabs.pods).toMatchObject({ selectedId: 'p1', sort: { columnId: 'name', descending: true } });
  });

  it('cycles the sort through the given columns', () => {
    let state = initialUiState({ tab: 'pods' });
    for (const expected of ['status', 'gpu', 'name']) {
      state = uiReducer(state, { type: 'cycleSort', tab: 'pods', columnIds: ['name', 'status', 'gpu'] });
      expect(state.tabs.pods.sort).toEqual({ columnId: expected, descending: false });
    }
  });

  it('clamps detail scrolling and toggles help', () => {
    let state = uiReducer(initialUiState({ tab: 'pods' }), { type: 'openDetail', id: 'p1' });
    state = uiReducer(state, { type: 'scrollDetail', delta: 50, max: 7 });
    expect(state.overlay).toEqual({ type: 'detail', id: 'p1', offset: 7 });
    state = uiReducer(state, { type: 'scrollDetail', delta: -100, max: 7 });
    expect(state.overlay).toEqual({ type: 'detail', id: 'p1', offset: 0 });
    state = uiReducer(state, { type: 'toggleHelp' });
    expect(state.overlay.type).toBe('help');
    state = uiReducer(state, { type: 'closeOverlay' });
    expect(state.overlay.type).toBe('none');
  });
});

describe('splitKeys', () => {
  it('splits a read of several plain keys into one key each', () => {
    expect(splitKeys('jjj', NO_KEY).map(([input]) => input)).toEqual(['j', 'j', 'j']);
  });
  it('turns control characters into the keys they are', () => {
    const keys = splitKeys('ab\r\t\u0004', NO_KEY);
    expect(keys.map(([input]) => input)).toEqual(['a', 'b', '', '', 'd']);
    expect(keys[2]![1].return).toBe(true);
    expect(keys[3]![1].tab).toBe(true);
    expect(keys[4]![1].ctrl).toBe(true);
  });
  it('keeps typed text whole for the filter prompt, but still sees Enter', () => {
    const keys = splitKeys('label:eval\r', NO_KEY, true);
    expect(keys.map(([input]) => input)).toEqual(['label:eval', '']);
    expect(keys[1]![1].return).toBe(true);
  });
  it('leaves single keys and special keys alone', () => {
    expect(splitKeys('q', NO_KEY)).toEqual([['q', NO_KEY]]);
    const arrow = key({ downArrow: true });
    expect(splitKeys('', arrow)).toEqual([['', arrow]]);
  });
});
