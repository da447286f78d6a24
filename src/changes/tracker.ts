/**
 * What changed between polls, per resource kind: a row's status changed, a
 * row appeared, a row went away. k9s colours such rows; cloudtop also says
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
import type { ResourceKind } from '../views/resource.js';
import { RESOURCE_KINDS } from '../views/resource.js';
import { isFailedStatus } from '../views/status.js';
import { sanitize } from '../util/text.js';

export type TransitionKind = 'changed' | 'added' | 'removed';

/** One event in the story. `from` is null for an added row, `to` for a removed one. */
export interface Transition {
  /** Increases by one per transition across all resources: a stable React key, and an order. */
  readonly seq: number;
  readonly resource: ResourceKind;
  readonly kind: TransitionKind;
  readonly id: string;
  /** The row's name when the transition was seen (for a removed row, its last-seen name). Untrusted text. */
  readonly name: string;
  readonly from: string | null;
  readonly to: string | null;
  /** The `at` given to the `observe` that saw it (epoch ms). */
  readonly at: number;
}

/** How a row is highlighted, and until when: active while `now < until`. */
export interface RowMark {
  readonly kind: TransitionKind;
  readonly from: string | null;
  readonly to: string | null;
  readonly at: number;
  readonly until: number;
}

/** A removed row kept visible (dimmed, marked gone) until its mark expires. */
export interface Ghost<Row> {
  /** The row as it was last seen. */
  readonly row: Row;
  readonly mark: RowMark;
}

/** How to read a row; a `ResourceView` from src/views has exactly these. */
export interface RowAccessors<Row> {
  getId(row: Row): string;
  getName(row: Row): string;
  getStatus(row: Row): string;
}

export interface Snapshot<Row> extends RowAccessors<Row> {
  rows: readonly Row[];
  /**
   * The list is known to be incomplete (e.g. `ListResult.truncated`, cut at
   * the item cap): a missing row is then not evidence that it is gone. Missing
   * rows are kept silently for a few polls (see PARTIAL_GRACE_POLLS) and then
   * forgotten without a "removed" event. Status changes and additions are
   * still reported.
   */
  partial?: boolean;
}

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
}

interface ResourceState<Row> {
  /** Null until the baseline (first observe, or first after reset). */
  baseline: Map<string, Entry<Row>> | null;
  generation: number;
  marks: Map<string, RowMark>;
  ghosts: Map<string, Ghost<Row>>;
  /** Handed-out copies, rebuilt only after a change, so identity means "unchanged". */
  marksView: ReadonlyMap<string, RowMark> | null;
  ghostsView: readonly Ghost<Row>[] | null;
  /** A lower bound on the earliest `until` among marks and ghosts; exact unless `earliestStale`. */
  earliest: number;
  earliestStale: boolean;
  unseen: number;
}

const NO_TRANSITIONS: readonly Transition[] = Object.freeze([]);
const NO_GHOSTS: readonly Ghost<never>[] = Object.freeze([]);
const EMPTY_MARKS: ReadonlyMap<string, RowMark> = new Map();

function sameStatus(a: string, b: string): boolean {
  return a === b || a.toUpperCase() === b.toUpperCase();
}

function checkedNumber(name: string, value: number, integer: boolean): number {
  if (!Number.isFinite(value) || value < 0 || (integer && !Number.isInteger(value))) {
    throw new RangeError(`${name} must be a ${integer ? 'non-negative integer' : 'non-negative number'}, got ${value}`);
  }
  return value;
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
  private currentVersion = 0;
  private viewing: ResourceKind | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(options: TrackerOptions = {}) {
    this.highlightMs = checkedNumber('highlightMs', options.highlightMs ?? DEFAULT_HIGHLIGHT_MS, false);
    this.maxEvents = checkedNumber('maxEvents', options.maxEvents ?? DEFAULT_MAX_EVENTS, true);
    const states = {} as Record<ResourceKind, ResourceState<unknown>>;
    for (const kind of RESOURCE_KINDS) {
      states[kind] = {
        baseline: null,
        generation: 0,
        marks: new Map(),
        ghosts: new Map(),
        marksView: null,
        ghostsView: null,
        earliest: Infinity,
        earliestStale: false,
        unseen: 0,
      };
    }
    this.states = states;
  }

  /** Bumps whenever anything a reader can see changed: transitions, expiries, reset, seen counters. */
  get version(): number {
    return this.currentVersion;
  }

  /**
   * Calls `listener` after `observe`, `reset`, `expire`, `markSeen` or
   * `setViewing` changed something, never from the read methods (they run
   * during render). Shaped for React's `useSyncExternalStore(tracker.subscribe, () => tracker.version)`.
   */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

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
        if (!baseline.has(id)) baseline.set(id, { row, status: snapshot.getStatus(row), seen: generation });
      }
      state.baseline = baseline;
      return NO_TRANSITIONS;
    }

    let changed = this.prune(state, at);
    const baseline = state.baseline;
    const found: Transition[] = [];
    const record = (kind: TransitionKind, id: string, row: RowMap[K], from: string | null, to: string | null): void => {
      const transition: Transition = { seq: ++this.seq, resource, kind, id, name: snapshot.getName(row), from, to, at };
      found.push(transition);
    };

    for (const row of rows) {
      const id = snapshot.getId(row);
      const entry = baseline.get(id);
      if (entry === undefined) {
        const status = snapshot.getStatus(row);
        baseline.set(id, { row, status, seen: generation });
        // Back within its highlight time: the ghost gives way to the live row, which is "new" again.
        if (state.ghosts.delete(id)) this.invalidateGhosts(state);
        this.setMark(state, id, { kind: 'added', from: null, to: status, at, until: at + this.highlightMs });
        record('added', id, row, null, status);
        continue;
      }
      // A duplicate id within one list counts once (the first occurrence).
      if (entry.seen === generation) continue;
      entry.seen = generation;
      entry.row = row;
      const status = snapshot.getStatus(row);
      if (status === entry.status) continue;
      const previous = entry.status;
      entry.status = status;
      if (sameStatus(status, previous)) continue;
      // OLD is the status before this latest change, and the highlight restarts.
      this.setMark(state, id, { kind: 'changed', from: previous, to: status, at, until: at + this.highlightMs });
      record('changed', id, row, previous, status);
    }

    const partial = snapshot.partial === true;
    baseline.forEach((entry, id) => {
      if (entry.seen === generation) return;
      if (partial) {
        if (generation - entry.seen > PARTIAL_GRACE_POLLS) baseline.delete(id);
        return;
      }
      baseline.delete(id);
      if (state.marks.delete(id)) {
        this.invalidateMarks(state);
        state.earliestStale = true;
      }
      const mark: RowMark = { kind: 'removed', from: entry.status, to: null, at, until: at + this.highlightMs };
      state.ghosts.set(id, { row: entry.row, mark });
      this.invalidateGhosts(state);
      this.noteExpiry(state, mark.until);
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
   * A change that belongs to no one row, such as the account's burn rate:
   * an event in the story like any other (and news on `resource`'s tab when
   * it is hidden), with no row to highlight.
   */
  note(resource: ResourceKind, change: Pick<Transition, 'id' | 'name' | 'from' | 'to'>, at: number): Transition {
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
    const visible = state.marks.size > 0 || state.ghosts.size > 0;
    state.marks.clear();
    state.ghosts.clear();
    state.earliest = Infinity;
    state.earliestStale = false;
    if (visible) {
      this.invalidateMarks(state);
      this.invalidateGhosts(state);
      this.bump(true);
    }
  }

  /** Active marks of changed and added rows at `now`, by id. The same Map instance while nothing changed. */
  marks(resource: ResourceKind, now: number): ReadonlyMap<string, RowMark> {
    const state = this.states[resource];
    if (this.prune(state, now)) this.bump(false);
    if (state.marksView === null) state.marksView = state.marks.size === 0 ? EMPTY_MARKS : new Map(state.marks);
    return state.marksView;
  }

  /**
   * Removed rows still within their highlight at `now`, as last seen, oldest
   * removal first. Their ids are never in the last observed list. The same
   * array instance while nothing changed.
   */
  ghosts<K extends ResourceKind>(resource: K, now: number): readonly Ghost<RowMap[K]>[] {
    const state = this.stateOf<K>(resource);
    if (this.prune(state, now)) this.bump(false);
    if (state.ghostsView === null)
      state.ghostsView = state.ghosts.size === 0 ? NO_GHOSTS : Array.from(state.ghosts.values());
    return state.ghostsView;
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
      if (!this.prune(this.states[kind], now)) continue;
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
      const state = this.states[kind];
      pruned = this.prune(state, now) || pruned;
      if (state.earliestStale) this.recomputeEarliest(state);
      if (state.earliest < next) next = state.earliest;
    }
    if (pruned) this.bump(false);
    return next === Infinity ? null : next;
  }

  /** Sizes of the internal state, to check that nothing grows without bound. */
  stats(): TrackerStats {
    const byResource = {} as Record<ResourceKind, ResourceStats>;
    for (const kind of RESOURCE_KINDS) {
      const state = this.states[kind];
      byResource[kind] = { tracked: state.baseline?.size ?? 0, marks: state.marks.size, ghosts: state.ghosts.size };
    }
    return { byResource, events: this.history.length, listeners: this.listeners.size };
  }

  private stateOf<K extends ResourceKind>(resource: K): ResourceState<RowMap[K]> {
    return this.states[resource] as ResourceState<RowMap[K]>;
  }

  private setMark<Row>(state: ResourceState<Row>, id: string, mark: RowMark): void {
    // Replacing a mark may remove the one that held the earliest expiry.
    if (state.marks.has(id)) state.earliestStale = true;
    state.marks.set(id, mark);
    this.invalidateMarks(state);
    this.noteExpiry(state, mark.until);
  }

  private noteExpiry<Row>(state: ResourceState<Row>, until: number): void {
    if (until < state.earliest) state.earliest = until;
  }

  private invalidateMarks<Row>(state: ResourceState<Row>): void {
    state.marksView = null;
  }

  private invalidateGhosts<Row>(state: ResourceState<Row>): void {
    state.ghostsView = null;
    // A ghost may leave early (its id came back), so the earliest expiry may be stale.
    state.earliestStale = true;
  }

  /** Drops marks and ghosts expired at `now`; cheap (one comparison) until the earliest expiry is reached. */
  private prune<Row>(state: ResourceState<Row>, now: number): boolean {
    if (now < state.earliest) return false;
    let earliest = Infinity;
    let marksChanged = false;
    let ghostsChanged = false;
    state.marks.forEach((mark, id) => {
      if (now >= mark.until) {
        state.marks.delete(id);
        marksChanged = true;
      } else if (mark.until < earliest) earliest = mark.until;
    });
    state.ghosts.forEach((ghost, id) => {
      if (now >= ghost.mark.until) {
        state.ghosts.delete(id);
        ghostsChanged = true;
      } else if (ghost.mark.until < earliest) earliest = ghost.mark.until;
    });
    state.earliest = earliest;
    state.earliestStale = false;
    if (marksChanged) state.marksView = null;
    if (ghostsChanged) state.ghostsView = null;
    return marksChanged || ghostsChanged;
  }

  private recomputeEarliest<Row>(state: ResourceState<Row>): void {
    let earliest = Infinity;
    state.marks.forEach((mark) => {
      if (mark.until < earliest) earliest = mark.until;
    });
    state.ghosts.forEach((ghost) => {
      if (ghost.mark.until < earliest) earliest = ghost.mark.until;
    });
    state.earliest = earliest;
    state.earliestStale = false;
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
    this.currentVersion++;
    if (!notify) return;
    for (const listener of Array.from(this.listeners)) listener();
  }
}

/** One line for the events panel and notifications: `ACTIVE → ERROR`, `new (PROVISIONING)`, `gone (was ACTIVE)`. Terminal-safe. */
export function describeTransition(transition: Pick<Transition, 'kind' | 'from' | 'to'>): string {
  const show = (status: string | null): string => sanitize(status ?? '') || '?';
  switch (transition.kind) {
    case 'changed':
      return `${show(transition.from)} → ${show(transition.to)}`;
    case 'added':
      return `new (${show(transition.to)})`;
    case 'removed':
      return `gone (was ${show(transition.from)})`;
  }
}

/** A resource has just failed: it reached a failed status (ERROR, OFFLINE, …) from one that was not, or appeared failed. For `--notify`. */
export function isFailureTransition(transition: Pick<Transition, 'from' | 'to'>): boolean {
  if (transition.to === null || !isFailedStatus(transition.to)) return false;
  return transition.from === null || !isFailedStatus(transition.from);
}
