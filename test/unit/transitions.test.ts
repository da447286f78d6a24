import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_HIGHLIGHT_MS, PARTIAL_GRACE_POLLS, TransitionTracker } from '../../src/changes/tracker.js';
import {
  describeTransition,
  isFailureTransition,
  type Snapshot,
  type Transition,
} from '../../src/changes/transition.js';
import { RESOURCE_KINDS, type ResourceKind } from '../../src/views/resource.js';

interface Row {
  id: string;
  name: string;
  status: string;
}
type Rows = Record<ResourceKind, Row>;

const HIGHLIGHT = 10_000;
const T0 = Date.UTC(2025, 0, 1, 12, 0, 0);

const row = (id: string, status: string, name = `name-${id}`): Row => ({ id, name, status });
const snap = (rows: readonly Row[], partial?: boolean): Snapshot<Row> => ({
  rows,
  partial,
  getId: (r) => r.id,
  getName: (r) => r.name,
  getStatus: (r) => r.status,
});
const tracker = (options = {}) => new TransitionTracker<Rows>({ highlightMs: HIGHLIGHT, ...options });
const brief = (transitions: readonly Transition[]) =>
  transitions.map((t) => `${t.kind} ${t.id} ${t.from ?? '∅'}→${t.to ?? '∅'}`);

describe('TransitionTracker: detection', () => {
  it('marks nothing on the first load', () => {
    const t = tracker();
    const version = t.version;
    expect(t.observe('pods', snap([row('a', 'ACTIVE'), row('b', 'PROVISIONING')]), T0)).toEqual([]);
    expect(t.marks('pods', T0).size).toBe(0);
    expect(t.ghosts('pods', T0)).toEqual([]);
    expect(t.events()).toEqual([]);
    expect(t.unseen('pods')).toBe(0);
    expect(t.version).toBe(version);
    expect(t.nextExpiry(T0)).toBeNull();
  });

  it('reports a status change with OLD → NEW in the mark and the event', () => {
    const t = tracker();
    t.observe('pods', snap([row('a', 'ACTIVE'), row('b', 'ACTIVE')]), T0);
    const found = t.observe('pods', snap([row('a', 'ERROR'), row('b', 'ACTIVE')]), T0 + 5_000);
    expect(found).toEqual([
      {
        seq: 1,
        resource: 'pods',
        kind: 'changed',
        id: 'a',
        name: 'name-a',
        from: 'ACTIVE',
        to: 'ERROR',
        at: T0 + 5_000,
      },
    ]);
    expect(t.marks('pods', T0 + 5_000).get('a')).toEqual({
      kind: 'changed',
      from: 'ACTIVE',
      to: 'ERROR',
      at: T0 + 5_000,
      until: T0 + 15_000,
    });
    expect(t.marks('pods', T0 + 5_000).has('b')).toBe(false);
    expect(t.events()).toEqual(found);
  });

  it('reports an added row and marks it new', () => {
    const t = tracker();
    t.observe('disks', snap([row('a', 'ACTIVE')]), T0);
    expect(brief(t.observe('disks', snap([row('a', 'ACTIVE'), row('b', 'PROVISIONING')]), T0 + 1))).toEqual([
      'added b ∅→PROVISIONING',
    ]);
    expect(t.marks('disks', T0 + 1).get('b')).toMatchObject({ kind: 'added', from: null, to: 'PROVISIONING' });
  });

  it('keeps a removed row as a ghost, as last seen, marked gone', () => {
    const t = tracker();
    t.observe('nodes', snap([row('a', 'AVAILABLE', 'old name'), row('b', 'AVAILABLE')]), T0);
    t.observe('nodes', snap([row('a', 'ASSIGNED', 'new name'), row('b', 'AVAILABLE')]), T0 + 1_000);
    const found = t.observe('nodes', snap([row('b', 'AVAILABLE')]), T0 + 2_000);
    expect(brief(found)).toEqual(['removed a ASSIGNED→∅']);
    expect(found[0]!.name).toBe('new name');
    const ghosts = t.ghosts('nodes', T0 + 2_000);
    expect(ghosts).toHaveLength(1);
    expect(ghosts[0]!.row).toEqual(row('a', 'ASSIGNED', 'new name'));
    expect(ghosts[0]!.mark).toEqual({
      kind: 'removed',
      from: 'ASSIGNED',
      to: null,
      at: T0 + 2_000,
      until: T0 + 12_000,
    });
    // The row's own "changed" mark gives way to its ghost: one row, one mark.
    expect(t.marks('nodes', T0 + 2_000).has('a')).toBe(false);
  });

  it('compares statuses case-insensitively and ignores name changes', () => {
    const t = tracker();
    t.observe('sandboxes', snap([row('a', 'running', 'x')]), T0);
    expect(t.observe('sandboxes', snap([row('a', 'RUNNING', 'y')]), T0 + 1)).toEqual([]);
    expect(t.observe('sandboxes', snap([row('a', 'Running', 'z')]), T0 + 2)).toEqual([]);
    expect(brief(t.observe('sandboxes', snap([row('a', 'ERROR', 'z')]), T0 + 3))).toEqual(['changed a Running→ERROR']);
  });

  it('counts an id present twice in a list once', () => {
    const t = tracker();
    t.observe('pods', snap([row('a', 'ACTIVE'), row('a', 'ACTIVE')]), T0);
    expect(t.stats().byResource.pods.tracked).toBe(1);
    // A new id listed twice is added once; a known id listed twice with two statuses changes at most once.
    const found = t.observe(
      'pods',
      snap([row('a', 'ERROR'), row('a', 'ACTIVE'), row('b', 'PENDING'), row('b', 'PENDING')]),
      T0 + 1,
    );
    expect(brief(found)).toEqual(['changed a ACTIVE→ERROR', 'added b ∅→PENDING']);
    expect(t.observe('pods', snap([row('a', 'ERROR'), row('b', 'PENDING'), row('b', 'PENDING')]), T0 + 2)).toEqual([]);
  });

  it('shows the latest OLD → NEW when a row changes again within its highlight, and restarts its timer', () => {
    const t = tracker();
    t.observe('pods', snap([row('a', 'PENDING')]), T0);
    t.observe('pods', snap([row('a', 'PROVISIONING')]), T0 + 4_000);
    t.observe('pods', snap([row('a', 'ACTIVE')]), T0 + 8_000);
    expect(t.marks('pods', T0 + 8_000).get('a')).toEqual({
      kind: 'changed',
      from: 'PROVISIONING',
      to: 'ACTIVE',
      at: T0 + 8_000,
      until: T0 + 18_000,
    });
    // Past the first change's expiry, the restarted highlight is still on.
    expect(t.marks('pods', T0 + 14_000).has('a')).toBe(true);
    expect(t.marks('pods', T0 + 18_000).has('a')).toBe(false);
    expect(brief(t.events())).toEqual(['changed a PROVISIONING→ACTIVE', 'changed a PENDING→PROVISIONING']);
  });

  it('turns a new row that changes within its highlight into a changed mark', () => {
    const t = tracker();
    t.observe('pods', snap([]), T0);
    t.observe('pods', snap([row('a', 'PROVISIONING')]), T0 + 1_000);
    t.observe('pods', snap([row('a', 'ACTIVE')]), T0 + 2_000);
    expect(t.marks('pods', T0 + 2_000).get('a')).toMatchObject({ kind: 'changed', from: 'PROVISIONING', to: 'ACTIVE' });
  });

  it('reports a row removed then re-added within the highlight as added, and drops its ghost', () => {
    const t = tracker();
    t.observe('pods', snap([row('a', 'ACTIVE'), row('b', 'ACTIVE')]), T0);
    t.observe('pods', snap([row('b', 'ACTIVE')]), T0 + 1_000);
    const ghostsWhileGone = t.ghosts('pods', T0 + 1_000);
    expect(ghostsWhileGone.map((g) => g.row.id)).toEqual(['a']);
    expect(brief(t.observe('pods', snap([row('a', 'PROVISIONING'), row('b', 'ACTIVE')]), T0 + 2_000))).toEqual([
      'added a ∅→PROVISIONING',
    ]);
    expect(t.ghosts('pods', T0 + 2_000)).toEqual([]);
    expect(t.marks('pods', T0 + 2_000).get('a')).toMatchObject({
      kind: 'added',
      to: 'PROVISIONING',
      until: T0 + 12_000,
    });
    expect(t.stats().byResource.pods).toEqual({ tracked: 2, marks: 1, ghosts: 0 });
    // The ghost's earlier expiry no longer applies: the next expiry is the new mark's.
    expect(t.nextExpiry(T0 + 2_000)).toBe(T0 + 12_000);
  });

  it('detects transitions on every kind independently', () => {
    const t = tracker();
    for (const kind of RESOURCE_KINDS) t.observe(kind, snap([row('a', 'ACTIVE')]), T0);
    t.observe('disks', snap([row('a', 'ERROR')]), T0 + 1);
    t.observe('nodes', snap([]), T0 + 2);
    expect(t.marks('disks', T0 + 2).size).toBe(1);
    expect(t.marks('pods', T0 + 2).size).toBe(0);
    expect(t.ghosts('nodes', T0 + 2)).toHaveLength(1);
    expect(t.events().map((e) => e.resource)).toEqual(['nodes', 'disks']);
  });
});

describe('TransitionTracker: time', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('ends highlights and ghosts exactly highlightMs after the change', () => {
    const t = tracker();
    t.observe('pods', snap([row('a', 'ACTIVE'), row('b', 'ACTIVE')]), Date.now());
    vi.advanceTimersByTime(5_000);
    t.observe('pods', snap([row('a', 'ERROR')]), Date.now());
    const changedAt = Date.now();

    vi.advanceTimersByTime(HIGHLIGHT - 1);
    expect(t.marks('pods', Date.now()).has('a')).toBe(true);
    expect(t.ghosts('pods', Date.now())).toHaveLength(1);

    vi.advanceTimersByTime(1);
    expect(Date.now()).toBe(changedAt + HIGHLIGHT);
    expect(t.marks('pods', Date.now()).size).toBe(0);
    expect(t.ghosts('pods', Date.now())).toEqual([]);
    expect(t.stats().byResource.pods).toEqual({ tracked: 1, marks: 0, ghosts: 0 });
    // The story outlives the highlight.
    expect(brief(t.events())).toEqual(['removed b ACTIVE→∅', 'changed a ACTIVE→ERROR']);
  });

  it('defaults to a 10 s highlight', () => {
    const t = new TransitionTracker();
    expect(t.highlightMs).toBe(DEFAULT_HIGHLIGHT_MS);
    expect(DEFAULT_HIGHLIGHT_MS).toBe(10_000);
    t.observe('pods', snap([]), Date.now());
    t.observe('pods', snap([row('a', 'ACTIVE')]), Date.now());
    expect(t.nextExpiry(Date.now())).toBe(T0 + 10_000);
  });

  it('tells the earliest expiry across kinds, marks and ghosts', () => {
    const t = tracker();
    for (const kind of RESOURCE_KINDS) t.observe(kind, snap([row('a', 'ACTIVE')]), T0);
    expect(t.nextExpiry(T0)).toBeNull();
    t.observe('pods', snap([row('a', 'ERROR')]), T0 + 3_000); // until +13 s
    t.observe('disks', snap([]), T0 + 1_000); // ghost until +11 s
    t.observe('nodes', snap([row('a', 'ACTIVE'), row('b', 'ACTIVE')]), T0 + 2_000); // until +12 s
    expect(t.nextExpiry(T0 + 3_000)).toBe(T0 + 11_000);
    expect(t.nextExpiry(T0 + 11_000)).toBe(T0 + 12_000);
    expect(t.nextExpiry(T0 + 12_500)).toBe(T0 + 13_000);
    expect(t.nextExpiry(T0 + 13_000)).toBeNull();
  });

  it('moves the next expiry when a highlight restarts', () => {
    const t = tracker();
    t.observe('pods', snap([row('a', 'PENDING')]), T0);
    t.observe('pods', snap([row('a', 'PROVISIONING')]), T0 + 1_000);
    expect(t.nextExpiry(T0 + 1_000)).toBe(T0 + 11_000);
    t.observe('pods', snap([row('a', 'ACTIVE')]), T0 + 6_000);
    expect(t.nextExpiry(T0 + 6_000)).toBe(T0 + 16_000);
  });

  it('lets a UI re-render exactly when highlights end, with one timer at a time', () => {
    const t = tracker();
    let renders = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const shown = () => [
      ...t.marks('pods', Date.now()).keys(),
      ...t.ghosts('pods', Date.now()).map((g) => `†${g.row.id}`),
    ];
    const frames: string[][] = [];
    // What the UI does: re-arm after every change and after every timer.
    const arm = () => {
      clearTimeout(timer);
      timer = undefined;
      const next = t.nextExpiry(Date.now());
      if (next !== null) {
        timer = setTimeout(() => {
          t.expire(Date.now());
          arm();
        }, next - Date.now());
      }
    };
    t.subscribe(() => {
      renders++;
      frames.push(shown());
      arm();
    });

    t.observe('pods', snap([row('a', 'ACTIVE'), row('b', 'ACTIVE')]), Date.now());
    vi.advanceTimersByTime(2_000);
    t.observe('pods', snap([row('a', 'ERROR')]), Date.now()); // a changed, b gone: until T0+12 s
    vi.advanceTimersByTime(3_000);
    t.observe('pods', snap([row('a', 'ERROR'), row('c', 'PENDING')]), Date.now()); // c new: until T0+15 s
    expect(frames).toEqual([
      ['a', '†b'],
      ['a', 'c', '†b'],
    ]);

    vi.advanceTimersByTime(6_999);
    expect(renders).toBe(2);
    vi.advanceTimersByTime(1); // T0+12 s
    expect(frames.at(-1)).toEqual(['c']);
    vi.advanceTimersByTime(3_000); // T0+15 s
    expect(frames.at(-1)).toEqual([]);
    expect(renders).toBe(4);
    expect(timer).toBeUndefined();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('TransitionTracker: baselines', () => {
  it('is silent again after reset, and forgets the old marks and ghosts', () => {
    const t = tracker();
    t.observe('pods', snap([row('a', 'ACTIVE'), row('b', 'ACTIVE')]), T0);
    t.observe('pods', snap([row('a', 'ERROR')]), T0 + 1);
    expect(t.events()).toHaveLength(2);
    const version = t.version;
    t.reset('pods');
    expect(t.version).toBeGreaterThan(version);
    expect(t.marks('pods', T0 + 2).size).toBe(0);
    expect(t.ghosts('pods', T0 + 2)).toEqual([]);
    expect(t.nextExpiry(T0 + 2)).toBeNull();
    // A filtered list: completely different rows, none of them "new".
    expect(t.observe('pods', snap([row('x', 'ACTIVE'), row('y', 'PENDING')]), T0 + 3)).toEqual([]);
    expect(brief(t.observe('pods', snap([row('x', 'ERROR'), row('y', 'PENDING')]), T0 + 4))).toEqual([
      'changed x ACTIVE→ERROR',
    ]);
    // The story so far stays.
    expect(t.events()).toHaveLength(3);
  });

  it('reset of one kind leaves the others alone', () => {
    const t = tracker();
    t.observe('pods', snap([row('a', 'ACTIVE')]), T0);
    t.observe('disks', snap([row('a', 'ACTIVE')]), T0);
    t.reset('pods');
    expect(brief(t.observe('disks', snap([row('a', 'ERROR')]), T0 + 1))).toEqual(['changed a ACTIVE→ERROR']);
    expect(t.observe('pods', snap([row('a', 'ERROR')]), T0 + 1)).toEqual([]);
  });

  it('after failed polls (not observed), reports only what really changed since the last good list', () => {
    const t = tracker();
    const rows = Array.from({ length: 50 }, (_, i) => row(`r${i}`, 'ACTIVE'));
    t.observe('pods', snap(rows), T0);
    // Polls at T0+5 s … T0+30 s fail: the data layer does not call observe.
    const recovered = rows.map((r) => (r.id === 'r7' ? row('r7', 'ERROR') : r));
    const found = t.observe('pods', snap(recovered), T0 + 35_000);
    expect(brief(found)).toEqual(['changed r7 ACTIVE→ERROR']);
    expect(t.marks('pods', T0 + 35_000).size).toBe(1);
  });

  it('does not report rows missing from a partial (truncated) list, and forgets them after a grace', () => {
    const t = tracker();
    t.observe('pods', snap([row('a', 'ACTIVE'), row('b', 'ACTIVE'), row('c', 'ACTIVE')]), T0);
    // The cap cut 'c' off this time: not gone.
    expect(t.observe('pods', snap([row('a', 'ACTIVE'), row('b', 'ERROR')], true), T0 + 1)).toHaveLength(1);
    expect(t.ghosts('pods', T0 + 1)).toEqual([]);
    // Back unchanged: nothing to say. Back changed: a change, not "new".
    expect(t.observe('pods', snap([row('a', 'ACTIVE'), row('b', 'ERROR'), row('c', 'ACTIVE')], true), T0 + 2)).toEqual(
      [],
    );
    t.observe('pods', snap([row('a', 'ACTIVE'), row('b', 'ERROR')], true), T0 + 3);
    expect(
      brief(t.observe('pods', snap([row('a', 'ACTIVE'), row('b', 'ERROR'), row('c', 'STOPPED')], true), T0 + 4)),
    ).toEqual(['changed c ACTIVE→STOPPED']);
    // Missing for longer than the grace: forgotten, silently.
    for (let i = 0; i <= PARTIAL_GRACE_POLLS; i++)
      expect(t.observe('pods', snap([row('a', 'ACTIVE')], true), T0 + 10 + i)).toEqual([]);
    expect(t.stats().byResource.pods.tracked).toBe(1);
    // A complete list reports removals again.
    expect(brief(t.observe('pods', snap([]), T0 + 100))).toEqual(['removed a ACTIVE→∅']);
  });
});

describe('TransitionTracker: events and counters', () => {
  it('keeps the newest maxEvents events, newest first', () => {
    const t = tracker();
    t.observe('pods', snap([row('a', 'S0')]), T0);
    for (let i = 1; i <= 600; i++) t.observe('pods', snap([row('a', `S${i}`)]), T0 + i);
    const events = t.events();
    expect(events).toHaveLength(500);
    expect(events[0]).toMatchObject({ seq: 600, from: 'S599', to: 'S600', at: T0 + 600 });
    expect(events[499]).toMatchObject({ seq: 101, from: 'S100', to: 'S101' });
    expect(events.every((e, i) => i === 0 || e.seq < events[i - 1]!.seq)).toBe(true);
    expect(t.stats().events).toBe(500);
  });

  it('bounds a single large burst too', () => {
    const t = tracker({ maxEvents: 10 });
    t.observe('nodes', snap([]), T0);
    const found = t.observe('nodes', snap(Array.from({ length: 25 }, (_, i) => row(`n${i}`, 'AVAILABLE'))), T0 + 1);
    expect(found).toHaveLength(25);
    expect(t.events().map((e) => e.id)).toEqual(Array.from({ length: 10 }, (_, i) => `n${24 - i}`));
  });

  it('counts unseen transitions per kind until markSeen', () => {
    const t = tracker();
    for (const kind of RESOURCE_KINDS) t.observe(kind, snap([row('a', 'ACTIVE'), row('b', 'ACTIVE')]), T0);
    t.observe('disks', snap([row('a', 'ERROR')]), T0 + 1);
    t.observe('nodes', snap([row('a', 'ACTIVE'), row('b', 'ACTIVE'), row('c', 'ACTIVE')]), T0 + 1);
    t.observe('disks', snap([row('a', 'ACTIVE')]), T0 + 2);
    expect(RESOURCE_KINDS.map((k) => t.unseen(k))).toEqual([3, 0, 0, 1, 0, 0]);
    const version = t.version;
    t.markSeen('disks');
    expect(t.unseen('disks')).toBe(0);
    expect(t.unseen('nodes')).toBe(1);
    expect(t.version).toBeGreaterThan(version);
    // Nothing to clear: nothing changes.
    const after = t.version;
    t.markSeen('disks');
    t.markSeen('pods');
    expect(t.version).toBe(after);
  });

  it('does not count transitions of the kind being viewed', () => {
    const t = tracker();
    for (const kind of RESOURCE_KINDS) t.observe(kind, snap([row('a', 'ACTIVE')]), T0);
    t.observe('pods', snap([row('a', 'ERROR')]), T0 + 1);
    t.setViewing('pods');
    expect(t.unseen('pods')).toBe(0);
    t.observe('pods', snap([row('a', 'ACTIVE')]), T0 + 2);
    t.observe('disks', snap([row('a', 'ERROR')]), T0 + 2);
    expect(t.unseen('pods')).toBe(0);
    expect(t.unseen('disks')).toBe(1);
    t.setViewing('disks');
    t.observe('pods', snap([row('a', 'ERROR')]), T0 + 3);
    expect(t.unseen('pods')).toBe(1);
    expect(t.unseen('disks')).toBe(0);
  });
});

describe('TransitionTracker: change detection for React', () => {
  it('bumps version only when something visible changed', () => {
    const t = tracker();
    const rows = [row('a', 'ACTIVE'), row('b', 'ACTIVE')];
    const v0 = t.version;
    t.observe('pods', snap(rows), T0);
    t.observe('pods', snap(rows.map((r) => ({ ...r }))), T0 + 1_000);
    t.observe('pods', snap([row('a', 'active', 'renamed'), row('b', 'ACTIVE')]), T0 + 2_000);
    expect(t.version).toBe(v0);

    t.observe('pods', snap([row('a', 'ERROR'), row('b', 'ACTIVE')]), T0 + 3_000);
    const v1 = t.version;
    expect(v1).toBeGreaterThan(v0);
    // Reads before any expiry change nothing.
    t.marks('pods', T0 + 5_000);
    t.ghosts('pods', T0 + 5_000);
    t.events();
    t.nextExpiry(T0 + 5_000);
    expect(t.expire(T0 + 5_000)).toBe(false);
    expect(t.version).toBe(v1);
    // Crossing the expiry is a visible change, whichever call notices it first.
    t.marks('pods', T0 + 13_000);
    const v2 = t.version;
    expect(v2).toBeGreaterThan(v1);
    t.marks('pods', T0 + 14_000);
    expect(t.expire(T0 + 14_000)).toBe(false);
    expect(t.version).toBe(v2);
  });

  it('notifies subscribers on changes, never from reads', () => {
    const t = tracker();
    const listener = vi.fn();
    const unsubscribe = t.subscribe(listener);
    t.observe('pods', snap([row('a', 'ACTIVE')]), T0);
    t.observe('pods', snap([row('a', 'ACTIVE')]), T0 + 1);
    expect(listener).not.toHaveBeenCalled();
    t.observe('pods', snap([row('a', 'ERROR')]), T0 + 2);
    expect(listener).toHaveBeenCalledTimes(1);
    t.marks('pods', T0 + HIGHLIGHT + 2); // expires during a read: no notification
    expect(listener).toHaveBeenCalledTimes(1);
    t.observe('pods', snap([]), T0 + 3 * HIGHLIGHT);
    expect(listener).toHaveBeenCalledTimes(2);
    expect(t.expire(T0 + 4 * HIGHLIGHT)).toBe(true);
    expect(listener).toHaveBeenCalledTimes(3);
    t.markSeen('pods');
    expect(listener).toHaveBeenCalledTimes(4);
    unsubscribe();
    expect(t.stats().listeners).toBe(0);
  });

  it("does not notify when only a hidden tab's highlights end, and its marks are gone when it is opened", () => {
    const t = tracker();
    t.setViewing('pods');
    t.observe('disks', snap([row('d', 'ACTIVE')]), T0);
    t.observe('disks', snap([row('d', 'ERROR')]), T0 + 1);
    const listener = vi.fn();
    t.subscribe(listener);
    const version = t.version;
    expect(t.expire(T0 + HIGHLIGHT + 1)).toBe(true);
    expect(listener).not.toHaveBeenCalled();
    expect(t.version).toBeGreaterThan(version);
    expect(t.unseen('disks')).toBe(1);
    t.setViewing('disks');
    expect(t.marks('disks', T0 + HIGHLIGHT + 1).size).toBe(0);
    // The tab on screen: its highlight ending is drawn.
    t.observe('disks', snap([row('d', 'ACTIVE')]), T0 + 2 * HIGHLIGHT);
    listener.mockClear();
    expect(t.expire(T0 + 3 * HIGHLIGHT)).toBe(true);
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('returns the same marks, ghosts and events objects while nothing changed', () => {
    const t = tracker();
    t.observe('pods', snap([row('a', 'ACTIVE'), row('b', 'ACTIVE'), row('c', 'ACTIVE')]), T0);
    const emptyMarks = t.marks('pods', T0);
    const emptyGhosts = t.ghosts('pods', T0);
    const emptyEvents = t.events();
    t.observe('pods', snap([row('a', 'ACTIVE'), row('b', 'ACTIVE'), row('c', 'ACTIVE')]), T0 + 1);
    expect(t.marks('pods', T0 + 1)).toBe(emptyMarks);
    expect(t.ghosts('pods', T0 + 1)).toBe(emptyGhosts);
    expect(t.events()).toBe(emptyEvents);

    t.observe('pods', snap([row('a', 'ERROR'), row('b', 'ACTIVE')]), T0 + 2);
    const marks = t.marks('pods', T0 + 2);
    const ghosts = t.ghosts('pods', T0 + 2);
    const events = t.events();
    expect(marks).not.toBe(emptyMarks);
    expect(ghosts).not.toBe(emptyGhosts);
    expect(events).not.toBe(emptyEvents);
    // Unchanged polls, other kinds' changes and time short of an expiry keep identities.
    t.observe('pods', snap([row('a', 'ERROR'), row('b', 'ACTIVE')]), T0 + 3);
    t.observe('disks', snap([row('d', 'ACTIVE')]), T0 + 3);
    t.observe('disks', snap([row('d', 'ERROR')]), T0 + 4);
    expect(t.marks('pods', T0 + 9_000)).toBe(marks);
    expect(t.ghosts('pods', T0 + 9_000)).toBe(ghosts);
    // A handed-out map is a snapshot: later changes do not mutate it under React.
    t.observe('pods', snap([row('a', 'ERROR'), row('b', 'PENDING')]), T0 + 5);
    expect(marks.has('b')).toBe(false);
    const withB = t.marks('pods', T0 + 5);
    expect(withB).not.toBe(marks);
    expect(withB.has('b')).toBe(true);
    // Expiry makes new ones, then they are stable again.
    const expiredMarks = t.marks('pods', T0 + 10_003);
    expect(expiredMarks).not.toBe(withB);
    expect([...expiredMarks.keys()]).toEqual(['b']);
    expect(t.marks('pods', T0 + 10_004)).toBe(expiredMarks);
    expect(t.ghosts('pods', T0 + 10_004)).not.toBe(ghosts);
    expect(t.ghosts('pods', T0 + 10_005)).toBe(t.ghosts('pods', T0 + 10_004));
  });
});

describe('TransitionTracker: long runs and large lists', () => {
  it('keeps its internal state bounded over a day of polls with churn', () => {
    const t = tracker();
    const live = new Map<string, Row>();
    for (let i = 0; i < 200; i++) live.set(`r${i}`, row(`r${i}`, 'ACTIVE'));
    let next = 200;
    const statuses = ['ACTIVE', 'PENDING', 'ERROR', 'PROVISIONING'];
    let now = T0;
    let maxMarks = 0;
    let maxGhosts = 0;
    let maxTracked = 0;
    let total = 0;
    for (let poll = 0; poll < 10_000; poll++) {
      now += 5_000;
      if (poll > 0) {
        // Each poll: three status changes, two new rows, two gone rows.
        const ids = [...live.keys()];
        for (let k = 0; k < 3; k++) {
          const id = ids[(poll * 7 + k * 31) % ids.length]!;
          live.set(id, row(id, statuses[(poll + k) % statuses.length]!));
        }
        live.delete(ids[0]!);
        live.delete(ids[1 + (poll % (ids.length - 1))]!);
        for (let k = 0; k < 2; k++, next++) live.set(`r${next}`, row(`r${next}`, 'PENDING'));
      }
      total += t.observe('pods', snap([...live.values()]), now).length;
      // No reads at all, as for a hidden tab: observe alone prunes what expired.
      const stats = t.stats().byResource.pods;
      expect(stats.tracked).toBe(live.size);
      maxMarks = Math.max(maxMarks, stats.marks);
      maxGhosts = Math.max(maxGhosts, stats.ghosts);
      maxTracked = Math.max(maxTracked, stats.tracked);
    }
    expect(total).toBeGreaterThan(40_000);
    // Highlight 10 s at one poll per 5 s: at most three polls' worth of marks are alive.
    expect(maxMarks).toBeLessThanOrEqual(3 * 5);
    expect(maxGhosts).toBeLessThanOrEqual(3 * 2);
    expect(maxTracked).toBe(200);
    expect(t.stats().events).toBe(500);
    t.expire(now + HIGHLIGHT);
    expect(t.stats().byResource.pods).toMatchObject({ marks: 0, ghosts: 0 });
  });

  // How long these polls may take is a benchmark budget (`npm run bench -- tracker`), judged against the machine's speed.
  it('observes 20,000 rows: nothing while they stay, every row when all change or all leave', () => {
    const t = tracker();
    const rows = Array.from({ length: 20_000 }, (_, i) => row(`id-${i}`, i % 3 === 0 ? 'ACTIVE' : 'PENDING'));
    const list = snap(rows);
    t.observe('pods', list, T0);
    for (let i = 1; i <= 100; i++) t.observe('pods', list, T0 + i * 1_000);
    expect(t.events()).toEqual([]);

    // A poll where every row changed, and one where every row went away.
    expect(t.observe('pods', snap(rows.map((r) => ({ ...r, status: 'ERROR' }))), T0 + 200_000)).toHaveLength(20_000);
    expect(t.observe('pods', snap([]), T0 + 201_000)).toHaveLength(20_000);
    expect(t.marks('pods', T0 + 201_000).size).toBe(0);
    expect(t.ghosts('pods', T0 + 201_000)).toHaveLength(20_000);
  });
});

describe('describeTransition and isFailureTransition', () => {
  const at = T0;
  const transition = (kind: Transition['kind'], from: string | null, to: string | null): Transition => ({
    seq: 1,
    resource: 'pods',
    kind,
    id: 'p',
    name: 'p',
    from,
    to,
    at,
  });

  it('describe each kind in one line', () => {
    expect(describeTransition(transition('changed', 'ACTIVE', 'ERROR'))).toBe('ACTIVE → ERROR');
    expect(describeTransition(transition('added', null, 'PROVISIONING'))).toBe('new (PROVISIONING)');
    expect(describeTransition(transition('removed', 'ACTIVE', null))).toBe('gone (was ACTIVE)');
  });

  it('make untrusted statuses safe for the terminal', () => {
    expect(describeTransition(transition('changed', 'ACTIVE', 'ERR\u001b]0;pwned\u0007OR'))).toBe('ACTIVE → ERROR');
    expect(describeTransition(transition('added', null, ''))).toBe('new (?)');
  });

  it('call a failure a move into a failed status from one that was not failed', () => {
    expect(isFailureTransition(transition('changed', 'ACTIVE', 'ERROR'))).toBe(true);
    expect(isFailureTransition(transition('changed', 'AVAILABLE', 'offline'))).toBe(true);
    expect(isFailureTransition(transition('added', null, 'ERROR'))).toBe(true);
    expect(isFailureTransition(transition('changed', 'ERROR', 'OFFLINE'))).toBe(false);
    expect(isFailureTransition(transition('changed', 'ERROR', 'ACTIVE'))).toBe(false);
    expect(isFailureTransition(transition('removed', 'ACTIVE', null))).toBe(false);
    expect(isFailureTransition(transition('changed', 'ACTIVE', 'HIBERNATING'))).toBe(false);
  });
});

describe('TransitionTracker options', () => {
  it('rejects nonsense', () => {
    expect(() => new TransitionTracker({ highlightMs: -1 })).toThrow(RangeError);
    expect(() => new TransitionTracker({ highlightMs: Number.NaN })).toThrow(RangeError);
    expect(() => new TransitionTracker({ maxEvents: 1.5 })).toThrow(RangeError);
  });

  it('with a zero highlight still records events but shows no marks', () => {
    const t = new TransitionTracker<Rows>({ highlightMs: 0, maxEvents: 0 });
    t.observe('pods', snap([row('a', 'ACTIVE')]), T0);
    expect(t.observe('pods', snap([row('a', 'ERROR')]), T0 + 1)).toHaveLength(1);
    expect(t.marks('pods', T0 + 1).size).toBe(0);
    expect(t.events()).toEqual([]);
    expect(t.unseen('pods')).toBe(1);
  });
});
