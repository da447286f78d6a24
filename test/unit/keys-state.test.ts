import { describe, expect, it } from 'vitest';
import { BINDINGS, commandFor, footerLabels } from '../../src/input/key-map.js';
import { readKeys } from '../../src/input/read-keys.js';
import { moveSelection } from '../../src/views/table/selection.js';
import {
  closeOverlay,
  initialUiState,
  openOverlay,
  scrolled,
  switchTab,
  tabAfter,
  withTab,
  type UiState,
} from '../../src/model/ui-state.js';
import { key, NO_KEY } from '../helpers/keys.js';

describe('commandFor', () => {
  it('maps the documented keys in the table', () => {
    expect(commandFor('q', NO_KEY, 'table')).toBe('quit');
    expect(commandFor('c', key({ ctrl: true }), 'table')).toBe('quit');
    expect(commandFor('3', NO_KEY, 'table')).toBe('tabPods');
    expect(commandFor('', key({ tab: true }), 'table')).toBe('nextTab');
    expect(commandFor('', key({ tab: true, shift: true }), 'table')).toBe('previousTab');
    expect(commandFor('j', NO_KEY, 'table')).toBe('down');
    expect(commandFor('k', NO_KEY, 'table')).toBe('up');
    expect(commandFor('', key({ downArrow: true }), 'table')).toBe('down');
    expect(commandFor('', key({ upArrow: true }), 'table')).toBe('up');
    expect(commandFor('', key({ pageDown: true }), 'table')).toBe('pageDown');
    expect(commandFor('', key({ pageUp: true }), 'table')).toBe('pageUp');
    expect(commandFor('g', NO_KEY, 'table')).toBe('top');
    expect(commandFor('G', NO_KEY, 'table')).toBe('bottom');
    expect(commandFor('', key({ return: true }), 'table')).toBe('details');
    expect(commandFor('o', NO_KEY, 'table')).toBe('sort');
    expect(commandFor('O', NO_KEY, 'table')).toBe('reverseSort');
    expect(commandFor('r', NO_KEY, 'table')).toBe('refresh');
    expect(commandFor('p', NO_KEY, 'table')).toBe('togglePause');
    expect(commandFor('?', NO_KEY, 'table')).toBe('help');
    expect(commandFor('x', NO_KEY, 'table')).toBeNull();
  });

  it('closes overlays with Esc and ignores table keys in help', () => {
    expect(commandFor('', key({ escape: true }), 'detail')).toBe('close');
    expect(commandFor('', key({ escape: true }), 'help')).toBe('close');
    // In the table, Esc clears an active filter.
    expect(commandFor('', key({ escape: true }), 'table')).toBe('clearFilter');
    expect(commandFor('o', NO_KEY, 'help')).toBeNull();
    // Help scrolls when the terminal is too short for every key.
    expect(commandFor('', key({ downArrow: true }), 'help')).toBe('down');
  });

  it('lists every binding with a description, and a footer per mode', () => {
    for (const binding of BINDINGS) expect(binding.description.length).toBeGreaterThan(3);
    expect(footerLabels('table')).toContain('q quit');
    expect(footerLabels('detail')).toContain('esc close');
  });
});

describe('the UI state', () => {
  it('steps tabs with wrap-around, computed from the current state', () => {
    let state = initialUiState({ tab: 'pods' });
    state = switchTab(state, tabAfter(state.tab, 1));
    state = switchTab(state, tabAfter(state.tab, 1));
    state = switchTab(state, tabAfter(state.tab, 1));
    state = switchTab(state, tabAfter(state.tab, 1));
    expect(state.tab).toBe('disks');
    expect(tabAfter('disks', -1)).toBe('availability');
  });

  it('applies two selection moves from the same render', () => {
    const rows = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    const getId = (row: { id: string }) => row.id;
    let state = withTab(initialUiState({ tab: 'pods' }), 'pods', { selectedId: 'a' });
    const move = (from: UiState) =>
      withTab(from, 'pods', { selectedId: moveSelection(rows, getId, from.tabs.pods.selectedId, 'down', 10) });
    state = move(state);
    state = move(state);
    expect(state.tabs.pods.selectedId).toBe('c');
  });

  it('keeps selection and sort per tab', () => {
    let state = withTab(initialUiState({ tab: 'pods' }), 'pods', { selectedId: 'p1' });
    state = withTab(state, 'pods', { sort: { ...state.tabs.pods.sort, descending: !state.tabs.pods.sort.descending } });
    state = switchTab(state, 'disks');
    expect(state.tabs.disks.selectedId).toBeNull();
    expect(state.tabs.pods).toMatchObject({ selectedId: 'p1', sort: { columnId: 'name', descending: true } });
  });

  it('clamps scrolling and closes an overlay', () => {
    let state = openOverlay(initialUiState({ tab: 'pods' }), { type: 'detail', id: 'p1', offset: 0 });
    expect(scrolled(0, 50, 7)).toBe(7);
    expect(scrolled(7, -100, 7)).toBe(0);
    state = openOverlay(state, { type: 'help', offset: 0 });
    expect(state.overlay.type).toBe('help');
    state = closeOverlay(state);
    expect(state.overlay.type).toBe('none');
  });
});

describe('readKeys', () => {
  it('splits a read of several plain keys into one key each', () => {
    expect(readKeys('jjj', NO_KEY).map(([input]) => input)).toEqual(['j', 'j', 'j']);
  });
  it('turns control characters into the keys they are', () => {
    const keys = readKeys('ab\r\t\u0004', NO_KEY);
    expect(keys.map(([input]) => input)).toEqual(['a', 'b', '', '', 'd']);
    expect(keys[2]![1].return).toBe(true);
    expect(keys[3]![1].tab).toBe(true);
    expect(keys[4]![1].ctrl).toBe(true);
  });
  it('keeps typed text whole for the filter prompt, but still sees Enter', () => {
    const keys = readKeys('label:eval\r', NO_KEY, true);
    expect(keys.map(([input]) => input)).toEqual(['label:eval', '']);
    expect(keys[1]![1].return).toBe(true);
  });
  it('leaves single keys and special keys alone', () => {
    expect(readKeys('q', NO_KEY)).toEqual([['q', NO_KEY]]);
    const arrow = key({ downArrow: true });
    expect(readKeys('', arrow)).toEqual([['', arrow]]);
  });
});
