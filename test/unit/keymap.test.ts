/**
 * Key bindings from the config file: any binding moved or removed by name,
 * destructive ones included; the keys in force drive input, the footer and
 * the help alike; a collision is refused in one line naming both bindings.
 */

import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { normaliseChord } from '../../src/input/chords.js';
import { findCollision, resolveKeyMap } from '../../src/config/custom-keys.js';
import { BINDING_NAMES, DEFAULT_KEYMAP } from '../../src/input/bindings.js';
import { commandFor, footerLabels, helpRows } from '../../src/input/key-map.js';
import { reduceKey, type KeyEnvironment } from '../../src/controllers/index.js';
import { initialUiState } from '../../src/model/ui-state.js';
import { RESOURCE_KINDS, viewFor, type ResourceKind } from '../../src/views/index.js';
import { pod } from '../helpers/fixtures.js';
import { key, keyEnvironment, NO_KEY } from '../helpers/keys.js';

const pods = viewFor('pods');

/** Delete moved from D (and Ctrl-D) to X; ssh removed entirely. */
const REMAPPED = resolveKeyMap({ delete: ['X'], ssh: null });

/** Every tab lists the one pod (the keys are what is tested, not the rows). */
function environment(keymap = REMAPPED): KeyEnvironment {
  const rows = [pod('p1', { name: 'alpha' })];
  const items = Object.fromEntries(RESOURCE_KINDS.map((kind) => [kind, rows])) as Record<ResourceKind, typeof rows>;
  return keyEnvironment(items, { keymap });
}

describe('key spelling', () => {
  it('takes characters, ctrl+letter and named keys, in any case, and refuses anything else', () => {
    expect(normaliseChord('X')).toBe('X');
    expect(normaliseChord('Ctrl+D')).toBe('ctrl+d');
    expect(normaliseChord('ctrl-d')).toBe('ctrl+d');
    expect(normaliseChord('Enter')).toBe('enter');
    expect(normaliseChord('PageDown')).toBe('pgdn');
    expect(normaliseChord(' ')).toBe('space');
    expect(normaliseChord('\u001b')).toBeNull();
    expect(normaliseChord('ctrl+1')).toBeNull();
    expect(normaliseChord('foo')).toBeNull();
  });
});

describe('the default key map', () => {
  it('has no collisions, and every binding has a name and a key', () => {
    expect(findCollision(DEFAULT_KEYMAP)).toBeNull();
    for (const name of BINDING_NAMES) expect(DEFAULT_KEYMAP[name].length).toBeGreaterThan(0);
  });

  it('shows the footer and help as before', () => {
    expect(footerLabels('table', pods)).toEqual([
      '↑↓ move',
      '⏎ details',
      '/ filter',
      ': command',
      's ssh',
      'l logs',
      'D delete',
      'c copy',
      'e events',
      '$ wallet',
      '1-6 tabs',
      'o sort',
      'r refresh',
      'p pause',
      '? help',
      'q quit',
    ]);
    const rows = helpRows(pods);
    expect(rows).toContainEqual({
      keys: 'D / Ctrl-D',
      description: 'Delete the selected (or marked) pods, after a confirm',
    });
    expect(rows).toContainEqual({
      keys: '1 2 3 4 5 6',
      description: 'Disks, Sandboxes, Pods, Nodes, History, Availability',
    });
  });
});

describe('a remapped destructive key', () => {
  it('X deletes; D and Ctrl-D do nothing, not even "switch to Pods" elsewhere', () => {
    expect(commandFor('X', NO_KEY, 'table', pods, REMAPPED)).toBe('delete');
    expect(commandFor('D', NO_KEY, 'table', pods, REMAPPED)).toBeNull();
    expect(commandFor('d', key({ ctrl: true }), 'table', pods, REMAPPED)).toBeNull();
    expect(commandFor('D', NO_KEY, 'table', viewFor('nodes'), REMAPPED)).toBeNull();
    // Where delete is not an action (Nodes), X still says where it is.
    expect(commandFor('X', NO_KEY, 'table', viewFor('nodes'), REMAPPED)).toBe('delete');
  });

  it('a removed binding is gone everywhere: s neither connects nor explains', () => {
    expect(commandFor('s', NO_KEY, 'table', pods, REMAPPED)).toBeNull();
    expect(commandFor('s', NO_KEY, 'table', viewFor('disks'), REMAPPED)).toBeNull();
  });

  it('X opens the confirm dialog; D leaves everything as it was', () => {
    const state = initialUiState({ tab: 'pods' });
    const byX = reduceKey(state, 'X', key({ shift: true }), environment());
    expect(byX.state.overlay).toMatchObject({
      type: 'confirm',
      action: 'delete',
      targets: [expect.objectContaining({ id: 'p1' })],
    });
    const byD = reduceKey(state, 'D', key({ shift: true }), environment());
    expect(byD).toEqual({ state, effects: [] });
    // With the defaults, D opens the dialog: the test above is not vacuous.
    expect(reduceKey(state, 'D', key({ shift: true }), environment(DEFAULT_KEYMAP)).state.overlay.type).toBe('confirm');
  });

  it('the footer and help name X and never D; ssh is in neither', () => {
    const footer = footerLabels('table', pods, REMAPPED);
    expect(footer).toContain('X delete');
    expect(footer.some((label) => label.startsWith('D ') || label.endsWith(' ssh'))).toBe(false);
    const rows = helpRows(pods, REMAPPED);
    expect(rows).toContainEqual({ keys: 'X', description: 'Delete the selected (or marked) pods, after a confirm' });
    expect(rows.some((row) => row.keys.includes('Ctrl-D') || row.description.startsWith('SSH'))).toBe(false);
  });

  it('moves global bindings too, and the footer follows', () => {
    const keymap = resolveKeyMap({ refresh: 'R', quit: ['Q'], help: 'h', up: ['up', 'i'], down: ['down', 'u'] });
    expect(commandFor('R', NO_KEY, 'table', pods, keymap)).toBe('refresh');
    expect(commandFor('r', NO_KEY, 'table', pods, keymap)).toBeNull();
    expect(commandFor('i', NO_KEY, 'table', pods, keymap)).toBe('up');
    expect(commandFor('k', NO_KEY, 'table', pods, keymap)).toBeNull();
    expect(footerLabels('table', pods, keymap)).toEqual(expect.arrayContaining(['R refresh', 'h help', 'Q quit']));
    // Ctrl-C quits whatever the file says.
    expect(commandFor('c', key({ ctrl: true }), 'confirm', pods, keymap)).toBe('quit');
  });
});

describe('hints name the keys in force', () => {
  it('a flash names the moved key, or none when the binding was removed', () => {
    const moved = reduceKey(
      initialUiState({ tab: 'pods' }),
      'T',
      key({ shift: true }),
      environment(resolveKeyMap({ toggleAll: 'T' })),
    );
    expect(moved.effects).toEqual([
      { type: 'flash', text: 'Showing terminated and deleted resources (T hides them)', tone: 'info' },
    ]);
    // Delete on Nodes says where it is, by the tab key in force.
    const nodes = initialUiState({ tab: 'nodes' });
    const elsewhere = reduceKey(
      nodes,
      'X',
      key({ shift: true }),
      environment(resolveKeyMap({ delete: 'X', tabDisks: 'ctrl+t', tabSandboxes: null })),
    );
    expect(elsewhere.effects).toEqual([
      {
        type: 'flash',
        text: 'Deleting is for disks, sandboxes and pods: press Ctrl-T for Disks',
        tone: 'info',
      },
    ]);
    const unbound = reduceKey(
      nodes,
      'X',
      key({ shift: true }),
      environment(resolveKeyMap({ delete: 'X', tabDisks: null })),
    );
    expect(unbound.effects[0]).toMatchObject({
      text: 'Deleting is for disks, sandboxes and pods: switch to Disks',
    });
  });
});

describe('collisions', () => {
  it('refuses two bindings on one key in the same mode, in one line naming both', () => {
    expect(() => resolveKeyMap({ delete: 'r' })).toThrow(ConfigError);
    expect(() => resolveKeyMap({ delete: 'r' })).toThrow(
      'keys: r is bound to both delete and refresh in the list; give one of them another key, or null for none',
    );
    expect(() => resolveKeyMap({ copy: 'l' })).toThrow('l is bound to both logs and copy');
    expect(() => resolveKeyMap({ delete: 'ctrl+c' })).toThrow('Ctrl-C always quits and cannot be given to delete');
    // Shift-letters sort by a column, as in k9s: another binding cannot take one unnoticed.
    expect(() => resolveKeyMap({ toggleAll: 'A' })).toThrow('A is bound to both toggleAll and sortByAge');
  });

  it('allows one key in modes that never meet, and a key freed by the file', () => {
    // f follows in the log pane only; / is filter in the list and search in the log pane.
    expect(() => resolveKeyMap({ refresh: 'f' })).not.toThrow();
    expect(() => resolveKeyMap({ delete: 'r', refresh: 'R' })).not.toThrow();
  });

  it('refuses a key that is not a key, naming the binding', () => {
    expect(() => resolveKeyMap({ delete: 'foo' })).toThrow(
      /^keys\.delete: "foo" is not a key \(a single character, ctrl\+<letter>, or one of enter, esc/,
    );
  });
});
