/**
 * The watches in force, as part of the UI state: those saved in the config
 * file (`watches`) first, then those added with `:watch` (remembered between
 * runs, like the command history), numbered from 1 in that order as
 * `:watches` lists them and `:unwatch N` takes them. What a watch does with
 * each poll is src/filter/watch.ts; telling people is the dashboard's.
 */
import { sanitize } from '../util/text.js';
import { MAX_WATCHES, type FilterExpression } from '../filter/index.js';

export { MAX_WATCHES, WATCH_KIND } from '../filter/index.js';

export interface WatchEntry {
  filter: FilterExpression;
  /** From the config file: `:unwatch` ends it for this run only. */
  saved: boolean;
}

/** The saved ones, then the remembered live ones that are not the same text as a saved one. */
export function initialWatches(
  saved: readonly FilterExpression[] = [],
  live: readonly FilterExpression[] = [],
): WatchEntry[] {
  const entries: WatchEntry[] = [];
  const add = (filter: FilterExpression, isSaved: boolean): void => {
    if (entries.length >= MAX_WATCHES || entries.some((entry) => entry.filter.source === filter.source)) return;
    entries.push({ filter, saved: isSaved });
  };
  saved.forEach((filter) => add(filter, true));
  live.forEach((filter) => add(filter, false));
  return entries;
}

/** `watches` with `filter` added live, or the one line why not. */
export function withWatch(watches: readonly WatchEntry[], filter: FilterExpression): WatchEntry[] | string {
  const same = watches.findIndex((entry) => entry.filter.source.trim() === filter.source.trim());
  if (same >= 0) return `watch ${same + 1} is already ${sanitize(filter.source.trim())}`;
  if (watches.length >= MAX_WATCHES) return `at most ${MAX_WATCHES} watches: :unwatch one first`;
  return [...watches, { filter: { ...filter, source: filter.source.trim() }, saved: false }];
}

/** `watches` without the `number`th (from 1) and what it was, or the one line why not. */
export function withoutWatch(
  watches: readonly WatchEntry[],
  number: number,
): { watches: WatchEntry[]; removed: WatchEntry } | string {
  const removed = watches[number - 1];
  if (!removed)
    return watches.length === 0
      ? 'no watches to remove (:watch EXPR adds one)'
      : `no watch ${number}: there ${watches.length === 1 ? 'is 1' : `are ${watches.length}`} (:watches lists them)`;
  return { watches: watches.filter((_, index) => index !== number - 1), removed };
}

/**
 * The list in one line for the flash line: `1 gpu:H200 price<3 (2 match) ·
 * 2 spot stock:high (saved, 0 match)`; `matches` says how many offers each
 * matched at the last poll (null: not polled yet).
 */
export function describeWatches(
  watches: readonly WatchEntry[],
  matches: (filter: FilterExpression) => number | null = () => null,
): string {
  if (watches.length === 0) return 'no watches: :watch EXPR adds one, e.g. :watch gpu:H200 count:8 price<3 stock:high';
  return watches
    .map((entry, index) => {
      const count = matches(entry.filter);
      const notes = [entry.saved ? 'saved' : null, count === null ? null : `${count} match`].filter(Boolean);
      return `${index + 1} ${sanitize(entry.filter.source)}${notes.length > 0 ? ` (${notes.join(', ')})` : ''}`;
    })
    .join(' · ');
}
