/**
 * Watches: filter expressions, in the `/` language, kept over time, that
 * say when a row comes to match one ("tell me when 8×H200 under $3 per
 * GPU-hour is in stock": `gpu:H200 count:8 price<3 stock:high`). Plain
 * TypeScript, time passed in; the dashboard shows each poll's rows and tells
 * people what fires (an event line, and with `--notify` a notification).
 *
 * The rules:
 * - A row fires a watch when it matches it now and did not at the last
 *   poll: it appeared matching, or its stock or price moved into the match.
 * - It does not fire again while it keeps matching; once it has stopped
 *   matching (or left the list), matching again fires again.
 * - A watch starts from the rows it would have seen: added between two
 *   polls, its baseline is the last poll's rows (what matches then is
 *   counted, `matching`, not announced); added before any poll, the first.
 *   The first poll of another list (`fresh`: another account, another
 *   server query) is a baseline for every watch: a row missing from it says
 *   nothing about the last list.
 * - In a list known to be incomplete (`partial`), a row missing from it is
 *   not taken to have stopped matching.
 * - A watch is known by its text: removing one forgets it, and adding the
 *   same text again starts a new baseline.
 */
import type { ResourceKind } from '../views/resource.js';
import { compileFilter, type FilterAccessors } from './match.js';
import type { FilterExpression } from './parse.js';

/**
 * What watches watch: the offers, where stock comes and goes. Their filters
 * are checked against this tab's view, so a term it cannot apply is refused.
 */
export const WATCH_KIND: ResourceKind = 'availability';

/** More would be a mistake: each one is compared with every offer of every poll. */
export const MAX_WATCHES = 20;

export interface WatchFiring<Row> {
  /** Which watch, by its place in the list observed (0-based). */
  index: number;
  watch: FilterExpression;
  row: Row;
}

export interface PollOfRows<Row> {
  rows: readonly Row[];
  /** When the rows were fetched (epoch ms): what a `since:` term counts back from. */
  at: number;
  /** Another list than the last one: take a baseline. */
  fresh?: boolean;
  /** The list may lack rows that are still there. */
  partial?: boolean;
}

interface WatchState<Row> {
  predicate: (row: Row) => boolean;
  /** Ids that matched at the last poll; null before the first. */
  matching: Set<string> | null;
}

export class WatchBook<Row> {
  private readonly states = new Map<string, WatchState<Row>>();
  /** The last poll's rows (not copied): the baseline of a watch added after it. */
  private last: PollOfRows<Row> | null = null;

  constructor(private readonly accessors: FilterAccessors<Row>) {}

  /** A poll's rows against every watch in force; the firings, in watch order then row order. */
  observe(watches: readonly FilterExpression[], poll: PollOfRows<Row>): WatchFiring<Row>[] {
    this.forgetAllBut(watches);
    const firings: WatchFiring<Row>[] = [];
    watches.forEach((watch, index) => {
      const state = this.stateOf(watch, poll.at);
      if (poll.fresh) state.matching = null;
      const before = state.matching;
      const now = new Set<string>();
      for (const row of poll.rows) {
        if (!state.predicate(row)) continue;
        const id = this.accessors.getId(row);
        if (now.has(id)) continue;
        now.add(id);
        if (before !== null && !before.has(id)) firings.push({ index, watch, row });
      }
      if (poll.partial && before !== null) {
        // A row the list left out is as it was: still matching if it matched.
        const present = new Set(poll.rows.map((row) => this.accessors.getId(row)));
        for (const id of before) if (!present.has(id)) now.add(id);
      }
      state.matching = now;
    });
    this.last = poll;
    return firings;
  }

  /** How many rows match the watch as of the last poll, or null before any poll. */
  matching(watch: FilterExpression): number | null {
    if (this.last === null) return null;
    return this.stateOf(watch, this.last.at).matching?.size ?? null;
  }

  /** The watch's state; a new one takes the last poll's rows as its baseline. */
  private stateOf(watch: FilterExpression, now: number): WatchState<Row> {
    let state = this.states.get(watch.source);
    if (!state) {
      // Whatever the `a` key says: a watch names what it wants.
      const predicate = compileFilter(watch, this.accessors, { showGone: true, now });
      state = { predicate, matching: this.last === null ? null : this.idsMatching(predicate, this.last.rows) };
      this.states.set(watch.source, state);
    }
    return state;
  }

  private idsMatching(predicate: (row: Row) => boolean, rows: readonly Row[]): Set<string> {
    const ids = new Set<string>();
    for (const row of rows) if (predicate(row)) ids.add(this.accessors.getId(row));
    return ids;
  }

  private forgetAllBut(watches: readonly FilterExpression[]): void {
    if (this.states.size === 0) return;
    const kept = new Set(watches.map((watch) => watch.source));
    for (const source of this.states.keys()) if (!kept.has(source)) this.states.delete(source);
  }
}
