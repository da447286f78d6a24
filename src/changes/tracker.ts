/**
 * What changed between polls, per resource kind: a row's status changed, a
 * row appeared, a row went away, or a figure its view tracks moved (an
 * offer's price: ResourceView.tracked, one transition per figure). k9s colours such rows; cloudtop also says
 * what changed (`OLD → NEW`), keeps it on screen for a while, and keeps the
 * story (the events list) so a change seen on a hidden tab is not lost.
 *
 * Plain TypeScript, no React and no timers: every method that depends on time
 * takes it as an argument, so the UI decides the clock and tests decide it
 * exactly. The UI learns when to look again from `nextExpiry`, and whether
 * anything it shows changed from `version` (or `subscribe`).
 *
 * Contract with the data layer:
 * - Call `observe` with every SUCCESSFUL poll's list, and only those. A failed
 *   poll is simply not observed, so the next success is compared with the last
 *   good list and reports only what really changed while the API was failing.
 * - The first `observe` of a resource, and the first after `reset`, is the
 *   silent baseline: start-up does not flood the screen with "new" rows.
 * - Call `reset` when the query itself changes (e.g. a server-side filter):
 *   rows leaving or entering because of the filter are not transitions.
 *
 * - Observing the same list twice is harmless (the second finds nothing), so
 *   it may run wherever the data arrives; in the query function, just before
 *   returning, the tracker is up to date before React sees the new list.
 *
 * Contract with the UI:
 * - Ghosts' ids are never in the last observed list, so a table shows them by
 *   appending `ghosts(kind, now).map((g) => g.row)` to the items before
 *   sorting; they then sit where they were.
 * - Reads (`marks`, `ghosts`, `nextExpiry`) drop what expired by `now` and
 *   bump `version`, but never notify: they run during render. Changes to the
 *   marks of a resource other than the one `setViewing` named bump `version`
 *   without notifying either: nothing on screen shows them. To re-render
 *   when a highlight ends, keep one timer for `nextExpiry(Date.now())`, call
 *   `expire(Date.now())` when it fires, and re-arm after it and after every
 *   notification.
 *
 * Cost: `observe` is one pass over the rows and one over the previous list,
 * with Map lookups, and allocates nothing per row unless the row changed.
 */
import { RESOURCE_KINDS, type ResourceKind } from '../views/resource.js';
import { ChangeSignal } from '../util/change-signal.js';
import { Highlights } from './highlights.js';
import { movedFigures } from './tracked-figures.js';
import type { RowMark, Snapshot, Transition, TransitionKind, Ghost } from './transition.js';

/** How early a poll may come and still end the marks due at its moment (see observe). */
export const POLL_EARLY_MS = 1_000;

export interface TrackerOptions {
  /** How long a changed, added or removed row stays highlighted. Default 10 s. */
  highlightMs?: number;
  /** How many events `events()` keeps, newest first. Default 500. */
  maxEvents?: number;
}

export interface ResourceStats {
  /** Rows in the baseline (the last good list, plus missing rows of partial lists in their grace). */
  tracked: number;
  marks: number;
  ghosts: number;
}

export interface TrackerStats {
  byResource: Record<ResourceKind, ResourceStats>;
  /** Events held (never more than `maxEvents`). */
  events: number;
  listeners: number;
}

export const DEFAULT_HIGHLIGHT_MS = 10_000;
export const DEFAULT_MAX_EVENTS = 500;
/** Polls a row may be missing from partial lists before it is forgotten without a "removed" event. */
export const PARTIAL_GRACE_POLLS = 5;

interface Entry<Row> {
  row: Row;
  /** As the API reported it; compared case-insensitively. */
  status: string;
  /** The `observe` generation that last saw this id: removal and duplicate detection without a Set per poll. */
  seen: number;
  /** The tracked figures as last read, in the snapshot's `tracked` order; absent when nothing is tracked. */
  values?: (number | null)[];
}

interface ResourceState<Row> {
  /** Null until the baseline (first observe, or first after reset). */
  baseline: Map<string, Entry<Row>> | null;
  generation: number;
  highlights: Highlights<Row>;
  unseen: number;
}

const NO_TRANSITIONS: readonly Transition[] = Object.freeze([]);

function sameStatus(a: string, b: string): boolean {
  return a === b || a.toUpperCase() === b.toUpperCase();
}

function checkedNumber(name: string, value: number, integer: boolean): number {
  if (!Number.isFinite(value) || value < 0 || (integer && !Number.isInteger(value))) {
    throw new RangeError(`${name} must be a ${integer ? 'non-negative integer' : 'non-negative number'}, got ${value}`);
  }
  return value;
}

function entryOf<Row>(snapshot: Snapshot<Row>, row: Row, status: string, seen: number): Entry<Row> {
  const entry: Entry<Row> = { row, status, seen };
  if (snapshot.tracked !== undefined) entry.values = snapshot.tracked.map((figure) => figure.read(row));
  return entry;
}

/**
 * Tracks transitions for every resource kind. `RowMap` types the rows per kind
 * (cloudtop uses `RowByKind` from src/views); the default accepts any rows.
 */
export class TransitionTracker<RowMap extends Record<ResourceKind, unknown> = Record<ResourceKind, unknown>> {
  readonly highlightMs: number;
  readonly maxEvents: number;

  private readonly states: Record<ResourceKind, ResourceState<unknown>>;
  /** Oldest first; at most `maxEvents`. */
  private readonly history: Transition[] = [];
  private historyView: readonly Transition[] | null = null;
  private seq = 0;
  private viewing: ResourceKind | null = null;
  private readonly signal = new ChangeSignal();

  constructor(options: TrackerOptions = {}) {
    this.highlightMs = checkedNumber('highlightMs', options.highlightMs ?? DEFAULT_HIGHLIGHT_MS, false);
    this.maxEvents = checkedNumber('maxEvents', options.maxEvents ?? DEFAULT_MAX_EVENTS, true);
    const states = {} as Record<ResourceKind, ResourceState<unknown>>;
    for (const kind of RESOURCE_KINDS) {
      states[kind] = { baseline: null, generation: 0, highlights: new Highlights(), unseen: 0 };
    }
    this.states = states;
  }

  /** Bumps whenever anything a reader can see changed: transitions, expiries, reset, seen counters. */
  get version(): number {
    return this.signal.version;
  }

  /**
   * Calls `listener` after `observe`, `reset`, `expire`, `markSeen` or
   * `setViewing` changed something, never from the read methods (they run
   * during render). Shaped for React's `useSyncExternalStore(tracker.subscribe, () => tracker.version)`.
   */
  readonly subscribe = this.signal.subscribe;

  /**
   * A successful poll's list, seen at `at`. The first per resource (or the
   * first after `reset`) is the silent baseline. Returns the new transitions,
   * in list order (added and changed rows), then removed rows; the same empty
   * array when nothing changed. Failed polls must not be observed.
   */
  observe<K extends ResourceKind>(resource: K, snapshot: Snapshot<RowMap[K]>, at: number): readonly Transition[] {
    const state = this.stateOf<K>(resource);
    const generation = ++state.generation;
    const { rows } = snapshot;

    if (state.baseline === null) {
      const baseline = new Map<string, Entry<RowMap[K]>>();
      for (const row of rows) {
        const id = snapshot.getId(row);
        if (!baseline.has(id)) baseline.set(id, entryOf(snapshot, row, snapshot.getStatus(row), generation));
      }
      state.baseline = baseline;
      return NO_TRANSITIONS;
    }

    const { highlights } = state;
    // Polls come on the clock (data/poll-rounds.ts), so a mark made by one
    // poll is due to end just as a later one arrives, a few milliseconds
    // before or after it. One that would outlive this poll by less than
    // POLL_EARLY_MS ends with it, in the frame this poll draws anyway,
    // instead of in a frame of its own at its expiry timer.
    let changed = highlights.prune(at + POLL_EARLY_MS);
    const baseline = state.baseline;
    const found: Transition[] = [];
    const record = (
      kind: TransitionKind,
      id: string,
      row: RowMap[K],
      from: string | null,
      to: string | null,
      value?: string,
    ): void => {
      const name = snapshot.getName(row);
      const transition: Transition = {
        seq: ++this.seq,
        resource,
        kind,
        id,
        name,
        from,
        to,
        at,
        ...(value && { value }),
      };
      found.push(transition);
    };
    const { tracked } = snapshot;

    for (const row of rows) {
      const id = snapshot.getId(row);
      const entry = baseline.get(id);
      if (entry === undefined) {
        const status = snapshot.getStatus(row);
        baseline.set(id, entryOf(snapshot, row, status, generation));
        // Back within its highlight time: the ghost gives way to the live row, which is "new" again.
        highlights.dropGhost(id);
        highlights.mark(id, { kind: 'added', from: null, to: status, at, until: at + this.highlightMs });
        record('added', id, row, null, status);
        continue;
      }
      // A duplicate id within one list counts once (the first occurrence).
      if (entry.seen === generation) continue;
      entry.seen = generation;
      entry.row = row;
      const status = snapshot.getStatus(row);
      const moved = tracked === undefined ? undefined : movedFigures(tracked, row, entry);
      if (status === entry.status && moved === undefined) continue;
      const previous = entry.status;
      entry.status = status;
      const statusMoved = !sameStatus(status, previous);
      if (!statusMoved && moved === undefined) continue;
      // OLD is the status before this latest change (null when only a figure moved), and the highlight restarts.
      const until = at + this.highlightMs;
      const from = statusMoved ? previous : null;
      highlights.mark(id, { kind: 'changed', from, to: status, at, until, ...(moved && { values: moved.before }) });
      if (statusMoved) record('changed', id, row, previous, status);
      for (const figure of moved?.figures ?? []) record('changed', id, row, figure.from, figure.to, figure.id);
    }

    const partial = snapshot.partial === true;
    baseline.forEach((entry, id) => {
      if (entry.seen === generation) return;
      if (partial) {
        if (generation - entry.seen > PARTIAL_GRACE_POLLS) baseline.delete(id);
        return;
      }
      baseline.delete(id);
      const mark: RowMark = { kind: 'removed', from: entry.status, to: null, at, until: at + this.highlightMs };
      highlights.addGhost(id, { row: entry.row, mark });
      record('removed', id, entry.row, entry.status, null);
    });

    if (found.length > 0) {
      this.remember(found);
      if (this.viewing !== resource) state.unseen += found.length;
      changed = true;
    }
    // Off screen, only new transitions show (the tab's Δ count, the events
    // list); a ghost that came back or a replaced mark there changes nothing.
    if (changed) this.bump(found.length > 0 || this.onScreen(resource));
    return found.length > 0 ? found : NO_TRANSITIONS;
  }

  /**
   * A change that belongs to no one row, such as the account's burn rate,
   * or news about a row that is no change of it (a watch that fired, told in
   * its own `text`): an event in the story like any other (and news on
   * `resource`'s tab when it is hidden), with no row to highlight.
   */
  note(
    resource: ResourceKind,
    change: Pick<Transition, 'id' | 'name' | 'from' | 'to'> & Pick<Partial<Transition>, 'text'>,
    at: number,
  ): Transition {
    const transition: Transition = { seq: ++this.seq, resource, kind: 'changed', ...change, at };
    this.remember([transition]);
    if (this.viewing !== resource) this.states[resource].unseen += 1;
    this.bump(true);
    return transition;
  }

  /** Forget the baseline, marks and ghosts of `resource` (its query changed): the next observe is silent. Events and unseen counts stay. */
  reset(resource: ResourceKind): void {
    const state = this.states[resource];
    state.baseline = null;
    if (state.highlights.clear()) this.bump(true);
  }

  /** Active marks of changed and added rows at `now`, by id. The same Map instance while nothing changed. */
  marks(resource: ResourceKind, now: number): ReadonlyMap<string, RowMark> {
    const { highlights } = this.states[resource];
    if (highlights.prune(now)) this.bump(false);
    return highlights.markView();
  }

  /**
   * Removed rows still within their highlight at `now`, as last seen, oldest
   * removal first. Their ids are never in the last observed list. The same
   * array instance while nothing changed.
   */
  ghosts<K extends ResourceKind>(resource: K, now: number): readonly Ghost<RowMap[K]>[] {
    const { highlights } = this.stateOf<K>(resource);
    if (highlights.prune(now)) this.bump(false);
    return highlights.ghostView();
  }

  /** Every resource's transitions, newest first, at most `maxEvents`. The same array while nothing was added. */
  events(): readonly Transition[] {
    this.historyView ??= this.history.length === 0 ? NO_TRANSITIONS : this.history.slice().reverse();
    return this.historyView;
  }

  /** Transitions of `resource` since it was last seen (`markSeen`, or while it was the one `setViewing` named). */
  unseen(resource: ResourceKind): number {
    return this.states[resource].unseen;
  }

  markSeen(resource: ResourceKind): void {
    const state = this.states[resource];
    if (state.unseen === 0) return;
    state.unseen = 0;
    this.bump(true);
  }

  /** The resource on screen (null: none): its count is cleared now and its transitions count as seen as they happen. */
  setViewing(resource: ResourceKind | null): void {
    this.viewing = resource;
    if (resource !== null) this.markSeen(resource);
  }

  /** Drops every mark and ghost expired at `now`. For the UI's timer at `nextExpiry`; returns whether anything changed. */
  expire(now: number): boolean {
    let changed = false;
    let shown = false;
    for (const kind of RESOURCE_KINDS) {
      if (!this.states[kind].highlights.prune(now)) continue;
      changed = true;
      shown ||= this.onScreen(kind);
    }
    // A highlight ending on a hidden tab changes nothing on screen: no re-render
    // (with churn on four tabs that was a frame every few seconds, all identical).
    // Its marks are read, already pruned, when the tab is opened.
    if (changed) this.bump(shown);
    return changed;
  }

  /** Whether `resource`'s marks and ghosts can be on screen: it is the one viewed, or none is named. */
  private onScreen(resource: ResourceKind): boolean {
    return this.viewing === null || this.viewing === resource;
  }

  /**
   * The earliest time after `now` at which a mark or ghost expires, or null
   * when none is active. Expiry means `now >= until`, so a timer set for the
   * returned time, then `expire(Date.now())`, changes what is shown.
   */
  nextExpiry(now: number): number | null {
    let next = Infinity;
    let pruned = false;
    for (const kind of RESOURCE_KINDS) {
      const { highlights } = this.states[kind];
      pruned = highlights.prune(now) || pruned;
      next = Math.min(next, highlights.nextExpiry());
    }
    if (pruned) this.bump(false);
    return next === Infinity ? null : next;
  }

  /** Sizes of the internal state, to check that nothing grows without bound. */
  stats(): TrackerStats {
    const byResource = {} as Record<ResourceKind, ResourceStats>;
    for (const kind of RESOURCE_KINDS) {
      const state = this.states[kind];
      byResource[kind] = { tracked: state.baseline?.size ?? 0, ...state.highlights.size };
    }
    return { byResource, events: this.history.length, listeners: this.signal.listenerCount };
  }

  private stateOf<K extends ResourceKind>(resource: K): ResourceState<RowMap[K]> {
    return this.states[resource] as ResourceState<RowMap[K]>;
  }

  private remember(transitions: readonly Transition[]): void {
    if (this.maxEvents === 0) return;
    // Only the newest `maxEvents` of a large burst can survive; skip copying the rest.
    const start = Math.max(0, transitions.length - this.maxEvents);
    for (let i = start; i < transitions.length; i++) this.history.push(transitions[i]!);
    const excess = this.history.length - this.maxEvents;
    if (excess > 0) this.history.splice(0, excess);
    this.historyView = null;
  }

  private bump(notify: boolean): void {
    this.signal.changed(notify);
  }
}
