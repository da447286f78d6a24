/**
 * The figures a view tracks beside the status (ResourceView.tracked, e.g. an
 * offer's price), compared from one poll to the next for the transition
 * tracker (tracker.ts): which moved, their texts before for the row's mark,
 * and the transitions' texts.
 */
import type { TrackedValue } from '../views/resource.js';

/** Where a row's figures are kept between polls: the tracker's entry for the row. */
export interface FigureHolder {
  /** As last read, in the order of `tracked`; absent until first read. */
  values?: (number | null)[];
}

/** Tracked figures that moved: each one's text before, by id (the row's mark), and the transitions' texts. */
export interface MovedFigures {
  before: Record<string, string>;
  figures: { id: string; from: string; to: string }[];
}

/** The tracked figures of `row` that moved since `entry` saw them, which `entry` then holds; undefined when none did. */
export function movedFigures<Row>(
  tracked: readonly TrackedValue<Row>[],
  row: Row,
  entry: FigureHolder,
): MovedFigures | undefined {
  const values = entry.values;
  if (values === undefined) {
    // First seen without figures (tracked since): they start here, as a baseline does.
    entry.values = tracked.map((figure) => figure.read(row));
    return undefined;
  }
  let moved: MovedFigures | undefined;
  tracked.forEach((figure, index) => {
    const now = figure.read(row);
    const before = values[index] ?? null;
    if (now === before) return;
    values[index] = now;
    moved ??= { before: {}, figures: [] };
    const from = figure.format(before);
    moved.before[figure.id] = from;
    moved.figures.push({ id: figure.id, from, to: figure.describe?.(before, now) ?? figure.format(now) });
  });
  return moved;
}
