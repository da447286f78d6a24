/**
 * Sorting that costs O(n), not O(n log n) with a collator, when a poll brings
 * the same list with a few rows changed: the previous order is kept and only
 * rows whose sort value changed (or that are new) are placed again, by binary
 * search. The result is exactly what `sortRows` gives (ties are broken by name
 * and id, so the order is total); only the cost differs.
 *
 * Rows are compared by identity: with react-query's structural sharing an
 * unchanged row is the same object from poll to poll, so "did it change" is a
 * pointer comparison.
 */
import { keyedComparator, keyRow, type Column, type KeyedRow, type RowIdentity, type SortValue } from './columns.js';

type Keyed<Row> = KeyedRow<Row>;

/** A sorted list, with what is needed to update it cheaply from the next input. */
export interface Sorted<Row> {
  /** In sorted order. */
  readonly rows: readonly Row[];
  /** What it was computed from: the next call compares against these. */
  readonly input: readonly Row[];
  readonly column: Column<Row> | undefined;
  readonly descending: boolean;
  readonly identity: RowIdentity<Row>;
  readonly keyed: readonly Keyed<Row>[];
}

/** More changed rows than this (or than 1/8 of the list) and a full sort is cheaper than placing each. */
const MAX_PLACED = 256;
/** Up to this many replaced rows are found by scanning rather than through a Map. */
const FEW = 8;

/**
 * `rows` sorted by `sort` (missing values last in both directions, ties by
 * id), reusing `previous` when it was sorted the same way. Returns `previous`
 * itself when nothing changed, so memoised consumers see the same arrays.
 */
export function sortIncrementally<Row>(
  previous: Sorted<Row> | null,
  rows: readonly Row[],
  columns: readonly Column<Row>[],
  sort: { columnId: string; descending: boolean } | undefined,
  identity: RowIdentity<Row>,
): Sorted<Row> {
  const column = sort ? columns.find((c) => c.id === sort.columnId) : undefined;
  const descending = sort?.descending === true;
  if (!column) return { rows: rows.slice(), input: rows, column, descending, identity, keyed: [] };
  const compare = comparator<Row>(descending);
  const keyOf = (row: Row): Keyed<Row> => keyRow(column, identity, row);

  if (
    previous &&
    previous.column === column &&
    previous.descending === descending &&
    previous.identity === identity &&
    previous.keyed.length > 0
  ) {
    const updated = update(previous, rows, keyOf, compare);
    if (updated) return updated === previous.keyed ? previous : finish(updated, rows, column, descending, identity);
  }
  const keyed = rows.map(keyOf);
  keyed.sort(compare);
  return finish(keyed, rows, column, descending, identity);
}

function finish<Row>(
  keyed: readonly Keyed<Row>[],
  input: readonly Row[],
  column: Column<Row>,
  descending: boolean,
  identity: RowIdentity<Row>,
): Sorted<Row> {
  return { rows: keyed.map((k) => k.row), input, column, descending, identity, keyed };
}

/**
 * The previous order with changed rows re-placed, `previous.keyed` itself when
 * nothing changed, or null when so much changed that a full sort is cheaper.
 */
function update<Row>(
  previous: Sorted<Row>,
  rows: readonly Row[],
  keyOf: (row: Row) => Keyed<Row>,
  compare: (a: Keyed<Row>, b: Keyed<Row>) => number,
): readonly Keyed<Row>[] | null {
  const limit = Math.max(16, Math.min(MAX_PLACED, rows.length >> 3));
  const before = previous.input;

  // The common case: the same ids in the same input order, a few rows replaced.
  if (before.length === rows.length) {
    const replaced: [old: Row, row: Row][] = [];
    let sameIds = true;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      const old = before[i]!;
      if (row === old) continue;
      if (previous.identity.getId(row) !== previous.identity.getId(old) || replaced.length >= limit) {
        sameIds = false;
        break;
      }
      replaced.push([old, row]);
    }
    if (sameIds) {
      if (replaced.length === 0) return previous.keyed;
      if (replaced.length <= FEW) return patch(previous.keyed, replaced, keyOf, compare);
      const byOld = new Map(replaced);
      const kept: Keyed<Row>[] = [];
      const moved: Keyed<Row>[] = [];
      for (const entry of previous.keyed) {
        const row = byOld.get(entry.row);
        if (row === undefined) kept.push(entry);
        else place(keyOf(row), entry, kept, moved);
      }
      return insertAll(kept, moved, compare);
    }
  }

  // Rows came or went: match by id.
  const byId = new Map<string, Row>();
  for (const row of rows) byId.set(previous.identity.getId(row), row);
  const kept: Keyed<Row>[] = [];
  const moved: Keyed<Row>[] = [];
  for (const entry of previous.keyed) {
    const row = byId.get(entry.id);
    if (row === undefined) continue;
    byId.delete(entry.id);
    if (row === entry.row) kept.push(entry);
    else place(keyOf(row), entry, kept, moved);
    if (moved.length > limit) return null;
  }
  if (moved.length + byId.size > limit) return null;
  for (const row of byId.values()) moved.push(keyOf(row));
  return insertAll(kept, moved, compare);
}

/**
 * A handful of rows replaced: find each by a scan of pointers and patch a copy
 * in place, which is far cheaper than rebuilding a 20,000-entry list.
 */
function patch<Row>(
  keyed: readonly Keyed<Row>[],
  replaced: readonly [Row, Row][],
  keyOf: (row: Row) => Keyed<Row>,
  compare: (a: Keyed<Row>, b: Keyed<Row>) => number,
): Keyed<Row>[] {
  const next = keyed.slice();
  const moved: Keyed<Row>[] = [];
  for (const [old, row] of replaced) {
    let index = -1;
    for (let i = 0; i < next.length; i++) {
      if (next[i]!.row === old) {
        index = i;
        break;
      }
    }
    const entry = keyOf(row);
    if (index === -1) moved.push(entry);
    else if (sameValue(entry.value, next[index]!.value)) next[index] = entry;
    else {
      next.splice(index, 1);
      moved.push(entry);
    }
  }
  return insertAll(next, moved, compare);
}

/** A changed row stays where it was if it still sorts the same; otherwise it is placed again. */
function place<Row>(next: Keyed<Row>, old: Keyed<Row>, kept: Keyed<Row>[], moved: Keyed<Row>[]): void {
  // Same value and same id: exactly the old position, whatever else changed in the row.
  if (sameValue(next.value, old.value)) kept.push(next);
  else moved.push(next);
}

function sameValue(a: SortValue, b: SortValue): boolean {
  if (a === b) return true;
  const aMissing = a === null || a === '';
  const bMissing = b === null || b === '';
  return aMissing && bMissing;
}

function insertAll<Row>(
  kept: Keyed<Row>[],
  moved: readonly Keyed<Row>[],
  compare: (a: Keyed<Row>, b: Keyed<Row>) => number,
): Keyed<Row>[] {
  for (const entry of moved) {
    let low = 0;
    let high = kept.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (compare(kept[mid]!, entry) <= 0) low = mid + 1;
      else high = mid;
    }
    kept.splice(low, 0, entry);
  }
  return kept;
}

const comparator = keyedComparator;

/**
 * Places `extra` rows (e.g. ghosts of removed rows) into an already sorted
 * list where a full sort would put them. O(k log n) comparisons plus copies.
 */
export function insertSorted<Row>(
  sorted: readonly Row[],
  extra: readonly Row[],
  columns: readonly Column<Row>[],
  sort: { columnId: string; descending: boolean } | undefined,
  identity: RowIdentity<Row>,
): Row[] {
  const column = sort ? columns.find((c) => c.id === sort.columnId) : undefined;
  if (!column) return [...sorted, ...extra];
  const compare = comparator<Row>(sort?.descending === true);
  const keyOf = (row: Row): Keyed<Row> => keyRow(column, identity, row);
  const result = sorted.slice();
  for (const row of extra) {
    const entry = keyOf(row);
    let low = 0;
    let high = result.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (compare(keyOf(result[mid]!), entry) <= 0) low = mid + 1;
      else high = mid;
    }
    result.splice(low, 0, row);
  }
  return result;
}
