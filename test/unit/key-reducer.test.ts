/**
 * The dashboard's key handling as the pure function it is: state and key in,
 * next state and effects out, with what the screen shows supplied by a plain
 * environment. No Ink, no React, no timers.
 */
import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import { reduceKey, seekPending, type Effect, type KeyEnvironment } from '../../src/controllers/index.js';
import { initialUiState, type UiState } from '../../src/model/ui-state.js';
import { type AnyRow, type ResourceKind } from '../../src/views/index.js';
import { disks, pod, sandboxes } from '../helpers/fixtures.js';
import { key, keyEnvironment, NO_KEY } from '../helpers/keys.js';

const PODS = [
  pod('p1', { name: 'alpha' }),
  pod('p2', { name: 'bravo', status: 'PROVISIONING', sshConnection: null, installationProgress: 40 }),
  pod('p3', { name: 'charlie', sshConnection: ['root@10.0.0.1 -p 2201', 'root@10.0.0.2 -p 2202'] }),
];
const ITEMS: Record<ResourceKind, readonly AnyRow[]> = {
  disks,
  sandboxes,
  pods: PODS,
  nodes: [],
  history: [],
  availability: [],
};
/** A log of 100 numbered lines, of which the oldest 20 were dropped: line n reads `line n`, every tenth says `error`. */
const LOG = {
  loaded: true,
  first: 20,
  lines: Array.from({ length: 100 }, (_, i) => `line ${i + 20}${(i + 20) % 10 === 0 ? ' error' : ''}`),
};

/** The screen as the environment describes it: each tab's rows in name order, the first selected unless chosen. */
function environment(overrides: Partial<KeyEnvironment> = {}): KeyEnvironment {
  return keyEnvironment(ITEMS, {
    nameOf: (kind, id) => (kind === 'pods' ? (PODS.find((row) => row.id === id)?.name ?? undefined) : undefined),
    accounts: { teams: ['research', 'infra', 'evals'], contexts: ['production', 'staging'] },
    ...overrides,
  });
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
    expect(state.overlay).toMatchObject({
      type: 'confirm',
      kind: 'pods',
      action: 'delete',
      targets: [{ id: 'p2', name: 'bravo' }],
    });
    expect(effects).toEqual([]);
  });

  it('confirming runs the action on the targets captured when the dialog opened, and clears the marks', () => {
    const { state, effects } = typed(initialUiState({ tab: 'pods' }), [...chars(' jj D'), ['y', NO_KEY]]);
    expect(effects).toEqual([
      {
        type: 'delete',
        kind: 'pods',
        targets: [expect.objectContaining({ id: 'p1' }), expect.objectContaining({ id: 'p3' })],
      },
    ]);
    expect(state.overlay.type).toBe('none');
    expect(state.marked.size).toBe(0);
  });

  it('Esc, n and Enter on Cancel close the dialog without running anything', () => {
    for (const cancel of [
      ['', key({ escape: true })],
      ['n', NO_KEY],
      ['', key({ return: true })],
    ] as [string, Key][]) {
      const { state, effects } = typed(initialUiState({ tab: 'pods' }), [['D', NO_KEY], cancel]);
      expect(state.overlay.type).toBe('none');
      expect(effects).toEqual([]);
    }
  });

  it('says why, on the flash line, when the action cannot be: read-only, another tab, nothing selected', () => {
    const flash = (env: KeyEnvironment, state: UiState, input = 'D') => reduceKey(state, input, NO_KEY, env).effects;
    expect(flash(environment({ readOnly: true }), initialUiState({ tab: 'pods' }))).toEqual([
      { type: 'flash', text: 'Deleting is disabled: cloudtop was started with --read-only', tone: 'info' },
    ]);
    expect(flash(environment(), initialUiState({ tab: 'nodes' }))).toEqual([
      {
        type: 'flash',
        text: 'Deleting is for disks, sandboxes and pods: press 1 for Disks',
        tone: 'info',
      },
    ]);
    expect(flash(environment(), initialUiState({ tab: 'nodes' }), 's')).toEqual([
      { type: 'flash', text: 'SSH is for pods: press 3 for Pods', tone: 'info' },
    ]);
    expect(flash(environment(), initialUiState({ tab: 'nodes' }), 'l')).toEqual([
      { type: 'flash', text: 'Logs are for sandboxes and pods: press 2 for Sandboxes', tone: 'info' },
    ]);
    expect(flash(environment(), initialUiState({ tab: 'nodes' }), ' ')).toEqual([
      {
        type: 'flash',
        text: 'Marks are for acting on several at once, and nothing on Nodes takes several',
        tone: 'info',
      },
    ]);
    const empty = environment({
      tab: (state) => ({ ...environment().tab(state), rows: [], items: [], selectedId: null }),
    });
    expect(flash(empty, initialUiState({ tab: 'pods' }))).toEqual([
      { type: 'flash', text: 'No pod selected to delete', tone: 'info' },
    ]);
  });

  it('applies a typed filter on Enter, keeps an unusable one in the prompt, and quits with Ctrl-C from anywhere', () => {
    // Disks have no labels: the prompt stays open, and the tab keeps its filter.
    let { state } = typed(initialUiState({ tab: 'disks' }), [
      ['/', NO_KEY],
      ['label:x', NO_KEY],
      ['', key({ return: true })],
    ]);
    expect(state.overlay).toEqual({ type: 'filter', draft: 'label:x' });
    expect(state.tabs.disks.filter.terms).toEqual([]);
    expect(reduceKey(state, 'c', key({ ctrl: true }), environment()).effects).toEqual([{ type: 'quit' }]);
    ({ state } = typed(initialUiState({ tab: 'pods' }), [
      ['/', NO_KEY],
      ['bravo', NO_KEY],
      ['', key({ return: true })],
    ]));
    expect(state.overlay.type).toBe('none');
    expect(state.tabs.pods.filter.source).toBe('bravo');
    expect(reduceKey(state, 'c', key({ ctrl: true }), environment()).effects).toEqual([{ type: 'quit' }]);
  });

  it('refuses to open a dialog for a disk still attached to a pod, naming the pod', () => {
    const { state, effects } = typed(initialUiState({ tab: 'disks' }), chars('D'));
    expect(state.overlay.type).toBe('none');
    expect(effects).toEqual([
      {
        type: 'flash',
        text: 'Disk datasets-eu-1 is attached to pod alpha (p1): delete or detach the pod first',
        tone: 'error',
      },
    ]);
  });

  it("asks for a detached disk's name: Delete is pressed only once it is typed exactly, y and n being letters", () => {
    const start = typed(initialUiState({ tab: 'disks' }), chars('jD')).state;
    expect(start.overlay).toMatchObject({
      type: 'confirm',
      kind: 'disks',
      targets: [{ id: 'disk-2', name: 'checkpoints' }],
      dialog: { typed: '' },
    });
    // Enter before the name matches does nothing; `y` is typed, not a yes.
    let { state, effects } = typed(start, [...chars('checky'), ['', key({ return: true })]]);
    expect(state.overlay).toMatchObject({ type: 'confirm', dialog: { typed: 'checky' } });
    expect(effects).toEqual([]);
    ({ state, effects } = typed(state, [
      ['', key({ backspace: true })],
      ...chars('points'),
      ['', key({ return: true })],
    ]));
    expect(state.overlay.type).toBe('none');
    expect(effects).toEqual([{ type: 'delete', kind: 'disks', targets: [expect.objectContaining({ id: 'disk-2' })] }]);
  });

  it('read-only turns off deletion only: ssh, logs and copy still work', () => {
    const env = environment({ readOnly: true });
    expect(typed(initialUiState({ tab: 'pods' }), chars('s'), env).effects).toEqual([
      { type: 'ssh', connection: 'root@10.0.0.2 -p 22', name: 'alpha' },
    ]);
    expect(typed(initialUiState({ tab: 'pods' }), chars('l'), env).state.overlay).toMatchObject({
      type: 'logs',
      kind: 'pods',
      id: 'p1',
      follow: true,
    });
    expect(typed(initialUiState({ tab: 'pods' }), chars('C'), env).effects).toEqual([
      { type: 'copy', text: { what: "the pod's id", text: 'p1' } },
    ]);
  });

  it('ssh: a reason for a pod with no connection yet, a choice between the nodes of a multi-node pod', () => {
    expect(typed(initialUiState({ tab: 'pods' }), chars('js')).effects).toEqual([
      {
        type: 'flash',
        text: 'Pod bravo has no SSH connection yet: it is PROVISIONING (installing, 40%)',
        tone: 'info',
      },
    ]);
    const { state } = typed(initialUiState({ tab: 'pods' }), chars('jjs'));
    expect(state.overlay).toMatchObject({
      type: 'choose',
      options: ['root@10.0.0.1 -p 2201', 'root@10.0.0.2 -p 2202'],
      selected: 0,
    });
    // ↓ then Enter, or the node's number; Esc goes back with nothing run.
    expect(
      typed(state, [
        ['', key({ downArrow: true })],
        ['', key({ return: true })],
      ]),
    ).toMatchObject({
      state: { overlay: { type: 'none' } },
      effects: [{ type: 'ssh', connection: 'root@10.0.0.2 -p 2202', name: 'charlie' }],
    });
    expect(typed(state, chars('1')).effects).toEqual([
      { type: 'ssh', connection: 'root@10.0.0.1 -p 2201', name: 'charlie' },
    ]);
    expect(typed(state, [['', key({ escape: true })]])).toMatchObject({
      state: { overlay: { type: 'none' } },
      effects: [],
    });
  });

  it("c copies a pod's ssh connection (the shell makes the command of it), a sandbox's id; C the id", () => {
    expect(typed(initialUiState({ tab: 'pods' }), chars('c')).effects).toEqual([
      { type: 'copy', text: { what: 'the ssh command for pod alpha', sshConnection: 'root@10.0.0.2 -p 22' } },
    ]);
    expect(typed(initialUiState({ tab: 'sandboxes' }), chars('c')).effects).toEqual([
      { type: 'copy', text: { what: "the sandbox's id", text: 'sb-1' } },
    ]);
    expect(typed(initialUiState({ tab: 'sandboxes' }), chars('C')).effects).toEqual([
      { type: 'copy', text: { what: "the sandbox's id", text: 'sb-1' } },
    ]);
  });

  it('the log pane scrolls by line number, follows, wraps, searches, and Esc goes back to the table as it was', () => {
    const env = environment({ bodyHeight: 11, log: () => LOG });
    const opened = typed(initialUiState({ tab: 'pods' }), chars('jl'), env).state;
    expect(opened.overlay).toMatchObject({
      type: 'logs',
      id: 'p2',
      name: 'bravo',
      top: null,
      follow: true,
      wrap: false,
    });
    // 10 lines a page: the newest page starts at line 110; up one is 109; PgUp from there 99; g the oldest kept; G the newest again.
    const at = (keys: [string, Key][]) => typed(opened, keys, env).state.overlay;
    expect(at([['k', NO_KEY]])).toMatchObject({ top: 109 });
    expect(
      at([
        ['k', NO_KEY],
        ['', key({ pageUp: true })],
      ]),
    ).toMatchObject({ top: 99 });
    expect(at(chars('g'))).toMatchObject({ top: 20 });
    expect(at(chars('gG'))).toMatchObject({ top: null });
    expect(
      at(chars('gjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjj')),
    ).toMatchObject({ top: null });
    expect(at(chars('fw'))).toMatchObject({ follow: false, wrap: true });
    // Search: the newest match first, mid-pane; n older, N newer; nothing older than the oldest.
    let { state } = typed(
      opened,
      [
        ['/', NO_KEY],
        ['error', NO_KEY],
        ['', key({ return: true })],
      ],
      env,
    );
    // As in `less`, the search stops following, so the match does not scroll away.
    expect(state.overlay).toMatchObject({ search: 'error', match: 110, searching: null, top: null, follow: false });
    ({ state } = typed(state, chars('nn'), env));
    expect(state.overlay).toMatchObject({ match: 90, top: 85 });
    ({ state } = typed(state, chars('N'), env));
    expect(state.overlay).toMatchObject({ match: 100, top: 95 });
    const past = typed(state, chars('nnnnnnnnn'), env);
    state = past.state;
    const effects = past.effects;
    expect(state.overlay).toMatchObject({ match: 20 });
    expect(effects.at(-1)).toEqual({ type: 'flash', text: 'No older line contains "error"', tone: 'info' });
    // q and Esc close the pane (q does not quit from it); the table's selection is where it was.
    for (const close of [
      ['q', NO_KEY],
      ['', key({ escape: true })],
    ] as [string, Key][]) {
      const back = typed(state, [close], env);
      expect(back.effects).toEqual([]);
      expect(back.state.overlay.type).toBe('none');
      expect(back.state.tabs.pods.selectedId).toBe('p2');
    }
  });

  it('a search typed before the log has loaded runs once its lines arrive', () => {
    let loaded = false;
    const env = environment({ bodyHeight: 11, log: () => (loaded ? LOG : { lines: [], first: 0, loaded: false }) });
    // `l / error Enter` in one burst: the log has not answered yet.
    const { state } = typed(
      initialUiState({ tab: 'pods' }),
      [...chars('jl/'), ['error', NO_KEY], ['', key({ return: true })]],
      env,
    );
    expect(state.overlay).toMatchObject({ search: 'error', match: null, seeking: true, follow: false });
    expect(seekPending(state, env).state).toBe(state);
    loaded = true;
    expect(seekPending(state, env).state.overlay).toMatchObject({ search: 'error', match: 110, seeking: false });
  });

  it('o cycles the sort through the columns on screen, each ascending first', () => {
    const env = environment({
      tab: (state) => ({ ...environment().tab(state), visibleColumnIds: ['name', 'status', 'gpu'] }),
    });
    let state = initialUiState({ tab: 'pods' });
    for (const expected of ['status', 'gpu', 'name']) {
      state = reduceKey(state, 'o', NO_KEY, env).state;
      expect(state.tabs.pods.sort).toEqual({ columnId: expected, descending: false });
    }
  });

  it('refresh and quit are effects, not state', () => {
    expect(typed(initialUiState({ tab: 'nodes' }), chars('r')).effects).toEqual([{ type: 'refresh', kind: 'nodes' }]);
    expect(typed(initialUiState({ tab: 'nodes' }), chars('q')).effects).toEqual([{ type: 'quit' }]);
  });
});

describe('command mode (:)', () => {
  const enter: [string, Key] = ['', key({ return: true })];
  const tab: [string, Key] = ['', key({ tab: true })];
  const run = (line: string, state = initialUiState({ tab: 'pods' })) => typed(state, [...chars(`:${line}`), enter]);

  it('goes to a tab by name or short form, and remembers the line', () => {
    const { state, effects } = run('sb');
    expect(state.tab).toBe('sandboxes');
    expect(state.overlay.type).toBe('none');
    expect(state.commandHistory).toEqual(['sb']);
    expect(effects).toEqual([]);
  });

  it('completes with Tab, cycling through the candidates, and runs what it shows', () => {
    let { state } = typed(initialUiState({ tab: 'pods' }), [...chars(':s'), tab]);
    expect(state.overlay).toMatchObject({ type: 'command', draft: 'sandboxes' });
    ({ state } = typed(state, [tab]));
    expect(state.overlay).toMatchObject({ type: 'command', draft: 'sort' });
    ({ state } = typed(state, [tab]));
    expect(state.overlay).toMatchObject({ draft: 'sandboxes' });
    ({ state } = typed(state, [enter]));
    expect(state.tab).toBe('sandboxes');
    const teams = typed(initialUiState({ tab: 'pods' }), [...chars(':team i'), tab]);
    expect(teams.state.overlay).toMatchObject({ draft: 'team infra' });
  });

  it('recalls earlier lines with ↑ and ↓', () => {
    let { state } = run('disks');
    ({ state } = run('nodes', state));
    ({ state } = typed(state, [
      [':', NO_KEY],
      ['', key({ upArrow: true })],
    ]));
    expect(state.overlay).toMatchObject({ draft: 'nodes' });
    ({ state } = typed(state, [
      ['', key({ upArrow: true })],
      ['', key({ upArrow: true })],
    ]));
    expect(state.overlay).toMatchObject({ draft: 'disks' });
    ({ state } = typed(state, [
      ['', key({ downArrow: true })],
      ['', key({ downArrow: true })],
    ]));
    expect(state.overlay).toMatchObject({ draft: '' });
  });

  it('sets the filter and the sort, and refuses what cannot apply in one line, changing nothing', () => {
    let { state } = run('filter bravo');
    expect(state.tabs.pods.filter.source).toBe('bravo');
    ({ state } = run('sort price desc', state));
    expect(state.tabs.pods.sort).toEqual({ columnId: 'price', descending: true });
    const refused = run('filter label:x', state);
    expect(refused.effects).toEqual([
      { type: 'flash', text: ":filter: label: filters don't apply to Pods, which have no labels", tone: 'error' },
    ]);
    expect(refused.state.tabs).toBe(state.tabs);
    const noColumn = run('sort colour', state);
    expect(noColumn.effects[0]).toMatchObject({
      type: 'flash',
      tone: 'error',
      text: expect.stringMatching(/^:sort: Pods has no column colour \(name, status, /),
    });
  });

  it('says an unknown command is unknown and leaves everything else as it was', () => {
    const start = initialUiState({ tab: 'disks' });
    const { state, effects } = run('podz', start);
    expect(effects).toEqual([{ type: 'flash', text: 'unknown command :podz (try :help)', tone: 'error' }]);
    expect({ ...state, overlay: start.overlay }).toEqual(start);
  });

  it('asks for a team or context switch, quits, and Esc leaves without running', () => {
    expect(run('team research').effects).toEqual([{ type: 'switchTeam', name: 'research' }]);
    expect(run('ctx staging').effects).toEqual([{ type: 'switchContext', name: 'staging' }]);
    expect(run('q').effects).toEqual([{ type: 'quit' }]);
    const escaped = typed(initialUiState({ tab: 'pods' }), [...chars(':disks'), ['', key({ escape: true })]]);
    expect(escaped.state.tab).toBe('pods');
    expect(escaped.state.overlay.type).toBe('none');
  });

  it('types q and other keys into the prompt rather than acting on them', () => {
    const { state, effects } = typed(initialUiState({ tab: 'pods' }), chars(':qDr'));
    expect(effects).toEqual([]);
    expect(state.overlay).toMatchObject({ type: 'command', draft: 'qDr' });
  });
});
